package io.teg.sim.report;

import io.teg.sim.metrics.RunBuilder;
import io.teg.sim.metrics.SchedulerSummary;
import io.teg.sim.metrics.TimeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlotsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static void assertPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).as(file.toString()).isGreaterThan(1_000);
        assertThat(java.util.Arrays.copyOf(bytes, 8)).as(file.toString()).isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void shouldWriteFourPngFilesWhenGivenSchedulers(@TempDir Path dir) throws IOException {
        List<Path> files = new Plots(Summaries3.make()).writeTo(dir.resolve("plots"));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("wait_cdf.png", "utilization.png", "rack_power.png", "rack_inlet.png");
        for (Path f : files) assertPng(f);
    }

    @Test
    void shouldDrawOneLinePerSchedulerInGivenOrderWhenPlottingWaitsAndUtilization() {
        Plots plots = new Plots(Summaries3.make());

        assertThat(plots.waitCdf().getSeriesMap().keySet()).containsExactly("slurm", "k8s", "sparrow");
        assertThat(plots.waitCdf().getStyler().isXAxisLogarithmic()).isTrue();
        XYChart util = plots.utilization();
        assertThat(util.getSeriesMap().keySet()).containsExactly("slurm", "k8s", "sparrow");
        // slurm's first run starts 600 s after the others: hours count from the earliest start
        assertThat(util.getSeriesMap().get("slurm").getXData()[0]).isCloseTo(600 / 3600.0, within(1e-12));
        assertThat(util.getSeriesMap().get("k8s").getXData()[0]).isZero();
    }

    @Test
    void shouldDrawOnePanelPerSchedulerWithItsOwnHottestRacksWhenPlottingRacks() {
        Plots plots = new Plots(Summaries3.make());

        List<XYChart> power = plots.rackPower();
        List<XYChart> inlet = plots.rackInlet();

        assertThat(power).hasSize(3);
        assertThat(inlet).hasSize(3);
        assertThat(power.get(0).getSeriesMap().keySet()).containsExactly("rack 3", "rack 1");
        assertThat(power.get(1).getSeriesMap().keySet()).containsExactly("rack 0", "rack 2", "rack 4");
        assertThat(power.get(0).getTitle()).startsWith("slurm");
        assertThat(power.get(0).getSeriesMap().get("rack 3").getYData()[0]).isEqualTo(8.0); // 8000 W in kW
        assertThat(inlet.get(1).getSeriesMap().get("rack 2").getYData()[0]).isEqualTo(21.0);
        // one value range across panels so that they compare
        assertThat(power.get(0).getStyler().getYAxisMin()).isEqualTo(power.get(2).getStyler().getYAxisMin());
        assertThat(power.get(0).getStyler().getYAxisMax()).isEqualTo(power.get(1).getStyler().getYAxisMax());
    }

    @Test
    void shouldLeaveOutUnsampledBucketsWhenPlottingRacksButNotUtilization() {
        TimeSeries full = RunBuilder.series(new int[] {2}, 0);
        double[] it = full.itPowerW().clone();
        double[] cool = full.coolingPowerW().clone();
        double[] util = full.utilization().clone();
        double[][] power = {full.rackPowerW()[0].clone()};
        double[][] inlet = {full.rackInletC()[0].clone()};
        for (int i = 4; i <= 6; i++) { // an idle stretch crossed in one step: no sample, zeros
            it[i] = 0;
            cool[i] = 0;
            util[i] = 0;
            power[0][i] = 0;
            inlet[0][i] = 0;
        }
        TimeSeries gappy = new TimeSeries(600, full.timesS(), util, it, cool, full.racks(), power, inlet);
        Plots plots = new Plots(List.of(SchedulerSummary.of(List.of(RunBuilder.run("slurm", 1).series(gappy).build()))));

        double[] inletShown = plots.rackInlet().getFirst().getSeriesMap().get("rack 2").getYData();
        assertThat(inletShown).hasSize(9).doesNotContain(0.0);
        assertThat(plots.rackInlet().getFirst().getStyler().getYAxisMin()).isGreaterThan(15.0);
        assertThat(plots.utilization().getSeriesMap().get("slurm").getYData()).hasSize(12);
    }

    @Test
    void shouldGiveShareOfWaitsAtOrBelowEachPointWhenComputingCdf() {
        double[][] xy = Plots.cdf(new double[] {0, 0, 5, 100}, 3);

        assertThat(xy[0][0]).isEqualTo(1.0);
        assertThat(xy[0][1]).isCloseTo(10.0, within(1e-9));
        assertThat(xy[0][2]).isEqualTo(100.0);
        assertThat(xy[1]).containsExactly(0.5, 0.75, 1.0);
    }

    @Test
    void shouldDrawSinglePointAtMinimumWhenNoWaitExceedsIt() {
        double[][] xy = Plots.cdf(new double[] {0, 0.5}, 200);

        assertThat(xy[0]).containsExactly(1.0);
        assertThat(xy[1]).containsExactly(1.0);
        assertThat(Plots.cdf(new double[0], 200)[0]).isEmpty();
    }

    @Test
    void shouldRiseMonotonicallyToOneWhenWaitsAreMany() {
        double[] waits = new double[10_000];
        for (int i = 0; i < waits.length; i++) waits[i] = i * 3.7;

        double[][] xy = Plots.cdf(waits, Plots.CDF_POINTS);

        assertThat(xy[0]).hasSize(Plots.CDF_POINTS).isSorted();
        assertThat(xy[1]).isSorted();
        assertThat(xy[1][xy[1].length - 1]).isEqualTo(1.0);
    }

    @Test
    void shouldStillWritePngFilesWhenRunHasNoSamplesOrWaits(@TempDir Path dir) throws IOException {
        TimeSeries empty = new TimeSeries(60, new long[0], new double[0], new double[0], new double[0], new int[0],
                new double[0][], new double[0][]);
        SchedulerSummary idle = SchedulerSummary.of(List.of(RunBuilder.run("idle", 1).series(empty).waitsS().build()));

        List<Path> files = new Plots(List.of(idle)).writeTo(dir);

        for (Path f : files) assertPng(f);
    }
}
