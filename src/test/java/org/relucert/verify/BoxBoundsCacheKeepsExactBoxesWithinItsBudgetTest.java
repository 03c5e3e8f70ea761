package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;

/**
 * {@link BoxBoundsCache} returns an entry only for exactly the box it was stored for, keeps at most its
 * budget of doubles (first in, first out), and makes a second claimant of a box wait for the first one's
 * bounds instead of computing them again.
 */
class BoxBoundsCacheKeepsExactBoxesWithinItsBudgetTest {

    private static Box box(double lo, double hi) {
        return new Box(new double[] {lo, 0}, new double[] {hi, 1});
    }

    /** Bounds of two nodes of two neurons each: 8 doubles. */
    private static Bounds[] bounds(double v) {
        Bounds b = new Bounds(new double[] {v, v}, new double[] {v + 1, v + 1});
        return new Bounds[] {b, null, b};
    }

    @Test
    void anEntryIsFoundForAnEqualBoxOnlyAndCountsAsAHit() {
        BoxBoundsCache cache = new BoxBoundsCache(100);
        Bounds[] b = bounds(1);
        cache.put(box(0, 0.5), b, null);
        assertSame(b, cache.get(box(0, 0.5)).bounds(), "a box with equal arrays finds the entry");
        assertNull(cache.get(box(0, 0.25)), "another box does not");
        assertNull(cache.get(new Box(new double[] {0, 0}, new double[] {0.5, 1 + 1e-15})), "nor does a box a hair wider");
        assertEquals(1, cache.hits());
    }

    @Test
    void theOldestEntriesGoWhenTheBudgetIsExceeded() {
        BoxBoundsCache cache = new BoxBoundsCache(20); // two entries of 8 doubles fit, three do not
        cache.put(box(0, 1), bounds(1), null);
        cache.put(box(0, 2), bounds(2), null);
        cache.put(box(0, 3), bounds(3), null);
        assertEquals(2, cache.size());
        assertNull(cache.get(box(0, 1)), "the first entry went");
        assertNotNull(cache.get(box(0, 2)));
        assertNotNull(cache.get(box(0, 3)));
        cache.put(box(0, 2), bounds(4), null);
        assertEquals(2, cache.size(), "replacing an entry does not evict another");
        assertEquals(4, cache.get(box(0, 2)).bounds()[0].lower()[0]);
    }

    @Test
    void anEntryLargerThanTheBudgetIsNotStored() {
        BoxBoundsCache cache = new BoxBoundsCache(7);
        cache.put(box(0, 1), bounds(1), null);
        assertEquals(0, cache.size());
        assertNull(cache.get(box(0, 1)));
    }

    @Test
    void aSecondClaimantWaitsForTheFirstOnesBounds() throws Exception {
        BoxBoundsCache cache = new BoxBoundsCache(100);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        assertNull(cache.claim(box(0, 1), until), "the first claimant computes");
        CompletableFuture<BoxBoundsCache.Entry> second = CompletableFuture.supplyAsync(() -> cache.claim(box(0, 1), until));
        Thread.sleep(100);
        assertTrue(!second.isDone(), "the second claimant waits while the box is being computed");
        Bounds[] b = bounds(1);
        cache.put(box(0, 1), b, null);
        assertSame(b, second.get(10, TimeUnit.SECONDS).bounds(), "and then gets the first one's bounds");
    }

    @Test
    void aReleasedClaimPassesTheBoxToTheNextClaimant() throws Exception {
        BoxBoundsCache cache = new BoxBoundsCache(100);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        assertNull(cache.claim(box(0, 1), until));
        CompletableFuture<BoxBoundsCache.Entry> second = CompletableFuture.supplyAsync(() -> cache.claim(box(0, 1), until));
        Thread.sleep(100);
        cache.release(box(0, 1));
        assertNull(second.get(10, TimeUnit.SECONDS), "no bounds were stored: the next claimant computes them");
    }

    @Test
    void aClaimantStopsWaitingAtItsTimeLimit() {
        BoxBoundsCache cache = new BoxBoundsCache(100);
        assertNull(cache.claim(box(0, 1), System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
        long start = System.nanoTime();
        assertNull(cache.claim(box(0, 1), start + TimeUnit.MILLISECONDS.toNanos(200)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the wait ended at the limit");
    }
}
