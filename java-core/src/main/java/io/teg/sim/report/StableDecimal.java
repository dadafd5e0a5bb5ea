package io.teg.sim.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number format of the reports, so that the same value is always written the same way.
 *
 * <p>A value is rounded half-even to {@code significant} significant digits, or to whole units when it has more
 * integer digits than that (so counts stay exact), then written in plain decimal notation without trailing zeros
 * after the point: {@code 3600}, {@code 2.5}, {@code 0.1}, {@code 1234567}, {@code 0.000123457}. Non-finite values
 * have no decimal form.
 */
final class StableDecimal {

    private StableDecimal() {
    }

    /** The rounded value, or null when {@code value} is NaN or infinite. */
    static BigDecimal of(double value, int significant) {
        if (!Double.isFinite(value)) return null;
        if (value == 0) return BigDecimal.ZERO;
        BigDecimal exact = new BigDecimal(value);
        int integerDigits = exact.precision() - exact.scale();
        BigDecimal r = exact.round(new MathContext(Math.max(significant, integerDigits), RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    /** The rounded value in plain notation, or {@code ""} when {@code value} is NaN or infinite. */
    static String format(double value, int significant) {
        BigDecimal r = of(value, significant);
        return r == null ? "" : r.toPlainString();
    }
}
