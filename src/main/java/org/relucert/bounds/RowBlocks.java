package org.relucert.bounds;

import java.util.stream.IntStream;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.ReluLines;

/**
 * Concrete back-substitution bounds of a node, computed a block of rows at a time.
 *
 * <p>The identity query of a node of n entries is an n x n coefficient matrix per live node; for a CIFAR
 * convolution layer (16x32x32 = 16384 entries) that is 2 GiB per buffer. Every row of the query is
 * back-substituted independently of the others, so the node's rows are split into blocks, each block is
 * back-substituted ({@link BackSubstitution#runIdentityRows}) and concretised, and its coefficients are
 * dropped before the next. The bounds are those of the one-shot query, row for row. Blocks run in
 * parallel on the available cores. Memory is then about (cores x block rows x the widest node x a few
 * live buffers x 16 bytes) instead of growing with the square of the node size.
 */
public final class RowBlocks {
    /**
     * Entries one coefficient buffer of a block may hold: block rows x the widest node (2 MiB of doubles;
     * small blocks keep a block's buffers in cache, and rows are independent, so small blocks cost little).
     */
    static final long BUFFER_ENTRIES = 1L << 18;
    /** No block has fewer rows than this (per-block overheads). */
    static final int MIN_ROWS = 16;

    private RowBlocks() {
    }

    /**
     * Rows per block for this network: as many as keep one buffer within {@value #BUFFER_ENTRIES} entries
     * of the widest node (or the input), and at least {@value #MIN_ROWS}. Networks whose nodes are all
     * narrower than that are bounded in one query per node, exactly as before blocks existed.
     */
    public static int blockRows(Network net) {
        long widest = net.inputSize();
        for (int j = 0; j < net.nodes().size(); j++) {
            widest = Math.max(widest, net.sizeOf(j));
        }
        return (int) Math.max(MIN_ROWS, Math.min(Integer.MAX_VALUE, BUFFER_ENTRIES / widest));
    }

    /**
     * Bounds of every entry of {@code target} by back-substitution to the input and concretisation over
     * the box, {@code blockRows} rows at a time (one query when the node has no more entries).
     */
    public static Bounds bounds(Network net, int target, ReluLines[] lines, Box box, int blockRows) {
        return bounds(net, target, lines, box, blockRows, BackSubstitution.Options.BOTH);
    }

    /**
     * As {@link #bounds(Network, int, ReluLines[], Box, int)} with the walk's options (both sides; e.g. the
     * magnitudes for its rounding errors).
     */
    public static Bounds bounds(Network net, int target, ReluLines[] lines, Box box, int blockRows,
                                BackSubstitution.Options options) {
        return bounds(net, target, lines, box, blockRows, options, null);
    }

    /** As {@link #bounds(Network, int, ReluLines[], Box, int, BackSubstitution.Options)}, with the walk's stops. */
    static Bounds bounds(Network net, int target, ReluLines[] lines, Box box, int blockRows,
                         BackSubstitution.Options options, Bounds[] stops) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("block rows must be positive, got " + blockRows);
        }
        int size = net.sizeOf(target);
        if (size <= blockRows) {
            return BackSubstitution.run(net, target, BackSubstitution.identity(size), size, lines, options, stops)
                    .bounds().concretise(box.lower(), box.upper());
        }
        int blocks = (size + blockRows - 1) / blockRows;
        int per = (size + blocks - 1) / blocks;
        double[] lo = new double[size];
        double[] hi = new double[size];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int first = b * per;
            int count = Math.min(per, size - first);
            if (count <= 0) {
                return;
            }
            Bounds part = BackSubstitution.runIdentityRows(net, target, lines, first, count, options, stops)
                    .concretise(box.lower(), box.upper());
            System.arraycopy(part.lower(), 0, lo, first, count);
            System.arraycopy(part.upper(), 0, hi, first, count);
        });
        return new Bounds(lo, hi);
    }
}
