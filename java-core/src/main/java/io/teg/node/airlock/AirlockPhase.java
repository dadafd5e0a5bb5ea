package io.teg.node.airlock;

/** Where the airlock of one node stands. */
public enum AirlockPhase {
    /** Below the glassy line: no memory.high is set. */
    CALM,
    /** Near C_max: expanding jobs carry memory.high; the kernel reclaims and throttles them, nobody is killed. */
    GLASSY,
    /** Step 1 done: the weaker job(s) are frozen; the next observation decides whether the stronger is frozen too. */
    WEAKER_FROZEN,
    /** Steps 2-3 done: the weaker job(s) are being evacuated; the stronger is thawed (step 4) once they are gone. */
    EVACUATING;

    /** True while the airlock holds a conflict (a stronger and weaker jobs). */
    public boolean engaged() {
        return this == WEAKER_FROZEN || this == EVACUATING;
    }
}
