package io.teg.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The file that lists the daemons of a local cluster, one per line ({@code role pid started}), in the order they
 * were started. Written line by line as each daemon starts, so that a failed start-up can still be cleaned up.
 */
public final class DaemonTable {

    private final Path file;

    public DaemonTable(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one daemon and forces it to the file. */
    public void append(Daemon d) throws IOException {
        Files.writeString(file, d.line() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    /** The daemons in start order; none when the file does not exist. A malformed line is an error naming file:line. */
    public List<Daemon> read() throws IOException {
        if (!Files.exists(file)) return List.of();
        List<String> lines = Files.readAllLines(file);
        List<Daemon> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            out.add(parse(s, file + ":" + (i + 1)));
        }
        return out;
    }

    static Daemon parse(String line, String where) {
        String[] f = line.split("\\s+");
        if (f.length != 3) {
            throw new IllegalArgumentException(where + ": expected 'role pid started', got '" + line + "'");
        }
        try {
            return new Daemon(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": PID and start time must be integers, got '" + line + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** Removes the file (after every daemon in it has stopped). */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
