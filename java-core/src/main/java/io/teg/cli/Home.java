package io.teg.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's bundled files are: {@code -Dteg.home} as set by the launcher, else the working directory or a parent. */
public final class Home {

    private Home() {
    }

    public static Path root() {
        String prop = System.getProperty("teg.home");
        if (prop != null) return Path.of(prop);
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("data/telemetry"))) return q;
        }
        throw new BadInputException("cannot find the project's data/ folder: run through ./teg or set -Dteg.home");
    }

    public static Path dataDir() {
        return root().resolve("data");
    }
}
