package io.teg.sim.report;

import io.teg.sim.metrics.RunBuilder;
import io.teg.sim.metrics.SchedulerSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTableTest {

    @Test
    void shouldShowSchedulerNamesAndUnitsWhenRendered() {
        String table = new TerminalTable(Summaries3.make()).render();
        String header = table.lines().findFirst().orElseThrow();

        assertThat(header).contains("metric", "slurm", "k8s", "sparrow");
        assertThat(header.indexOf("slurm")).isLessThan(header.indexOf("k8s"));
        assertThat(table).contains("makespan (s)", "throughput (jobs/h)", "mean wait (s)", "utilization (%)",
                "cooling energy (kWh)", "decision latency p99 (us)", "nodes touched (reads/decision)",
                "deadlock runs (runs)", "simulation speed (events/s)");
    }

    @Test
    void shouldShowIntervalOnlyWhenSchedulerHasSeveralRuns() {
        String table = new TerminalTable(Summaries3.make()).render();
        String waitRow = table.lines().filter(l -> l.startsWith("mean wait (s)")).findFirst().orElseThrow();
        String[] cells = waitRow.substring("mean wait (s)".length()).trim().split(" {3,}");

        assertThat(cells).hasSize(3);
        assertThat(cells[0]).startsWith("815.8 +/- ");
        assertThat(cells[1]).startsWith("1201 +/- ");
        assertThat(cells[2]).isEqualTo("15.5");
    }

    @Test
    void shouldShowSharesInPercentAndDeadlocksAsRunsOutOfTotal() {
        String table = new TerminalTable(Summaries3.make()).render();

        assertThat(row(table, "utilization (%)")).contains("91 +/- ").endsWith("81.25");
        assertThat(row(table, "deadlock runs (runs)")).contains("0 of 3", "2 of 3", "0 of 1");
    }

    @Test
    void shouldAlignEveryRowToTheSameWidthWhenCellsDifferInLength() {
        SchedulerSummary longName = SchedulerSummary.of(List.of(RunBuilder.run("a-rather-long-scheduler", 1).build()));
        List<String> lines = new TerminalTable(List.of(Summaries3.make().get(0), longName)).render().lines().toList();

        int width = lines.getFirst().length();
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(width));
        assertThat(lines.get(1)).matches("-+");
        int slurmEnd = lines.getFirst().indexOf("slurm") + "slurm".length();
        for (String l : lines) {
            if (l.startsWith("-")) continue;
            assertThat(l.charAt(slurmEnd - 1)).as(l).isNotEqualTo(' ');
            assertThat(l.charAt(slurmEnd)).as(l).isEqualTo(' ');
        }
    }

    private static String row(String table, String label) {
        return table.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
    }
}
