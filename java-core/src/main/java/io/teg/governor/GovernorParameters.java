package io.teg.governor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every parameter of the governor, validated once at construction. Immutable. Keys carry their units; each
 * failure names the key and its allowed range, e.g. {@code governor.reCritical must be in (0, 100], got -1.0}.
 *
 * <table>
 *   <caption>Keys, ranges and defaults</caption>
 *   <tr><th>key</th><th>range</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>governor.epochSeconds</td><td>(0, 3600]</td><td>60</td><td>nominal epoch Δt, seconds</td></tr>
 *   <tr><td>governor.entropyProductionLow</td><td>(0, 1)</td><td>0.3</td><td>Ṡ_low: below it Ṡ is low</td></tr>
 *   <tr><td>governor.reLow</td><td>[0, reCritical)</td><td>0.2</td><td>Re_low: below it Re is low</td></tr>
 *   <tr><td>governor.reCritical</td><td>(0, 100]</td><td>1</td><td>Re_c, where γ changes sign (eq. 16)</td></tr>
 *   <tr><td>governor.reHigh</td><td>(reCritical, 1000]</td><td>4</td><td>Re_high: above it Re is high</td></tr>
 *   <tr><td>governor.reMax</td><td>(reHigh, 1000]</td><td>10</td><td>Re_max, the barrier's limit (eq. 27)</td></tr>
 *   <tr><td>governor.landauA</td><td>(0, 1000]</td><td>0.1</td><td>a of eq. 16</td></tr>
 *   <tr><td>governor.landauB</td><td>(0, 1000]</td><td>1</td><td>b of eq. 16</td></tr>
 *   <tr><td>governor.landauFieldGain</td><td>(0, 1000]</td><td>0.1</td><td>h in H = h·(Re − Re_c); γ → h/a as Re → ∞</td></tr>
 *   <tr><td>governor.gammaMin</td><td>[-1000, 0)</td><td>-1</td><td>γ_min, the largest subsidy</td></tr>
 *   <tr><td>governor.gammaMax</td><td>(0, 1000]</td><td>2</td><td>γ_max, the largest tax and the braking authority (eq. 27)</td></tr>
 *   <tr><td>governor.barrierAlphaPerSecond</td><td>(0, 1/epochSeconds]</td><td>0.01</td><td>α of eq. 28, per second</td></tr>
 *   <tr><td>governor.barrierDriveBound</td><td>[0, gammaMax)</td><td>1</td><td>f_bound: the largest drive (in γ units) the barriers are designed to stop</td></tr>
 *   <tr><td>governor.reInertiaSecondsSquaredPerMass</td><td>(0, 1e9]</td><td>300</td><td>Re inertia per unit of mean agent mass, s²</td></tr>
 *   <tr><td>governor.powerInertiaSecondsSquared</td><td>(0, 1e9]</td><td>36000</td><td>inertia of a budget's normalised load, s²: one unit of γ held for 60 s moves the load by 5 % of the cap</td></tr>
 *   <tr><td>governor.sitePowerBudgetWatts</td><td>[1, 1e9]</td><td>1000000</td><td>the site's power budget, watts</td></tr>
 *   <tr><td>governor.microTokensPerJoule</td><td>[1, 1e6]</td><td>1000</td><td>κ: micro-tokens minted per joule</td></tr>
 *   <tr><td>governor.evaporationRatePerSecond</td><td>[0, 1]</td><td>ln 2 / 86400</td><td>λ: wallet decay rate (half-life one day)</td></tr>
 * </table>
 *
 * <p>The ordering Re_low &lt; Re_c &lt; Re_high &lt; Re_max makes cold stasis (Re &lt; Re_low) a subsidy and heat
 * death (Re &gt; Re_high) a tax; α·Δt ≤ 1 keeps the discrete barrier condition h(T) ≥ (1 − αT)·h(0) meaningful.
 * The limits on Δt, the power budget and κ keep one epoch's mint below 2^63 micro-tokens.
 */
public record GovernorParameters(double epochSeconds, double entropyProductionLow, double reLow, double reCritical,
                                 double reHigh, double reMax, double landauA, double landauB, double landauFieldGain,
                                 double gammaMin, double gammaMax, double barrierAlphaPerSecond,
                                 double barrierDriveBound, double reInertiaSecondsSquaredPerMass,
                                 double powerInertiaSecondsSquared, long sitePowerBudgetWatts, long microTokensPerJoule,
                                 double evaporationRatePerSecond) {

    private static final Bounds EPOCH_SECONDS = Bounds.openClosed(0, 3600);
    private static final Bounds ENTROPY_PRODUCTION_LOW = Bounds.open(0, 1);
    private static final Bounds RE_LOW = Bounds.closed(0, 100);
    private static final Bounds RE_CRITICAL = Bounds.openClosed(0, 100);
    private static final Bounds RE_HIGH = Bounds.openClosed(0, 1000);
    private static final Bounds RE_MAX = Bounds.openClosed(0, 1000);
    private static final Bounds LANDAU_COEFFICIENT = Bounds.openClosed(0, 1000);
    private static final Bounds GAMMA_MIN = Bounds.closedOpen(-1000, 0);
    private static final Bounds GAMMA_MAX = Bounds.openClosed(0, 1000);
    private static final Bounds INERTIA = Bounds.openClosed(0, 1e9);
    private static final Bounds SITE_POWER_BUDGET_WATTS = Bounds.closed(1, 1e9);

    public GovernorParameters {
        EPOCH_SECONDS.require("governor.epochSeconds", epochSeconds);
        ENTROPY_PRODUCTION_LOW.require("governor.entropyProductionLow", entropyProductionLow);
        RE_CRITICAL.require("governor.reCritical", reCritical);
        RE_LOW.require("governor.reLow", reLow);
        ordered("governor.reLow", reLow, "governor.reCritical", reCritical);
        RE_HIGH.require("governor.reHigh", reHigh);
        ordered("governor.reCritical", reCritical, "governor.reHigh", reHigh);
        RE_MAX.require("governor.reMax", reMax);
        ordered("governor.reHigh", reHigh, "governor.reMax", reMax);
        LANDAU_COEFFICIENT.require("governor.landauA", landauA);
        LANDAU_COEFFICIENT.require("governor.landauB", landauB);
        LANDAU_COEFFICIENT.require("governor.landauFieldGain", landauFieldGain);
        GAMMA_MIN.require("governor.gammaMin", gammaMin);
        GAMMA_MAX.require("governor.gammaMax", gammaMax);
        Bounds alpha = Bounds.openClosed(0, 1 / epochSeconds);
        if (!alpha.contains(barrierAlphaPerSecond))
            throw new IllegalArgumentException("governor.barrierAlphaPerSecond must be in " + alpha
                    + " (alpha * governor.epochSeconds <= 1), got " + barrierAlphaPerSecond);
        Bounds drive = Bounds.closedOpen(0, gammaMax);
        if (!drive.contains(barrierDriveBound))
            throw new IllegalArgumentException("governor.barrierDriveBound must be in " + drive
                    + " (below governor.gammaMax), got " + barrierDriveBound);
        INERTIA.require("governor.reInertiaSecondsSquaredPerMass", reInertiaSecondsSquaredPerMass);
        INERTIA.require("governor.powerInertiaSecondsSquared", powerInertiaSecondsSquared);
        SITE_POWER_BUDGET_WATTS.require("governor.sitePowerBudgetWatts", sitePowerBudgetWatts);
        TokenPolicy.MICRO_TOKENS_PER_JOULE.require("governor.microTokensPerJoule", microTokensPerJoule);
        TokenPolicy.EVAPORATION_RATE.require("governor.evaporationRatePerSecond", evaporationRatePerSecond);
    }

    /** The defaults in the table of the class comment. */
    public static GovernorParameters defaults() {
        return new GovernorParameters(60, 0.3, 0.2, 1.0, 4.0, 10.0, 0.1, 1.0, 0.1, -1.0, 2.0, 0.01, 1.0, 300, 36_000,
                1_000_000, 1000, Math.log(2) / 86_400);
    }

    /**
     * Parameters from {@code key → value} text, as read from a config file: every key is a {@code governor.*} key of
     * the table, missing keys take their default, and an unknown key or a value that is not a number fails with the
     * key in the message.
     */
    public static GovernorParameters from(Map<String, String> values) {
        Map<String, Object> merged = defaults().asMap();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            Object current = merged.get(key);
            if (current == null) throw new IllegalArgumentException("unknown governor key: " + key);
            String text = entry.getValue() == null ? "" : entry.getValue().strip();
            try {
                merged.put(key, current instanceof Long ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be " + (current instanceof Long ? "an integer" : "a number")
                        + ", got '" + text + "'", e);
            }
        }
        return new GovernorParameters(d(merged, "governor.epochSeconds"), d(merged, "governor.entropyProductionLow"),
                d(merged, "governor.reLow"), d(merged, "governor.reCritical"), d(merged, "governor.reHigh"),
                d(merged, "governor.reMax"), d(merged, "governor.landauA"), d(merged, "governor.landauB"),
                d(merged, "governor.landauFieldGain"), d(merged, "governor.gammaMin"), d(merged, "governor.gammaMax"),
                d(merged, "governor.barrierAlphaPerSecond"), d(merged, "governor.barrierDriveBound"),
                d(merged, "governor.reInertiaSecondsSquaredPerMass"),
                d(merged, "governor.powerInertiaSecondsSquared"), (Long) merged.get("governor.sitePowerBudgetWatts"),
                (Long) merged.get("governor.microTokensPerJoule"), d(merged, "governor.evaporationRatePerSecond"));
    }

    /** Every key with its value (Double or Long), in the order of the table. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("governor.epochSeconds", epochSeconds);
        map.put("governor.entropyProductionLow", entropyProductionLow);
        map.put("governor.reLow", reLow);
        map.put("governor.reCritical", reCritical);
        map.put("governor.reHigh", reHigh);
        map.put("governor.reMax", reMax);
        map.put("governor.landauA", landauA);
        map.put("governor.landauB", landauB);
        map.put("governor.landauFieldGain", landauFieldGain);
        map.put("governor.gammaMin", gammaMin);
        map.put("governor.gammaMax", gammaMax);
        map.put("governor.barrierAlphaPerSecond", barrierAlphaPerSecond);
        map.put("governor.barrierDriveBound", barrierDriveBound);
        map.put("governor.reInertiaSecondsSquaredPerMass", reInertiaSecondsSquaredPerMass);
        map.put("governor.powerInertiaSecondsSquared", powerInertiaSecondsSquared);
        map.put("governor.sitePowerBudgetWatts", sitePowerBudgetWatts);
        map.put("governor.microTokensPerJoule", microTokensPerJoule);
        map.put("governor.evaporationRatePerSecond", evaporationRatePerSecond);
        return map;
    }

    public PhaseClassifier phaseClassifier() {
        return new PhaseClassifier(entropyProductionLow, reLow, reHigh);
    }

    public LandauController landauController() {
        return new LandauController(landauA, landauB, reCritical, landauFieldGain, gammaMin, gammaMax);
    }

    public BarrierFilter barrierFilter() {
        return new BarrierFilter(gammaMax, barrierAlphaPerSecond, barrierDriveBound);
    }

    public PowerBudgetBarrier powerBudgetBarrier() {
        return new PowerBudgetBarrier(barrierFilter(), powerInertiaSecondsSquared);
    }

    public TokenPolicy tokenPolicy() {
        return new TokenPolicy(microTokensPerJoule, evaporationRatePerSecond);
    }

    private static void ordered(String lowerKey, double lower, String upperKey, double upper) {
        if (!(lower < upper))
            throw new IllegalArgumentException(upperKey + " must be greater than " + lowerKey + " (" + lower + "), got " + upper
                    + "; required: governor.reLow < governor.reCritical < governor.reHigh < governor.reMax");
    }

    private static double d(Map<String, Object> map, String key) {
        return (Double) map.get(key);
    }
}
