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
        assertThat(d).isEqualTo(new TegDecisions("at shutdown", 2000, 1980, 10, 10, 4, 0, 4.2, 18.7, 2000,
                TegDecisions.HandOff.UNKNOWN));
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
    void shouldReadWhereTheHandOffsTimeGoesWhenTheLineSplitsIt() {
        var d = TegDecisions.lastIn(List.of("[2026-11-22T20:30:00.000] select/teg: counters at shutdown: job_test "
                + "calls=2304 ranked=2282 fallbacks=17 timeouts=10 events_dropped=0 latency_us p50=144.2 p99=73407.4 "
                + "samples=2287 declined=5 unfit=0 pickup_p50_us=21.5 pickup_p99_us=32629.3 slept=186 post_p50_us=1.2 "
                + "post_p99_us=40.0 work_p50_us=7.5 work_p99_us=80.0 take_p50_us=110.3 take_p99_us=900.0")).orElseThrow();
        assertThat(d.handOff()).isEqualTo(new TegDecisions.HandOff(1.2, 21.5, 7.5, 110.3, 186));
        assertThat(d.p50Us()).isEqualTo(144.2);
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
                java.util.Optional.of(new TegDecisions("at shutdown", 5, 3, 1, 1, 1, 0, 2.0, 3.0, 5,
                        new TegDecisions.HandOff(1.5, 20.0, 6.0, 90.5, 7)))).asSummary();
        assertThat(t).containsEntry("teg_decisions", 4L).containsEntry("teg_fallbacks", 1L)
                .containsEntry("teg_pickup_p50_us", 20.0).containsEntry("teg_take_p50_us", 90.5).containsEntry("teg_slept", 7L);
    }
}
