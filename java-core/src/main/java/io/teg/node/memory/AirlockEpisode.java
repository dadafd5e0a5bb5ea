package io.teg.node.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One conflict the airlock resolved: from the observation that froze the weaker job (pressure onset) to the one
 * that thawed the stronger or found the conflict gone (resolution).
 *
 * @param onset      when the weaker job(s) were frozen
 * @param resolved   when the airlock closed again
 * @param strongerId the job that kept running
 * @param evacuated  the jobs evacuated for it
 */
public record AirlockEpisode(Instant onset, Instant resolved, long strongerId, List<Long> evacuated) {

    public AirlockEpisode {
        evacuated = List.copyOf(evacuated);
    }

    public Duration duration() {
        return Duration.between(onset, resolved);
    }
}
