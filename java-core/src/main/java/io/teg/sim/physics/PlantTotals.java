package io.teg.sim.physics;

/**
 * What the machine room accumulated over a run.
 *
 * @param powerViolations number of times a PDU (rack, row or zone) went from within to over its cap
 * @param powerViolationSeconds PDU-seconds spent over a cap, summed over PDUs
 * @param throttleSeconds node-seconds spent thermally throttled
 * @param itEnergyKwh energy drawn by nodes, kWh
 * @param coolingEnergyKwh energy drawn by CRAC units, kWh (heat removed / COP)
 * @param maxInletC the hottest inlet temperature seen, degrees Celsius
 */
public record PlantTotals(long powerViolations, double powerViolationSeconds, double throttleSeconds,
                          double itEnergyKwh, double coolingEnergyKwh, double maxInletC) {
}
