package io.teg.sim.physics;

/**
 * The physical behaviour of one job, drawn once per seed and shared by every scheduler so that all of them
 * replay the same physics.
 *
 * @param powerIntensity the job's power draw relative to the calibrated mean job (1.0 = mean), dimensionless
 * @param memory its memory use over time
 */
public record JobProfile(double powerIntensity, MemoryTrajectory memory) {

    public JobProfile {
        if (!(powerIntensity > 0)) throw new IllegalArgumentException("powerIntensity must be > 0, got " + powerIntensity);
        if (memory == null) throw new IllegalArgumentException("memory trajectory is required");
    }
}
