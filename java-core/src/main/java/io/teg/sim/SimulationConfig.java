package io.teg.sim;

/**
 * Knobs of the simulator itself (not of any scheduler, not of the physics).
 *
 * @param physicsStepS seconds between physics steps (thermal integration, cap checks, throttling, samples)
 * @param deadlockTimeoutS a gang holding a partial allocation with no new task bound for longer than this, seconds,
 *        counts as deadlocked and has its allocation taken back
 * @param stallLimitS when nothing can happen any more (no arrivals, nothing running) the run ends after this many
 *        simulated seconds without a job starting, seconds
 * @param horizonHintS expected simulated length, seconds, used only to size plot buckets
 */
public record SimulationConfig(long physicsStepS, long deadlockTimeoutS, long stallLimitS, long horizonHintS) {

    public static final long DEFAULT_PHYSICS_STEP_S = 60;
    public static final long DEFAULT_DEADLOCK_TIMEOUT_S = 1800;

    public SimulationConfig {
        if (physicsStepS < 1) throw new IllegalArgumentException("physicsStepS must be >= 1, got " + physicsStepS);
        if (deadlockTimeoutS < physicsStepS)
            throw new IllegalArgumentException("deadlockTimeoutS must be >= physicsStepS, got " + deadlockTimeoutS);
        if (stallLimitS < deadlockTimeoutS) throw new IllegalArgumentException("stallLimitS must be >= deadlockTimeoutS");
    }

    public static SimulationConfig defaults(long horizonHintS) {
        return new SimulationConfig(DEFAULT_PHYSICS_STEP_S, DEFAULT_DEADLOCK_TIMEOUT_S, 10 * DEFAULT_DEADLOCK_TIMEOUT_S,
                horizonHintS);
    }
}
