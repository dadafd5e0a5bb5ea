package io.teg.sim.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest {

    @Test
    void shouldShowBarInAutoModeOnlyWhenLongAndInteractive() {
        assertThat(ProgressDisplay.shows(20_001, ProgressDisplay.Mode.AUTO, true)).isTrue();
        assertThat(ProgressDisplay.shows(20_000, ProgressDisplay.Mode.AUTO, true)).isFalse();
        assertThat(ProgressDisplay.shows(5_000_000, ProgressDisplay.Mode.AUTO, false)).isFalse();
        assertThat(ProgressDisplay.shows(10, ProgressDisplay.Mode.ALWAYS, false)).isTrue();
        assertThat(ProgressDisplay.shows(5_000_000, ProgressDisplay.Mode.NEVER, true)).isFalse();
    }

    @Test
    void shouldAddEachRunsNewJobsWhenSeveralRunsReport() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ProgressDisplay progress = ProgressDisplay.open(1_000, ProgressDisplay.Mode.ALWAYS, false,
                new PrintStream(sink, true, StandardCharsets.UTF_8), 100)) {
            LongConsumer first = progress.run();
            LongConsumer second = progress.run();

            first.accept(100);
            first.accept(250);
            second.accept(300);
            first.accept(250); // repeated count: nothing new
            second.accept(300);

            assertThat(progress).isInstanceOf(ProgressDisplay.Bar.class);
            assertThat(progress.finished()).isEqualTo(550);
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).contains("jobs finished").contains("550/1000");
    }

    @Test
    void shouldDrawNothingWhenQuiet() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ProgressDisplay progress = ProgressDisplay.open(5_000_000, ProgressDisplay.Mode.NEVER, true,
                new PrintStream(sink, true, StandardCharsets.UTF_8), 100)) {
            progress.run().accept(4_000_000);

            assertThat(progress).isInstanceOf(ProgressDisplay.Silent.class);
            assertThat(progress.finished()).isZero();
        }
        assertThat(sink.size()).isZero();
    }
}
