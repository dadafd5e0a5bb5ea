package io.teg.ledger;

/**
 * An administrative command ({@link NodeCondition}, {@link TaxRate}, {@link UsageReport}, {@link CloseAuction}),
 * applied.
 *
 * @param journalSequence the sequence number of its journal entry, or 0 when it wrote none
 */
public record Accepted(long journalSequence) implements Result {
}
