package io.teg.sim.report;

import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.metrics.SchedulerSummary;
import io.teg.sim.metrics.TimeSeries;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The PNG plots of {@code teg sim}, drawn with XChart off screen (the JVM is switched to headless AWT when nothing
 * has chosen yet).
 *
 * <ul>
 *   <li>{@value #WAIT_CDF}: empirical CDF of the wait (start - submit) of started jobs, one line per scheduler,
 *       log-scaled wait axis in seconds. The waits of all runs of a scheduler are pooled. A log axis cannot show 0,
 *       so waits under {@value #MIN_WAIT_S} s are drawn at {@value #MIN_WAIT_S} s: the curve's first point is the
 *       share of jobs that waited at most that long. Drawn at {@value #CDF_POINTS} log-spaced waits.</li>
 *   <li>{@value #UTILIZATION}: allocated share of the primary resource over time, one line per scheduler.</li>
 *   <li>{@value #RACK_POWER} and {@value #RACK_INLET}: power (kW) and hottest inlet temperature (degrees C) of the
 *       hottest racks over time, one panel per scheduler stacked top to bottom in scheduler order, one line per
 *       rack in each panel. Each scheduler heats different racks, so each panel shows that scheduler's own hottest
 *       racks (by mean inlet temperature, at most {@link io.teg.sim.metrics.MetricsRecorder#RACKS_KEPT}); all
 *       panels share one value axis range so they can be compared at a glance. Buckets in which no sample was
 *       taken (empty stretches the simulator crosses in one step; they hold zeros) are left out of these two plots;
 *       the utilisation plot keeps them, since nothing ran then.</li>
 * </ul>
 *
 * <p>Time series come from the first run (lowest seed) of each scheduler; time is in hours since the earliest
 * series start over all schedulers, so the schedulers line up on the trace's clock. Series order, names, colours
 * and data are deterministic; PNG bytes may still differ between JVMs (font rendering). Immutable.
 */
public final class Plots {

    public static final String WAIT_CDF = "wait_cdf.png";
    public static final String UTILIZATION = "utilization.png";
    public static final String RACK_POWER = "rack_power.png";
    public static final String RACK_INLET = "rack_inlet.png";
    /** Waits below this are drawn at this value on the log axis, seconds. */
    public static final double MIN_WAIT_S = 1.0;
    /** Points per wait CDF line. */
    public static final int CDF_POINTS = 200;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final int PANEL_HEIGHT = 320;

    private final List<SchedulerSummary> schedulers;
    private final double originS;
    private final double endH;

    /**
     * @param schedulers one summary per scheduler, in legend and panel order, names distinct
     * @throws IllegalArgumentException when {@code schedulers} is empty or repeats a name
     */
    public Plots(List<SchedulerSummary> schedulers) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        this.schedulers = Summaries.checked(schedulers);
        double origin = Double.POSITIVE_INFINITY;
        double end = Double.NEGATIVE_INFINITY;
        for (SchedulerSummary s : this.schedulers) {
            long[] t = s.firstRun().series().timesS();
            if (t.length > 0) {
                origin = Math.min(origin, t[0]);
                end = Math.max(end, t[t.length - 1]);
            }
        }
        this.originS = origin == Double.POSITIVE_INFINITY ? 0 : origin;
        this.endH = end == Double.NEGATIVE_INFINITY ? 0 : (end - originS) / 3600.0;
    }

    /**
     * Writes the four PNG files into {@code dir}, creating it if needed, replacing older files.
     *
     * @return the paths written: wait CDF, utilisation, rack power, rack inlet
     */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path cdf = save(List.of(waitCdf()), dir.resolve(WAIT_CDF));
        Path util = save(List.of(utilization()), dir.resolve(UTILIZATION));
        Path power = save(rackPower(), dir.resolve(RACK_POWER));
        Path inlet = save(rackInlet(), dir.resolve(RACK_INLET));
        return List.of(cdf, util, power, inlet);
    }

    /** The wait CDF chart: one series per scheduler that started any job, named after it. */
    XYChart waitCdf() {
        XYChart chart = chart("Wait time CDF (all runs pooled)", "wait (s, log scale)", "share of started jobs",
                WIDTH, HEIGHT);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (SchedulerSummary s : schedulers) {
            double[][] xy = cdf(pooledWaits(s), CDF_POINTS);
            if (xy[0].length > 0) line(chart, s.scheduler(), xy[0], xy[1]);
        }
        return chart;
    }

    /** The utilisation chart: one series per scheduler with samples, named after it. */
    XYChart utilization() {
        XYChart chart = timeChart("Utilization (first run)", "allocated share of primary resource", HEIGHT);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (SchedulerSummary s : schedulers) {
            TimeSeries ts = s.firstRun().series();
            if (ts.timesS().length > 0) line(chart, s.scheduler(), hours(ts), ts.utilization());
        }
        return chart;
    }

    /** One rack power panel per scheduler, series "rack N" in kW. */
    List<XYChart> rackPower() {
        return rackPanels("rack power", "power (kW)", ts -> kilo(ts.rackPowerW()));
    }

    /** One rack inlet panel per scheduler, series "rack N" in degrees Celsius. */
    List<XYChart> rackInlet() {
        return rackPanels("hottest inlet", "inlet temperature (deg C)", TimeSeries::rackInletC);
    }

    private List<XYChart> rackPanels(String what, String yTitle, Function<TimeSeries, double[][]> values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SchedulerSummary s : schedulers) {
            TimeSeries ts = s.firstRun().series();
            boolean[] sampled = sampled(ts);
            for (double[] rack : values.apply(ts)) {
                for (int i = 0; i < rack.length; i++) {
                    if (!sampled[i]) continue;
                    lo = Math.min(lo, rack[i]);
                    hi = Math.max(hi, rack[i]);
                }
            }
        }
        List<XYChart> panels = new ArrayList<>();
        for (SchedulerSummary s : schedulers) {
            XYChart chart = timeChart(s.scheduler() + ": " + what + " of the hottest racks (first run)", yTitle,
                    PANEL_HEIGHT);
            if (lo <= hi) {
                double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1.0, Math.abs(hi) * 0.05);
                chart.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
            }
            TimeSeries ts = s.firstRun().series();
            boolean[] sampled = sampled(ts);
            double[] x = only(hours(ts), sampled);
            if (x.length > 0) {
                double[][] y = values.apply(ts);
                for (int k = 0; k < ts.racks().length; k++) line(chart, "rack " + ts.racks()[k], x, only(y[k], sampled));
            }
            panels.add(chart);
        }
        return panels;
    }

    /**
     * Which buckets hold at least one sample. The simulator crosses stretches with nothing running in one step, so
     * some buckets get no sample and hold zeros; a sampled room always draws power, so a bucket with neither IT
     * nor cooling power had none. Zero is right for utilisation there, but not for power and temperature.
     */
    private static boolean[] sampled(TimeSeries ts) {
        boolean[] s = new boolean[ts.timesS().length];
        for (int i = 0; i < s.length; i++) s[i] = ts.itPowerW()[i] != 0 || ts.coolingPowerW()[i] != 0;
        return s;
    }

    private static double[] only(double[] values, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) if (k) n++;
        double[] out = new double[n];
        int at = 0;
        for (int i = 0; i < keep.length; i++) if (keep[i]) out[at++] = values[i];
        return out;
    }

    /**
     * Points of the empirical CDF of {@code sortedWaitsS} for a log axis: {@code points} waits spaced evenly in
     * log from {@link #MIN_WAIT_S} to the largest wait (exactly), each with the share of waits at or below it.
     *
     * @param sortedWaitsS waits, seconds, ascending
     * @return {@code {x, y}}; both empty when there are no waits, one point when no wait exceeds the minimum
     */
    static double[][] cdf(double[] sortedWaitsS, int points) {
        int n = sortedWaitsS.length;
        if (n == 0) return new double[][] {new double[0], new double[0]};
        double max = Math.max(MIN_WAIT_S, sortedWaitsS[n - 1]);
        int k = max > MIN_WAIT_S ? Math.max(2, points) : 1;
        double[] x = new double[k];
        double[] y = new double[k];
        double logLo = Math.log(MIN_WAIT_S);
        double step = k > 1 ? (Math.log(max) - logLo) / (k - 1) : 0;
        for (int i = 0; i < k; i++) {
            x[i] = i == k - 1 ? max : i == 0 ? MIN_WAIT_S : Math.exp(logLo + i * step);
            y[i] = (double) atOrBelow(sortedWaitsS, x[i]) / n;
        }
        return new double[][] {x, y};
    }

    private static int atOrBelow(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static double[] pooledWaits(SchedulerSummary s) {
        int n = 0;
        for (RunMetrics r : s.perRun()) n += r.waitsS().length;
        double[] all = new double[n];
        int at = 0;
        for (RunMetrics r : s.perRun()) {
            System.arraycopy(r.waitsS(), 0, all, at, r.waitsS().length);
            at += r.waitsS().length;
        }
        Arrays.sort(all);
        return all;
    }

    private double[] hours(TimeSeries ts) {
        double[] h = new double[ts.timesS().length];
        for (int i = 0; i < h.length; i++) h[i] = (ts.timesS()[i] - originS) / 3600.0;
        return h;
    }

    private static double[][] kilo(double[][] watts) {
        double[][] kw = new double[watts.length][];
        for (int r = 0; r < watts.length; r++) {
            kw[r] = new double[watts[r].length];
            for (int i = 0; i < kw[r].length; i++) kw[r][i] = watts[r][i] / 1000.0;
        }
        return kw;
    }

    /** A chart whose x axis is hours on the common clock, the same range for every scheduler. */
    private XYChart timeChart(String title, String yTitle, int height) {
        XYChart chart = chart(title, "time (h)", yTitle, WIDTH, height);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        if (endH > 0) chart.getStyler().setXAxisMin(0.0).setXAxisMax(endH);
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setLocale(Locale.ROOT); // the same axis labels whatever the machine's locale
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static Path save(List<XYChart> charts, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (charts.size() == 1) BitmapEncoder.saveBitmap(charts.getFirst(), out, BitmapEncoder.BitmapFormat.PNG);
            else BitmapEncoder.saveBitmap(charts, charts.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }
}
