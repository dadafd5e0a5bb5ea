package io.teg.cli.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TegDecisionsTest {

    @Test
    void shouldTakeTheLastCountersLineWhenTheLogHasSeveral() {
        List<String> log = List.of(
                "[2026-11-22T11:00:00.000] select/teg: counters at reconfigure: job_test calls=10 ranked=9 fallbacks=1 "
                        + "timeouts=0 events_dropped=0 latency_us p50=3.5 p99=12.0 samples=10",
                "[2026-11-22T11:00:01.000] error: select/teg: fallback to cons_tres for JobId=7: TEG ranked no node",
                "[2026-11-22T11:05:00.000] select/teg: counters at shutdown: job_test calls=2000 ranked=1980 declined=10 fallbacks=10 "
                        + "timeouts=4 events_dropped=0 latency_us p50=4.2 p99=18.7 samples=2000",
                "[2026-11-22T11:05:00.100] Saving all slurm state");
        TegDecisions d = TegDecisions.lastIn(log).orElseThrow();
        assertThat(d).isEqualTo(new TegDecisions("at shutdown", 2000, 1980, 10, 10, 4, 0, 4.2, 18.7, 2000));
    }

    @Test
    void shouldReadAnOlderLineWithoutDeclinedAsZeroDeclined() {
        var d = TegDecisions.lastIn(List.of("select/teg: counters at reconfigure: job_test calls=3 ranked=2 fallbacks=1 "
                + "timeouts=1 events_dropped=0 latency_us p50=1.5 p99=2.5 samples=3")).orElseThrow();
        assertThat(d.declined()).isZero();
        assertThat(d.ranked()).isEqualTo(2);
        assertThat(d.p99Us()).isEqualTo(2.5);
    }

    @Test
    void shouldFindNothingWhenNoCountersWereLogged() {
        assertThat(TegDecisions.lastIn(List.of("slurmctld: Running as primary controller"))).isEmpty();
    }

    @Test
    void shouldSayWhyThereAreNoDecisionsWhenConsTresRan() {
        var s = new TegDecisions.Summary(SelectPlugin.CONS_TRES, java.util.Optional.empty()).asSummary();
        assertThat(s.get("teg_decisions")).asString().startsWith("none: select/cons_tres ran");
        var t = new TegDecisions.Summary(SelectPlugin.TEG,
                java.util.Optional.of(new TegDecisions("at shutdown", 5, 3, 1, 1, 1, 0, 2.0, 3.0, 5))).asSummary();
        assertThat(t).containsEntry("teg_decisions", 4L).containsEntry("teg_fallbacks", 1L);
    }
}
