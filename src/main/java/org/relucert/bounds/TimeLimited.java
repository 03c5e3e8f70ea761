package org.relucert.bounds;

import java.util.concurrent.atomic.AtomicInteger;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * A relaxation run within one deadline, for code that calls {@link Relaxation#analyse(Network, Box)}
 * many times (precision search, gap maps, plots): every analysis gets the deadline, and the wrapper
 * counts the analyses whose bounds fell back because it passed. Thread-safe when the wrapped relaxation is.
 */
public final class TimeLimited implements Relaxation {

    private final Relaxation inner;
    private final Deadline deadline;
    private final AtomicInteger limited = new AtomicInteger();

    public TimeLimited(Relaxation inner, Deadline deadline) {
        this.inner = inner;
        this.deadline = deadline;
    }

    /** The wrapped relaxation. */
    public Relaxation inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Analysis analyse(Network net, Box box) {
        return analyse(net, box, deadline);
    }

    @Override
    public Analysis analyse(Network net, Box box, Deadline other) {
        Analysis a = inner.analyse(net, box, deadline.earlier(other));
        if (a.timeLimited()) {
            limited.incrementAndGet();
        }
        return a;
    }

    /** How many analyses so far returned looser bounds because the deadline passed. */
    public int timeLimitedRuns() {
        return limited.get();
    }
}
