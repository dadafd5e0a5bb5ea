package io.teg.cli.cluster;

import java.util.OptionalLong;

/**
 * The figures of {@code sdiag} a benchmark needs: jobs submitted and started since the last reset, and the main and
 * backfill scheduler's cycle times. Times are microseconds, as sdiag prints them.
 *
 * @param jobsSubmitted   jobs submitted since the last {@code sdiag --reset}
 * @param jobsStarted     jobs started since the last reset
 * @param mainCycles      main scheduler cycles
 * @param mainMeanUs      mean main cycle, µs
 * @param mainMaxUs       longest main cycle, µs
 * @param backfillCycles  backfill cycles
 * @param backfillMeanUs  mean backfill cycle, µs (0 when there was none)
 * @param backfillMaxUs   longest backfill cycle, µs
 * @param backfilledJobs  jobs started by the backfill scheduler since the last reset
 */
public record SdiagReport(long jobsSubmitted, long jobsStarted, long mainCycles, long mainMeanUs, long mainMaxUs,
                          long backfillCycles, long backfillMeanUs, long backfillMaxUs, long backfilledJobs) {

    /** Reads sdiag's text; a figure it must have and lacks is an error that names it. */
    public static SdiagReport parse(String text) {
        int bf = text.indexOf("Backfilling stats");
        if (bf < 0) throw new IllegalArgumentException("sdiag output has no 'Backfilling stats' section");
        String main = text.substring(0, bf);
        String back = text.substring(bf);
        int mainStart = main.indexOf("Main schedule statistics");
        if (mainStart < 0) throw new IllegalArgumentException("sdiag output has no 'Main schedule statistics' section");
        String mainSection = main.substring(mainStart);
        return new SdiagReport(need(main, "Jobs submitted:"), need(main, "Jobs started:"),
                need(mainSection, "Total cycles:"), value(mainSection, "Mean cycle:").orElse(0),
                need(mainSection, "Max cycle:"), need(back, "Total cycles:"), value(back, "Mean cycle:").orElse(0),
                need(back, "Max cycle:"),
                need(back, "Total backfilled jobs (since last stats cycle start):"));
    }

    private static long need(String text, String label) {
        return value(text, label).orElseThrow(() -> new IllegalArgumentException("sdiag output has no '" + label + "'"));
    }

    private static OptionalLong value(String text, String label) {
        int i = text.indexOf(label);
        if (i < 0) return OptionalLong.empty();
        String rest = text.substring(i + label.length()).stripLeading();
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) end++;
        if (end == 0) return OptionalLong.empty();
        return OptionalLong.of(Long.parseLong(rest.substring(0, end)));
    }
}
