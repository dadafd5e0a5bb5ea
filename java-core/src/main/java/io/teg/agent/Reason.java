package io.teg.agent;

import java.util.Objects;

/**
 * One reason a job could not be placed, with quantities in the resource's unit. Immutable.
 *
 * @param resource what fell short
 * @param needed what the job needs, in {@link Resource#unit()}
 * @param available what there is (on the largest node, or in total, as the message says), same unit
 * @param message a readable sentence with the quantities and units, e.g.
 *        {@code memory: needs 300000 MiB per task, largest node has 262144 MiB (short by 37856 MiB)}
 */
public record Reason(Resource resource, long needed, long available, String message) {

    public Reason {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(message, "message");
    }

    /** needed − available (≤ 0 when the quantity itself is not what fell short). */
    public long shortBy() {
        return needed - available;
    }
}
