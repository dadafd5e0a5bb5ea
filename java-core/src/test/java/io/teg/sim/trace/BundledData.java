package io.teg.sim.trace;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's bundled {@code data/} folder by walking up from the working directory. */
final class BundledData {

    private BundledData() {
    }

    static Path dataDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("data").resolve("traces"))) return d.resolve("data");
        }
        throw new IllegalStateException("no data/traces folder above " + dir);
    }

    static Path kth() {
        return dataDir().resolve("traces/KTH-SP2-1996-2.1-cln.swf");
    }

    static Path alibaba(String file) {
        return dataDir().resolve("traces/alibaba-gpu-v2023").resolve(file);
    }
}
