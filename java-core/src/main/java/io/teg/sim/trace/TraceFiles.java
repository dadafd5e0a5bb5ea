package io.teg.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opening trace files and parsing their numbers. Files are decoded as ISO-8859-1, which never fails: every syntax
 * element of both formats is ASCII, and bytes in free-text header lines cannot then abort a read.
 */
final class TraceFiles {

    private TraceFiles() {
    }

    /** A reader over {@code file}, gunzipped when its name ends in {@code .gz}. */
    static BufferedReader open(Path file, String what) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, what + " not found");
        if (!Files.isRegularFile(file)) throw new IOException(file + ": " + what + " is not a regular file");
        if (!Files.isReadable(file)) throw new IOException(file + ": " + what + " is not readable");
        InputStream in = Files.newInputStream(file);
        try {
            if (fileName(file).endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw new IOException(file + ": " + what + " is not a valid gzip file: " + e.getMessage(), e);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
    }

    /** {@code line} without a UTF-8 byte-order mark, which ISO-8859-1 decodes as {@code "\u00ef\u00bb\u00bf"}. */
    static String stripBom(String line) {
        return line.startsWith("\u00ef\u00bb\u00bf") ? line.substring(3) : line;
    }

    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** The file name without {@code .gz} and without its last extension: {@code KTH-SP2-1996-2.1-cln}. */
    static String stem(Path file) {
        String name = fileName(file);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Parses a decimal number: an optional sign, digits, and an optional fraction ({@code -1}, {@code 12},
     * {@code 3.5}, {@code .5}). Exponents, {@code NaN}, {@code Infinity} and Java suffixes are not numbers here.
     *
     * @return the value, or {@link Double#NaN} when {@code s[from, to)} is not such a number
     */
    static double parseDecimal(CharSequence s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long whole = 0;
        int digits = 0;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            if (digits >= 18) return slowParse(s, from, to);
            whole = whole * 10 + (s.charAt(i) - '0');
            digits++;
            i++;
        }
        if (i == to) return digits == 0 ? Double.NaN : negative ? -whole : whole;
        if (s.charAt(i) != '.') return Double.NaN;
        i++;
        int fractionStart = i;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        if (i != to || digits + (to - fractionStart) == 0) return Double.NaN;
        return slowParse(s, from, to);
    }

    private static double slowParse(CharSequence s, int from, int to) {
        String text = s.subSequence(from, to).toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(i == 0 && (c == '-' || c == '+'))) return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@link #parseDecimal(CharSequence, int, int)} over the whole string. */
    static double parseDecimal(String s) {
        return parseDecimal(s, 0, s.length());
    }

    /** True when {@code v} is a whole number that fits a long. */
    static boolean isWhole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 9.0e18;
    }
}
