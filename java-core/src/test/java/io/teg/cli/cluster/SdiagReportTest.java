package io.teg.cli.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdiagReportTest {

    /** sdiag of Slurm 22.05.8, as printed by a local cluster (trimmed after the backfill section). */
    private static final String SDIAG = """
            *******************************************************
            sdiag output at Sun Nov 22 11:16:02 2026 (1795346162)
            Data since      Sun Nov 22 11:15:53 2026 (1795346153)
            *******************************************************
            Server thread count:  3
            Agent queue size:     0

            Jobs submitted: 300
            Jobs started:   296
            Jobs completed: 250
            Jobs canceled:  0
            Jobs failed:    0

            Main schedule statistics (microseconds):
            \tLast cycle:   11
            \tMax cycle:    6581
            \tTotal cycles: 3
            \tMean cycle:   2206
            \tMean depth cycle:  1
            \tLast queue length: 0

            Backfilling stats
            \tTotal backfilled jobs (since last slurm start): 40
            \tTotal backfilled jobs (since last stats cycle start): 12
            \tTotal backfilled heterogeneous job components: 0
            \tTotal cycles: 5
            \tLast cycle when: Sun Nov 22 11:16:00 2026 (1795346160)
            \tLast cycle: 900
            \tMax cycle:  1500
            \tMean cycle: 1100
            \tLast depth cycle: 3
            """;

    @Test
    void shouldReadStartsAndCycleTimesWhenSdiagPrintedThem() {
        assertThat(SdiagReport.parse(SDIAG)).isEqualTo(new SdiagReport(300, 296, 3, 2206, 6581, 5, 1100, 1500, 12));
    }

    @Test
    void shouldReadZeroBackfillMeanWhenNoBackfillCycleRan() {
        String none = SDIAG.replace("\tMean cycle: 1100\n", "").replace("Total cycles: 5", "Total cycles: 0");
        SdiagReport r = SdiagReport.parse(none);
        assertThat(r.backfillCycles()).isZero();
        assertThat(r.backfillMeanUs()).isZero();
        assertThat(r.mainMeanUs()).isEqualTo(2206);
    }

    @Test
    void shouldNameTheMissingFigureWhenTheTextIsNotSdiags() {
        assertThatThrownBy(() -> SdiagReport.parse("Backfilling stats\n"))
                .hasMessage("sdiag output has no 'Main schedule statistics' section");
        assertThatThrownBy(() -> SdiagReport.parse(SDIAG.replace("Jobs started:   296\n", "")))
                .hasMessage("sdiag output has no 'Jobs started:'");
    }
}
