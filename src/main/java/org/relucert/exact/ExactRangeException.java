package org.relucert.exact;

/**
 * An exact range could not be computed for a reason that is not the user's mistake, e.g. the LP solver
 * failed on one activation region. No range is returned in that case: a guessed range could hide a gap.
 */
public class ExactRangeException extends RuntimeException {
    public ExactRangeException(String message) {
        super(message);
    }
}
