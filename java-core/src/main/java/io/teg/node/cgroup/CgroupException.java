package io.teg.node.cgroup;

import java.nio.file.Path;

/** A cgroup file could not be read or written: says which file, which operation and why. */
public final class CgroupException extends RuntimeException {

    private final Path file;

    public CgroupException(String operation, Path file, Throwable cause) {
        super(operation + " " + file + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        this.file = file;
    }

    public CgroupException(String message, Path file) {
        super(message + " (" + file + ")");
        this.file = file;
    }

    /** The file or directory the operation touched. */
    public Path file() {
        return file;
    }
}
