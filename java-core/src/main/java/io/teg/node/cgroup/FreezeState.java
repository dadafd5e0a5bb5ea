package io.teg.node.cgroup;

/** A cgroup's freezer state (v1 {@code freezer.state}; v2 {@code cgroup.freeze} and {@code cgroup.events}). */
public enum FreezeState {
    THAWED,
    /** Asked to freeze, not all tasks stopped yet. */
    FREEZING,
    FROZEN
}
