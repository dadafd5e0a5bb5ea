package io.teg.grid;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a generous limit passes ("eventually" assertions for cluster tests). */
final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds; throws AssertionError naming {@code what} after {@code limit}. */
    static void until(String what, Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException e) {
                // not yet: the cluster is still moving
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
    }
}
