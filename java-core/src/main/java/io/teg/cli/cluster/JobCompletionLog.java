package io.teg.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the file of {@code jobcomp/filetxt}: one line of {@code Key=Value} fields per finished job. */
public final class JobCompletionLog {

    private JobCompletionLog() {
    }

    /** Every job in the file, in the order Slurm finished them; none when the file does not exist yet. */
    public static List<FinishedJob> read(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<FinishedJob> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            out.add(parse(lines.get(i), file + ":" + (i + 1)));
        }
        return out;
    }

    /** One line; a missing or malformed field is an error that names {@code where} and the field. */
    static FinishedJob parse(String line, String where) {
        Map<String, String> f = new HashMap<>();
        for (String tok : line.strip().split(" ")) {
            int eq = tok.indexOf('=');
            if (eq > 0) f.put(tok.substring(0, eq), tok.substring(eq + 1));
        }
        try {
            return new FinishedJob(Long.parseLong(field(f, "JobId", where)), field(f, "JobState", where),
                    time(f, "SubmitTime", where), time(f, "StartTime", where), time(f, "EndTime", where),
                    field(f, "NodeList", where), Integer.parseInt(field(f, "ProcCnt", where)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": JobId and ProcCnt must be integers: " + e.getMessage());
        }
    }

    private static String field(Map<String, String> f, String key, String where) {
        String v = f.get(key);
        if (v == null) throw new IllegalArgumentException(where + ": no " + key + "= field");
        return v;
    }

    private static LocalDateTime time(Map<String, String> f, String key, String where) {
        String v = field(f, key, where);
        try {
            return LocalDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": " + key + "=" + v + " is not a time (yyyy-MM-ddTHH:mm:ss)");
        }
    }
}
