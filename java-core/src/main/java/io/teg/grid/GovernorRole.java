package io.teg.grid;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * {@code teg governor} on a member: joins the {@link GovernorSeat} election and, while active, publishes every zone's
 * field once per epoch through a {@link FieldChannel}, signed under the seat's term. Standbys publish nothing. The
 * logical epoch counts published rounds from 1 on this member; readers order fields by (term, epoch), so a new
 * governor's first field (higher term) replaces the old one's last.
 */
public final class GovernorRole implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(GovernorRole.class);

    private final GovernorSeat seat;
    private final FieldChannel channel;
    private final FieldSource source;
    private final List<String> zones;
    private final BiConsumer<SignedField, Long> onPublished;
    private final ScheduledExecutorService timer;
    private long epoch;

    /**
     * Starts the role on member {@code node}.
     *
     * @param epochLength the time between two published fields (ARCHITECTURE §4: 60 s by default)
     * @param onPublished called after each publication with the field and System.nanoTime() just before it was written
     */
    public GovernorRole(GridNode node, FieldSource source, Duration epochLength, InstantSource clock,
                        BiConsumer<SignedField, Long> onPublished) {
        if (!node.isMember()) throw new IllegalArgumentException("the governor runs on a member");
        this.seat = new GovernorSeat(node.hazelcast(), clock, Duration.ofMillis(Math.max(600, Math.min(5_000,
                epochLength.toMillis() * 3))), node.metrics());
        this.channel = new FieldChannel(node.hazelcast(), node.siteKey(), node.metrics());
        this.source = source;
        this.zones = List.copyOf(node.settings().zones().keySet());
        this.onPublished = onPublished;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "teg-governor");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::round, epochLength.toMillis(), epochLength.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while this member is the active governor. */
    public boolean active() {
        return seat.active();
    }

    private void round() {
        if (!seat.active()) return;
        epoch++;
        for (String zone : zones) {
            try {
                long t = System.nanoTime();
                SignedField f = channel.publish(zone, seat.term(), source.fieldFor(zone, epoch));
                onPublished.accept(f, t);
            } catch (RuntimeException e) {
                LOG.warn("governor: field of zone {} for epoch {} not published: {}", zone, epoch, e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        seat.close();
    }
}
