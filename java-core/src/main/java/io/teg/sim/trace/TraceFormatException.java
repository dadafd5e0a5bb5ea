package io.teg.sim.trace;

/**
 * A trace file that cannot be read as the format it claims to be: a malformed line in strict mode, a missing
 * required column, or a file with nothing to replay. The message is {@code file:line: reason}, the form compilers
 * use, so that editors and terminals can jump to the line.
 */
public final class TraceFormatException extends RuntimeException {

    private final String file;
    private final long line;
    private final String reason;

    /**
     * @param file the file as the caller named it
     * @param line 1-based line number, or 0 when the problem is not on one line (the message then omits it)
     * @param reason what is wrong, with the offending value
     */
    public TraceFormatException(String file, long line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file as the caller named it. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
