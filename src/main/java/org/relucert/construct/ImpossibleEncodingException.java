package org.relucert.construct;

import org.relucert.InvalidInputException;

/**
 * A request for a network that theory says cannot exist (a ✗ cell of Table 1) or that no known
 * construction provides (a "?" cell). The message explains why and cites the result; the CLI exits 2.
 */
public final class ImpossibleEncodingException extends InvalidInputException {
    private final String cell;

    public ImpossibleEncodingException(String cell, String message) {
        super(message);
        this.cell = cell;
    }

    /** The Table 1 mark of the request: "✗" or "?". */
    public String cell() {
        return cell;
    }
}
