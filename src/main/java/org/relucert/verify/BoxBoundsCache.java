package org.relucert.verify;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;

/**
 * Intermediate bounds of input boxes, shared by the cases of a disjunction under input splitting. A case's
 * search tree halves the same boxes as another case's tree wherever both choose the same dimension, and a
 * box's intermediate bounds (no phase constraints) do not depend on the output rows: the first case to bound
 * a box stores them, the others reuse them instead of refining again. On cifar_biasfield prop_0 (9 cases)
 * seven of the eight refined halves were the same two boxes.
 *
 * <p>Every entry holds sound bounds of every node on exactly its box (the arrays are compared entry by
 * entry), so using them is sound whichever case computed them; which case does so first depends on thread
 * timing, so subproblem counts may vary between runs, verdicts do not. Entries are kept first in, first out
 * within a budget of stored doubles. Thread-safe.
 */
final class BoxBoundsCache {
    /** An entry: the bounds of every node, and the intermediate slopes that tightened them (null if none did). */
    record Entry(Bounds[] bounds, IntermediateSlopes.Slopes slopes) {
    }

    private final long budget;
    private final Map<Box, Entry> entries = new HashMap<>();
    private final ArrayDeque<Box> order = new ArrayDeque<>();
    private final Set<Box> pending = new HashSet<>();
    private long stored;
    private long hits;

    /** A cache keeping at most {@code budget} doubles of bounds. */
    BoxBoundsCache(long budget) {
        this.budget = budget;
    }

    /** The entry stored for exactly this box, or null. */
    synchronized Entry get(Box box) {
        Entry e = entries.get(box);
        if (e != null) {
            hits++;
        }
        return e;
    }

    /**
     * The entry of this box, waiting (until the System.nanoTime() instant {@code until}) while another thread
     * computes it; null when there is none, in which case the box is now the caller's to compute, and the
     * caller must {@link #put} or {@link #release} it. Two workers starting on two cases of one box would
     * otherwise refine the same bounds side by side.
     */
    synchronized Entry claim(Box box, long until) {
        while (pending.contains(box) && System.nanoTime() - until < 0) {
            try {
                wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Entry e = entries.get(box);
        if (e != null) {
            hits++;
            return e;
        }
        pending.add(box);
        return null;
    }

    /** Gives up a box claimed by {@link #claim} without storing bounds for it. */
    synchronized void release(Box box) {
        if (pending.remove(box)) {
            notifyAll();
        }
    }

    /**
     * Stores sound bounds of every node on exactly {@code box} (no phase constraints), replacing an older
     * entry of the box; an entry larger than the whole budget is not stored.
     */
    synchronized void put(Box box, Bounds[] bounds, IntermediateSlopes.Slopes slopes) {
        long size = size(bounds);
        if (size > budget) {
            release(box);
            return;
        }
        Box key = new Box(box.lower().clone(), box.upper().clone()); // Box compares its arrays entry by entry
        if (pending.remove(key)) {
            notifyAll();
        }
        Entry old = entries.put(key, new Entry(bounds, slopes));
        if (old != null) {
            stored -= size(old.bounds());
        } else {
            order.addLast(key);
        }
        stored += size;
        while (stored > budget) {
            Box first = order.removeFirst();
            stored -= size(entries.remove(first).bounds());
        }
    }

    /** How many lookups found an entry. */
    synchronized long hits() {
        return hits;
    }

    /** How many boxes are stored. */
    synchronized int size() {
        return entries.size();
    }

    private static long size(Bounds[] bounds) {
        long n = 0;
        for (Bounds b : bounds) {
            n += b == null ? 0 : 2L * b.size();
        }
        return n;
    }
}
