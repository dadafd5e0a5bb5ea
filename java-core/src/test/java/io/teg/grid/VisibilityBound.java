package io.teg.grid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functional bound of issue 6: a field update is visible on every reader within 100 ms. Each value is one update's
 * delay until its last reader had it, verified (nanoseconds). The bound holds for every update the caller counts; the
 * callers leave out a warm-up of the first updates after every reader is up, because those pay one-time costs that
 * are not part of the visibility path: each reader fetches the compact schemas of {@code SignedField} and its
 * snapshot from the cluster on its first event, and loads and compiles the listener, deserialization and Ed25519
 * verification code. The median, the 99th percentile and the worst are printed beside it.
 */
final class VisibilityBound {

    static final long BOUND_NANOS = 100_000_000L;

    private VisibilityBound() {
    }

    /** Prints the median, 99th percentile and worst of {@code perUpdateNanos}, without a bound. */
    static void describe(String what, List<Long> perUpdateNanos) {
        List<Long> sorted = new ArrayList<>(perUpdateNanos);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf("grid field %s, %d updates: p50 %.2f ms, p99 %.2f ms, worst %.2f ms%n", what, n,
                sorted.get((n - 1) / 2) / 1e6, sorted.get((int) Math.ceil(0.99 * n) - 1) / 1e6, sorted.get(n - 1) / 1e6);
    }

    /**
     * Prints the distribution and asserts the bound on 90 % of the updates only: for readers that share one JVM with
     * each other and with the publisher, where one safepoint or collector pause of that JVM stalls every reader at
     * once (a co-location that a deployment never has). Members in their own processes are held to {@link #check}.
     */
    static void checkMost(String readers, List<Long> perUpdateNanos) {
        List<Long> sorted = new ArrayList<>(perUpdateNanos);
        Collections.sort(sorted);
        int n = sorted.size();
        long p50 = sorted.get((n - 1) / 2);
        long p90 = sorted.get((int) Math.ceil(0.9 * n) - 1);
        long p99 = sorted.get((int) Math.ceil(0.99 * n) - 1);
        System.out.printf("grid field visibility on %s, %d updates: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, worst %.2f ms%n",
                readers, n, p50 / 1e6, p90 / 1e6, p99 / 1e6, sorted.get(n - 1) / 1e6);
        assertThat(p90).as("90%% of field updates visible on every reader within 100 ms; p50 %.2f ms, p99 %.2f ms",
                p50 / 1e6, p99 / 1e6).isLessThan(BOUND_NANOS);
    }

    /** Prints the distribution of {@code perUpdateNanos} and asserts that every update met the bound. */
    static void check(String readers, List<Long> perUpdateNanos) {
        List<Long> sorted = new ArrayList<>(perUpdateNanos);
        Collections.sort(sorted);
        int n = sorted.size();
        long p50 = sorted.get((n - 1) / 2);
        long p99 = sorted.get((int) Math.ceil(0.99 * n) - 1);
        long max = sorted.get(n - 1);
        System.out.printf("grid field visibility on %s, %d updates: p50 %.2f ms, p99 %.2f ms, worst %.2f ms%n", readers, n,
                p50 / 1e6, p99 / 1e6, max / 1e6);
        for (int i = 0; i < perUpdateNanos.size(); i++)
            assertThat(perUpdateNanos.get(i)).as("update %d of %d visible on every reader within 100 ms (issue 6); "
                    + "p50 %.2f ms, p99 %.2f ms", i + 1, n, p50 / 1e6, p99 / 1e6).isLessThan(BOUND_NANOS);
    }
}
