package io.teg.ledger;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorTwoArg;

import java.util.concurrent.CompletableFuture;

/**
 * One preallocated slot of a zone's ring: the only mutable hot object. Producers fill it through the translators
 * below (inside the ring's claim/publish protocol), the matcher reads and clears it. The command itself is an
 * immutable value that the producer made; the slot only carries the reference.
 */
final class OrderEvent {

    /** Fills a slot with a command and the future that awaits its result. Stateless. */
    static final EventTranslatorTwoArg<OrderEvent, Command, CompletableFuture<Result>> WITH_FUTURE =
            (event, sequence, command, future) -> {
                event.command = command;
                event.future = future;
            };

    /** Fills a slot with a command whose result nobody awaits. Stateless. */
    static final EventTranslatorOneArg<OrderEvent, Command> FIRE_AND_FORGET =
            (event, sequence, command) -> {
                event.command = command;
                event.future = null;
            };

    Command command;
    CompletableFuture<Result> future;

    /** Drops the references so a slot does not keep a handled command alive until the ring wraps. */
    void clear() {
        command = null;
        future = null;
    }
}
