package io.teg.sim.physics;

import java.util.Locale;

/**
 * The board power (maximum sustained power, "TDP") of a GPU model, from the vendor's datasheet. No GPU appears in
 * the bundled telemetry, so GPU power is the one part of the power model that is not measured.
 *
 * <p>Models are matched by the prefix of their name, case-insensitively, so {@code V100M16} and {@code V100M32}
 * (the Alibaba trace's names) are both V100s:
 * <ul>
 *   <li>V100: 300 W (NVIDIA Tesla V100 SXM2 datasheet; the PCIe card is rated 250 W, the trace does not say which);</li>
 *   <li>P100: 250 W (NVIDIA Tesla P100 PCIe datasheet);</li>
 *   <li>T4: 70 W (NVIDIA T4 datasheet);</li>
 *   <li>A10: 150 W (NVIDIA A10 datasheet);</li>
 *   <li>anything else, e.g. the trace's anonymised {@code G2} and {@code G3}: 300 W, the V100 figure, an
 *       assumption ({@link #fromDatasheet()} is false).</li>
 * </ul>
 * Idle power is not in these datasheets; it is {@link PhysicsParameters#gpuIdleShare()} of the board power.
 *
 * @param family the matched family ({@code "V100"}, ...) or {@code "unknown"}
 * @param boardPowerW board power, W
 * @param fromDatasheet true when the figure comes from the family's datasheet, false for the unknown-model default
 */
public record GpuBoardPower(String family, double boardPowerW, boolean fromDatasheet) {

    /** Board power assumed for a model that is not in the table, W. */
    public static final double UNKNOWN_MODEL_BOARD_POWER_W = 300.0;

    public GpuBoardPower {
        if (family == null || family.isBlank()) throw new IllegalArgumentException("family must not be blank");
        if (!(boardPowerW > 0)) throw new IllegalArgumentException("boardPowerW must be > 0 W, got " + boardPowerW);
    }

    /** The board power of {@code model}; unknown or empty names get {@link #UNKNOWN_MODEL_BOARD_POWER_W}. */
    public static GpuBoardPower of(String model) {
        String m = model == null ? "" : model.trim().toUpperCase(Locale.ROOT);
        if (m.startsWith("V100")) return new GpuBoardPower("V100", 300.0, true);
        if (m.startsWith("P100")) return new GpuBoardPower("P100", 250.0, true);
        if (m.startsWith("T4")) return new GpuBoardPower("T4", 70.0, true);
        if (m.startsWith("A10") && !m.startsWith("A100")) return new GpuBoardPower("A10", 150.0, true);
        return new GpuBoardPower("unknown", UNKNOWN_MODEL_BOARD_POWER_W, false);
    }
}
