package org.relucert.io.vnnlib;

import org.relucert.InvalidInputException;

/** A malformed or unsupported VNN-LIB file; the message starts with "file:line:column:". */
public final class VnnLibException extends InvalidInputException {
    public VnnLibException(String message) {
        super(message);
    }
}
