package io.teg.cli;

/** Input the user gave cannot be used: the message says what and where, in one line. */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
