package org.relucert.bounds;

import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * A convex relaxation: sound lower and upper bounds of every output of a network over a box.
 * Implementations are stateless and thread-safe.
 */
public interface Relaxation {

    /** The domain name as given to {@code --domain}, e.g. "deeppoly0" or "multi:2". */
    String name();

    /** Sound bounds of every output of {@code net} over {@code box}. */
    Analysis analyse(Network net, Box box);

    /**
     * Sound bounds within a time limit: once {@code deadline} passes, the bounds not yet computed fall
     * back to sound looser ones (e.g. the IBP/DeepPoly bounds) and the notes say which (each such note
     * starts with {@link Analysis#TIME_LIMIT}). Domains that always finish quickly need not override this.
     */
    default Analysis analyse(Network net, Box box, Deadline deadline) {
        return analyse(net, box);
    }
}
