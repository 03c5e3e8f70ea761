package org.relucert.precision;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bounds.Relaxation;
import org.relucert.exact.Breakpoints;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The gap of one domain on every interval [a, b] of a grid over X (univariate networks): {@code gap[i][j]} is
 * the gap on [grid[i], grid[j]] for i &lt; j and NaN elsewhere, {@code exact[i][j]} whether it is within the
 * tolerance. Carries h's breakpoints for drawing.
 */
public record GapMap(String domain, double[] grid, double[][] gap, boolean[][] exact, double[] kinks,
                     Tolerance tolerance, int exactCells, int cells) {

    /** Share of the intervals whose bounds were exact within the tolerance. */
    public double exactFraction() {
        return cells == 0 ? Double.NaN : (double) exactCells / cells;
    }

    /** Largest gap on the grid. */
    public double maxGap() {
        double m = 0;
        for (double[] row : gap) {
            for (double g : row) {
                if (!Double.isNaN(g)) {
                    m = Math.max(m, g);
                }
            }
        }
        return m;
    }

    /**
     * Computes the map on a {@code resolution} x {@code resolution} grid of endpoints over X, in parallel on
     * {@code threads} threads (0 for all cores).
     */
    public static GapMap compute(Network net, Relaxation domain, Box over, int resolution, int output,
                                 Tolerance tolerance, int threads) {
        return compute(net, domain, over, resolution, output, tolerance, threads, Progress.NONE);
    }

    /** As above, telling {@code rowsDone} the grid rows finished, of {@code resolution}, after each row (any thread). */
    public static GapMap compute(Network net, Relaxation domain, Box over, int resolution, int output,
                                 Tolerance tolerance, int threads, Progress rowsDone) {
        if (net.inputSize() != 1) {
            throw new InvalidInputException("a gap map needs a network with one input; this one has " + net.inputSize());
        }
        if (resolution < 2 || resolution > 2000) {
            throw new InvalidInputException("--resolution must be between 2 and 2000, got " + resolution);
        }
        if (output < 0 || output >= net.outputSize()) {
            throw new InvalidInputException("output index " + output + " out of range: the network has "
                    + net.outputSize() + " outputs");
        }
        double a = over.lower()[0];
        double b = over.upper()[0];
        if (!(a < b)) {
            throw new InvalidInputException("--over must be an interval with lower < upper, got " + over);
        }
        Breakpoints bp = Breakpoints.of(net, output, a, b);
        double[] grid = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            grid[i] = i == resolution - 1 ? b : a + (b - a) * i / (resolution - 1);
        }
        double[][] gap = new double[resolution][resolution];
        boolean[][] exact = new boolean[resolution][resolution];
        ForkJoinPool pool = new ForkJoinPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger finished = new AtomicInteger();
        try {
            pool.submit(() -> IntStream.range(0, resolution).parallel().forEach(i -> {
                for (int j = 0; j < resolution; j++) {
                    if (stopped.get()) {
                        throw new CancellationException("gap map interrupted");
                    }
                    if (j <= i) {
                        gap[i][j] = Double.NaN;
                        continue;
                    }
                    Box box = new Box(new double[] {grid[i]}, new double[] {grid[j]});
                    BoxGap g = Gaps.withExact(net, box, domain, output, tolerance, bp.range(grid[i], grid[j]));
                    gap[i][j] = g.gap();
                    exact[i][j] = g.exactWithinTolerance();
                }
                rowsDone.update(finished.incrementAndGet(), resolution);
            })).get();
        } catch (InterruptedException e) {
            stopped.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("gap map interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        int exactCells = 0;
        for (int i = 0; i < resolution; i++) {
            for (int j = i + 1; j < resolution; j++) {
                exactCells += exact[i][j] ? 1 : 0;
            }
        }
        return new GapMap(domain.name(), grid, gap, exact, bp.kinks(1e-9), tolerance, exactCells,
                resolution * (resolution - 1) / 2);
    }
}
