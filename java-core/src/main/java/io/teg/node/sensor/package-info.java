/**
 * The node's sensors (thermal zones, RAPL, meminfo, PSI, GPUs) and the telemetry sink their micro-batches go to.
 */
package io.teg.node.sensor;
