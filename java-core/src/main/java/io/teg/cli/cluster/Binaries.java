package io.teg.cli.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the daemons' programs on PATH and in the sbin directories (which a non-login PATH may lack). */
final class Binaries {

    private Binaries() {
    }

    static String find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new IllegalStateException(name + " not found on PATH or in /usr/sbin: install the Debian packages "
                + "slurmctld slurmd slurm-client munge (./teg does it)");
    }
}
