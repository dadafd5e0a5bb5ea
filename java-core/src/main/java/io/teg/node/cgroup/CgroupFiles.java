package io.teg.node.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing the small text files of a cgroup directory; every failure names the file. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new CgroupException("read", file, e);
        }
    }

    static long readLong(Path file) {
        String s = read(file);
        if (s.equals("max")) return Long.MAX_VALUE;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CgroupException("not a number: '" + s + "'", file);
        }
    }

    /** The value of {@code key} in a flat-keyed file ("key value" lines), or 0 when absent. */
    static long readKeyed(Path file, String key) {
        for (String line : read(file).split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.substring(0, sp).equals(key)) {
                return Long.parseLong(line.substring(sp + 1).trim());
            }
        }
        return 0;
    }

    static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CgroupException("write '" + value + "' to", file, e);
        }
    }

    static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CgroupException("create", dir, e);
        }
    }

    /** Removes an (empty of tasks) cgroup directory; absent is fine. */
    static void rmdir(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            throw new CgroupException("remove", dir, e);
        }
    }

    static List<Long> pids(Path procs) {
        List<Long> out = new ArrayList<>();
        if (!Files.exists(procs)) return out;
        for (String line : read(procs).split("\n")) {
            if (!line.isBlank()) out.add(Long.parseLong(line.trim()));
        }
        return out;
    }
}
