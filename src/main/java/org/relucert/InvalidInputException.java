package org.relucert;

/**
 * A user's mistake in a file, option or value. The message is one line that names the file, node or
 * field and says what is wrong; the CLI prints it without a stack trace and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(oneLine(message));
    }

    public InvalidInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * The message on one line: names quoted from a hostile file may hold line breaks or control characters,
     * which are shown escaped ({@code \n}, {@code \u0000}); very long messages are cut at 2000 characters.
     */
    static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(message.length(), 2000) + 16);
        for (int i = 0; i < message.length() && sb.length() < 2000; i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 2000 && message.length() > 2000) {
            sb.append("... (cut)");
        }
        return sb.toString();
    }
}
