/**
 * NVML through java.lang.foreign: {@link io.teg.node.gpu.nvml.Nvml}, hand-written downcalls to
 * {@code libnvidia-ml.so.1} (or the fake one the tests build from test-doubles/nvml).
 */
package io.teg.node.gpu.nvml;
