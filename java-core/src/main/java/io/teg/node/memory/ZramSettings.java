package io.teg.node.memory;

import java.util.regex.Pattern;

/**
 * How the agent sets up compressed swap on zram when its config allows it ({@code zram.*} keys).
 *
 * @param device    the zram block device's name, {@code zram<N>} (the agent uses {@code /dev/<device>} and
 *                  {@code /sys/block/<device>})
 * @param sizeBytes the device's {@code disksize}: uncompressed bytes it can hold, a whole number of MiB
 * @param algorithm the compression algorithm written to {@code comp_algorithm} (must be one the kernel offers)
 * @param priority  the swap priority given to {@code swapon -p} (−1 .. 32767; higher is used first)
 */
public record ZramSettings(String device, long sizeBytes, String algorithm, int priority) {

    private static final Pattern DEVICE = Pattern.compile("zram\\d{1,3}");
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9-]{1,32}");

    public ZramSettings {
        if (!DEVICE.matcher(device).matches()) throw new IllegalArgumentException("must be zram<N>, got '" + device + "'");
        if (!ALGORITHM.matcher(algorithm).matches()) {
            throw new IllegalArgumentException("not an algorithm name (lower-case letters, digits, '-'): '" + algorithm + "'");
        }
        if (sizeBytes < (1L << 20) || sizeBytes % (1L << 20) != 0) throw new IllegalArgumentException("size must be a positive whole number of MiB, got " + sizeBytes + " bytes");
        if (priority < -1 || priority > 32767) throw new IllegalArgumentException("priority must be in [-1, 32767], got " + priority);
    }

    /** zram0, 1 GiB, lzo-rle (the kernel's default since 5.1), priority 100. */
    public static final ZramSettings DEFAULTS = new ZramSettings("zram0", 1L << 30, "lzo-rle", 100);
}
