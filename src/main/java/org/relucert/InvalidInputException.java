package org.relucert;

/**
 * A user's mistake in a file, option or value. The message is one line that names the file, node or
 * field and says what is wrong; the CLI prints it without a stack trace and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
