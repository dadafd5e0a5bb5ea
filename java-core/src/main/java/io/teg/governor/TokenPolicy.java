package io.teg.governor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Energy-standard tokens (paper §1 "Value Anchoring", §3.5.3): how many tokens exist per joule of the site's energy
 * budget, how they are minted to accounts, and how fast wallets evaporate. Immutable and thread-safe.
 *
 * <h2>Minting</h2>
 * Each epoch the site's energy budget E (joules) becomes B = E × κ micro-tokens, κ = micro-tokens per joule. Account
 * i with share weight w_i receives its exact quota q_i = B·w_i / Σw rounded by the largest-remainder method:
 * ⌊q_i⌋ each, then one more micro-token to each of the B − Σ⌊q_i⌋ accounts with the largest fractional parts, ties
 * going to the account that sorts first. So Σ minted = B exactly, every account gets ⌊q_i⌋ or ⌈q_i⌉, and the
 * result depends only on the inputs. All arithmetic is exact (integers and {@link BigInteger}). With no positive
 * weight nothing is minted.
 *
 * <h2>Evaporation</h2>
 * Wallets decay at rate λ per second (paper §3.5.3: burned tokens mirror heat dissipation): over Δt the expected
 * decay is the fraction 1 − e^{−λΔt} of the balance ({@link #evaporationFraction(double)}), computed as
 * −expm1(−λΔt) so that small λΔt keeps its precision. In whole micro-tokens the amount is rounded down, so a wallet
 * never loses more than its expected decay.
 *
 * @param microTokensPerJoule κ, in [1, 10⁶] micro-tokens per joule (1000 = one token per kilojoule)
 * @param evaporationRatePerSecond λ, in [0, 1] per second
 */
public record TokenPolicy(long microTokensPerJoule, double evaporationRatePerSecond) {

    static final Bounds MICRO_TOKENS_PER_JOULE = Bounds.closed(1, 1_000_000);
    static final Bounds EVAPORATION_RATE = Bounds.closed(0, 1);

    public TokenPolicy {
        MICRO_TOKENS_PER_JOULE.require("governor.microTokensPerJoule", microTokensPerJoule);
        EVAPORATION_RATE.require("governor.evaporationRatePerSecond", evaporationRatePerSecond);
    }

    /** B = energyJoules × κ, micro-tokens; fails when it does not fit in a long. */
    public long budgetMicroTokens(long energyJoules) {
        if (energyJoules < 0) throw new IllegalArgumentException("energyJoules must be >= 0, got " + energyJoules);
        try {
            return Math.multiplyExact(energyJoules, microTokensPerJoule);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("energy budget " + energyJoules + " J at " + microTokensPerJoule
                    + " micro-tokens/J overflows a long", overflow);
        }
    }

    /**
     * The mint for an epoch of {@code epochSeconds} with energy budget {@code energyJoules}, split by
     * {@code shareWeights} (account → weight ≥ 0).
     */
    public MintPlan mint(long energyJoules, Map<String, Long> shareWeights, double epochSeconds) {
        long budget = budgetMicroTokens(energyJoules);
        TreeMap<String, Long> sorted = new TreeMap<>(shareWeights);
        int n = sorted.size();
        String[] accounts = sorted.keySet().toArray(new String[0]);
        long[] weights = new long[n];
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            Long w = sorted.get(accounts[i]);
            if (w == null || w < 0) throw new IllegalArgumentException("share weight of " + accounts[i] + " must be >= 0, got " + w);
            weights[i] = w;
            total = total.add(BigInteger.valueOf(w));
        }
        long[] minted = new long[n];
        if (total.signum() > 0) {
            BigInteger b = BigInteger.valueOf(budget);
            BigInteger[] remainders = new BigInteger[n];
            long floorSum = 0;
            for (int i = 0; i < n; i++) {
                BigInteger[] qr = b.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(total);
                minted[i] = qr[0].longValueExact();
                remainders[i] = qr[1];
                floorSum += minted[i];
            }
            long leftover = budget - floorSum;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
                    .thenComparing(i -> accounts[i]));
            for (int k = 0; k < leftover; k++) minted[order[k]]++;
        }
        List<AccountMint> mints = new ArrayList<>(n);
        for (int i = 0; i < n; i++) mints.add(new AccountMint(accounts[i], weights[i], minted[i]));
        return new MintPlan(energyJoules, budget, mints, evaporationFraction(epochSeconds));
    }

    /** The expected fraction of a balance that evaporates over {@code seconds}: 1 − e^{−λ·seconds}, in [0, 1]. */
    public double evaporationFraction(double seconds) {
        Bounds.closedOpen(0, Double.POSITIVE_INFINITY).require("seconds", seconds);
        return -Math.expm1(-evaporationRatePerSecond * seconds);
    }

    /** ⌊balance × (1 − e^{−λ·seconds})⌋ micro-tokens, computed exactly from the double fraction. */
    public long evaporatedMicroTokens(long balanceMicroTokens, double seconds) {
        if (balanceMicroTokens < 0) throw new IllegalArgumentException("balance must be >= 0, got " + balanceMicroTokens);
        return new BigDecimal(evaporationFraction(seconds)).multiply(BigDecimal.valueOf(balanceMicroTokens))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
