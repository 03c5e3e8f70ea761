package org.relucert.relax;

import org.relucert.InvalidInputException;

/**
 * A network beyond the {@link LpLimits} of an LP or MILP domain. It is an {@link InvalidInputException},
 * so the CLI prints the one-line message (which names the network's size and the limit) and exits with 2.
 */
public class NetworkTooLargeException extends InvalidInputException {
    public NetworkTooLargeException(String message) {
        super(message);
    }
}
