package io.teg.governor;

import java.util.List;

/**
 * One epoch's energy-standard mint: the site's energy budget in joules, converted to micro-tokens and split among
 * the accounts. Immutable.
 *
 * <p>Invariant, checked at construction: the mints sum to {@code budgetMicroTokens} exactly when some account has a
 * positive share weight, and are all zero (nothing is minted) when none has.
 *
 * @param energyJoules the site's energy budget for the epoch, joules
 * @param budgetMicroTokens energyJoules × micro-tokens per joule
 * @param mints one entry per account, sorted by account
 * @param evaporationFraction the expected fraction of every wallet that evaporates over this epoch, 1 − e^{−λΔt}
 */
public record MintPlan(long energyJoules, long budgetMicroTokens, List<AccountMint> mints, double evaporationFraction) {

    public MintPlan {
        if (energyJoules < 0) throw new IllegalArgumentException("energyJoules must be >= 0, got " + energyJoules);
        if (budgetMicroTokens < 0) throw new IllegalArgumentException("budgetMicroTokens must be >= 0, got " + budgetMicroTokens);
        mints = List.copyOf(mints);
        Bounds.closed(0, 1).require("evaporationFraction", evaporationFraction);
        long sum = 0;
        boolean anyWeight = false;
        for (AccountMint mint : mints) {
            sum = Math.addExact(sum, mint.microTokens());
            anyWeight |= mint.shareWeight() > 0;
        }
        long expected = anyWeight ? budgetMicroTokens : 0;
        if (sum != expected)
            throw new IllegalArgumentException("mints must sum to " + expected + " micro-tokens, got " + sum);
    }

    /** Σ micro-tokens minted this epoch. */
    public long mintedMicroTokens() {
        return mints.stream().mapToLong(AccountMint::microTokens).sum();
    }

    /** Micro-tokens of the budget not minted (the whole budget when no account holds a share, else 0). */
    public long unmintedMicroTokens() {
        return budgetMicroTokens - mintedMicroTokens();
    }
}
