package io.teg.ledger;

import java.math.BigInteger;

/**
 * Token units and the exact integer arithmetic the ledger settles in. Every balance, price and burn is a
 * {@code long} count of micro-tokens (µtokens): 1 token = 1,000,000 µtokens. Nothing is stored as a floating-point
 * amount, so "minted − burned = Σ balances" can hold exactly.
 *
 * <p>Stateless; every method is a pure function and safe from any thread.
 */
public final class Tokens {

    /** µtokens in one token. */
    public static final long MICROS_PER_TOKEN = 1_000_000L;

    /** Nanoseconds in one second. */
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Tokens() {
    }

    /** {@code tokens} whole tokens in µtokens; throws {@link ArithmeticException} on overflow. */
    public static long ofTokens(long tokens) {
        return Math.multiplyExact(tokens, MICROS_PER_TOKEN);
    }

    /**
     * {@code floor(a · b · nanos / 10⁹)} for non-negative arguments, exact even where the product passes 2⁶³, capped
     * at {@link Long#MAX_VALUE}. Used for charges that accrue per unit-second over a span of nanoseconds
     * (holding tax: µtokens per unit-second × units × nanoseconds).
     */
    static long perSecondCharge(long a, long b, long nanos) {
        if (a < 0 || b < 0 || nanos < 0) throw new IllegalArgumentException("charges take non-negative arguments");
        long ab = a * b;
        if (Math.multiplyHigh(a, b) == 0 && ab >= 0) {
            long abn = ab * nanos;
            if (Math.multiplyHigh(ab, nanos) == 0 && abn >= 0) return abn / NANOS_PER_SECOND;
        }
        BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).multiply(BigInteger.valueOf(nanos))
                .divide(BigInteger.valueOf(NANOS_PER_SECOND));
        return exact.bitLength() < 64 ? exact.longValue() : Long.MAX_VALUE;
    }

    /** {@code a · b · c} for non-negative arguments, or -1 when it passes {@link Long#MAX_VALUE}. */
    static long productOrMinusOne(long a, long b, long c) {
        long ab = a * b;
        if (Math.multiplyHigh(a, b) != 0 || ab < 0) return -1;
        long abc = ab * c;
        if (Math.multiplyHigh(ab, c) != 0 || abc < 0) return -1;
        return abc;
    }
}
