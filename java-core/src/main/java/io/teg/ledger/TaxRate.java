package io.teg.ledger;

/**
 * Sets the holding tax γ, in µtokens per idle unit-second (the governor's Landau controller sets it each epoch).
 * Must be &ge; 0: a subsidy (γ &lt; 0 in the controller) reaches the ledger as a {@link Mint}.
 *
 * @param microsPerUnitSecond γ in µtokens per idle unit-second
 * @param nowNanos the producer's clock, nanoseconds
 */
public record TaxRate(long microsPerUnitSecond, long nowNanos) implements Command {

    public TaxRate {
        if (microsPerUnitSecond < 0) throw new IllegalArgumentException("tax rate must be >= 0, got " + microsPerUnitSecond);
    }
}
