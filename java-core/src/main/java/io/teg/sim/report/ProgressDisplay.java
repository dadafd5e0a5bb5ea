package io.teg.sim.report;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Console;
import java.io.PrintStream;
import java.util.function.LongConsumer;

/**
 * "Jobs finished / total" over every run of every scheduler, for long simulations.
 *
 * <pre>
 *   try (ProgressDisplay progress = ProgressDisplay.open(totalJobs, mode)) {
 *       for (each scheduler, each seed) new Simulation(...).onProgress(progress.run()).run();
 *   }
 * </pre>
 *
 * <p>Two variants: {@link Bar}, a me.tongfei progress bar on stderr, and {@link Silent}, which does nothing.
 * {@link #open} picks one: {@link Mode#NEVER} (e.g. {@code --quiet}) is always silent, {@link Mode#ALWAYS} always
 * shows the bar, and {@link Mode#AUTO} shows it only when the console is an interactive terminal and the
 * simulation is long: more than {@value #LONG_RUN_JOBS} jobs over all runs together.
 *
 * <p>Thread-safety: the display may be shared by runs on several threads; each {@link #run()} consumer belongs to
 * one run and is called by one thread at a time.
 */
public sealed interface ProgressDisplay extends AutoCloseable permits ProgressDisplay.Bar, ProgressDisplay.Silent {

    /** In {@link Mode#AUTO}, the bar shows when the total number of jobs of all runs is above this. */
    long LONG_RUN_JOBS = 20_000;

    /** Width of the bar line, characters, when the terminal's is not known: fits an 80-column terminal. */
    int DEFAULT_WIDTH = 79;

    /** When to show the bar. */
    enum Mode {
        /** When the console is a terminal and the total exceeds {@link #LONG_RUN_JOBS} jobs. */
        AUTO,
        /** Always (a flag forces it). */
        ALWAYS,
        /** Never (quiet). */
        NEVER
    }

    /**
     * A consumer for one run, to pass to {@code Simulation.onProgress}: it receives that run's count of finished
     * jobs (jobs that have left the system), which never decreases, and adds what is new to the display.
     */
    LongConsumer run();

    /** Jobs counted as finished so far over all runs; 0 for the silent display. */
    long finished();

    /** Draws the final state and releases the display; further counts are ignored. */
    @Override
    void close();

    /**
     * The display for a simulation of {@code totalJobs} jobs over all runs, on stderr. "Interactive" means
     * {@link Console#isTerminal()}; the line is as wide as the {@code COLUMNS} environment variable says, less one,
     * else {@value #DEFAULT_WIDTH} characters (the terminal is not probed, which would load native code).
     */
    static ProgressDisplay open(long totalJobs, Mode mode) {
        Console console = System.console();
        int width = DEFAULT_WIDTH;
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[0-9]{2,4}")) width = Math.max(20, Integer.parseInt(columns) - 1);
        return open(totalJobs, mode, console != null && console.isTerminal(), System.err, width);
    }

    /**
     * The display for a simulation of {@code totalJobs} jobs over all runs.
     *
     * @param interactive whether the output is an interactive terminal
     * @param out where the bar is drawn (normally stderr)
     * @param width longest line drawn, characters, &gt;= 20
     */
    static ProgressDisplay open(long totalJobs, Mode mode, boolean interactive, PrintStream out, int width) {
        if (width < 20) throw new IllegalArgumentException("width must be >= 20 characters, got " + width);
        return shows(totalJobs, mode, interactive) ? new Bar(totalJobs, out, width) : new Silent();
    }

    /** Whether {@link #open} shows a bar for these arguments. */
    static boolean shows(long totalJobs, Mode mode, boolean interactive) {
        return switch (mode) {
            case NEVER -> false;
            case ALWAYS -> true;
            case AUTO -> interactive && totalJobs > LONG_RUN_JOBS;
        };
    }

    /** Draws nothing. Free: the consumers it hands out do nothing. */
    final class Silent implements ProgressDisplay {

        @Override
        public LongConsumer run() {
            return finished -> { };
        }

        @Override
        public long finished() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    /** A text progress bar, redrawn in place (carriage return) twice a second, ASCII style, with jobs/s. */
    final class Bar implements ProgressDisplay {

        private static final int UPDATE_INTERVAL_MS = 500;

        private final ProgressBar bar;

        Bar(long totalJobs, PrintStream out, int width) {
            this.bar = new ProgressBarBuilder()
                    .setTaskName("jobs finished")
                    .setInitialMax(totalJobs)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(UPDATE_INTERVAL_MS)
                    .setConsumer(new ConsoleProgressBarConsumer(out, width))
                    .showSpeed()
                    .build();
        }

        @Override
        public LongConsumer run() {
            return new LongConsumer() {
                private long seen;

                @Override
                public void accept(long finished) {
                    if (finished > seen) {
                        bar.stepBy(finished - seen);
                        seen = finished;
                    }
                }
            };
        }

        @Override
        public long finished() {
            return bar.getCurrent();
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
