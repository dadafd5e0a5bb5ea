package io.teg.ledger;

/**
 * Receives each command's {@link Result}, once, on the matcher thread, together with the attachment the command was
 * submitted with (a future, an index, or null). A bid's result may come while a later command is handled, when its
 * auction window clears. A sink must not call back into the book, and should be quick: it runs on the hot path.
 */
@FunctionalInterface
public interface ResultSink {

    /** Delivers {@code result} for the command submitted with {@code attachment}. */
    void deliver(Object attachment, Result result);
}
