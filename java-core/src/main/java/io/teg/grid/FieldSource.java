package io.teg.grid;

import io.teg.field.FieldSnapshot;

/** Where the active governor gets each zone's field for an epoch (a fit over the zone's telemetry, or a test's). */
@FunctionalInterface
public interface FieldSource {

    /** The field of {@code zone} for logical epoch {@code epoch}. */
    FieldSnapshot fieldFor(String zone, long epoch);
}
