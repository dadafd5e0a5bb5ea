package io.teg.node.airlock;

import java.util.List;

/**
 * The outcome of one {@link Airlock#step}: the next state and the actions to apply, in order.
 *
 * @param state the airlock's state after this step
 * @param actions what the driver must do, first to last
 */
public record AirlockStep(AirlockState state, List<AirlockAction> actions) {

    public AirlockStep {
        if (state == null) throw new IllegalArgumentException("state is required");
        actions = List.copyOf(actions);
    }
}
