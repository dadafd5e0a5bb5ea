package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.util.concurrent.Callable;

/**
 * Carries a {@link SignedOrder} to the member that owns its zone (executor {@code teg-orders},
 * {@code submitToKeyOwner(task, zone)}) and hands it to that member's {@link ZoneHosting}. Runs on the member; the
 * answer travels back as an {@link OrderOutcome}.
 */
public final class PlaceOrder implements Callable<OrderOutcome>, HazelcastInstanceAware {

    private final SignedOrder order;
    private transient HazelcastInstance instance;

    /** An order task for {@code order}. */
    public PlaceOrder(SignedOrder order) {
        if (order == null) throw new IllegalArgumentException("order is required");
        this.order = order;
    }

    /** The carried order. */
    public SignedOrder order() {
        return order;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public OrderOutcome call() {
        Object hosting = instance.getUserContext().get(ZoneHosting.USER_CONTEXT_KEY);
        if (!(hosting instanceof ZoneHosting h))
            return new OrderOutcome(OrderOutcome.Status.NOT_OWNER, 0, 0, -1,
                    "member " + instance.getCluster().getLocalMember().getUuid() + " hosts no zone ledgers",
                    instance.getCluster().getLocalMember().getUuid().toString());
        return h.place(order);
    }
}
