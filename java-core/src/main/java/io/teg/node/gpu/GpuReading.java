package io.teg.node.gpu;

/**
 * One sample of one GPU.
 *
 * @param index               GPU index
 * @param powerMilliwatts     board power draw, mW (−1 when not reported)
 * @param temperatureCelsius  GPU core temperature, °C (−1 when not reported)
 * @param gpuUtilPercent      share of the last sample period a kernel ran, percent (−1 when not reported)
 * @param memoryUtilPercent   share of the period device memory was read or written, percent (−1 when not reported)
 */
public record GpuReading(int index, long powerMilliwatts, int temperatureCelsius, int gpuUtilPercent,
                         int memoryUtilPercent) {
}
