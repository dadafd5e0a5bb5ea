package io.teg.ledger;

/**
 * The answer to {@link Inspect}.
 *
 * @param snapshot the book's state when the command was handled
 */
public record Inspection(LedgerSnapshot snapshot) implements Result {
}
