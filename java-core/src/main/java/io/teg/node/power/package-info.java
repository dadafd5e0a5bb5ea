/**
 * The GPU power-cap policy: the governor's node budget split across GPUs by demand, within each GPU's
 * constraints, never above the budget, rate-limited ({@link io.teg.node.power.PowerCapPolicy}).
 */
package io.teg.node.power;
