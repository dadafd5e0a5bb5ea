package io.teg.sim.physics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The bundled {@code data/} folder and the calibration derived from it, for tests run from {@code java-core/}. */
final class BundledData {

    private BundledData() {
    }

    static Path dataDir() {
        return Calibration.findDataDir(Path.of(""))
                .orElseThrow(() -> new IllegalStateException("no data/telemetry above " + Path.of("").toAbsolutePath()));
    }

    static Calibration calibration() {
        try {
            return Calibration.load(dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
