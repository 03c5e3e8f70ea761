package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.LinearBounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * The shared {@link BackSubstitution} reproduces the verify package's former second engine
 * ({@link ReferenceLowerBackSubstitution}, kept verbatim): one side per row with any split into lower and
 * upper rows, beta terms on pre-activations, the coefficients kept at every ReLU output, and the stacked
 * both-sided query that the intermediate refinement used.
 */
class UnifiedBackSubstitutionMatchesOldTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oneSidedRowsTermsAndKeptCoefficientsMatch(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int inputs = 1 + rnd.nextInt(6);
        Network net = RandomNetworks.dag(seed, inputs, 1 + rnd.nextInt(4), 20, 0.5, 1 + rnd.nextInt(4));
        Box box = RandomNetworks.box(seed + 9, inputs, 1.5);
        ReluLines[] lines = randomLines(net, box, rnd);
        boolean[] relus = reluMask(net);
        for (int trial = 0; trial < 4; trial++) {
            int target = trial == 0 ? net.output() : randomNonRelu(net, rnd);
            int size = net.sizeOf(target);
            int q = 1 + rnd.nextInt(5);
            double[] query = new double[q * size];
            for (int i = 0; i < query.length; i++) {
                query[i] = rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble(-1, 1);
            }
            int lowerRows = rnd.nextInt(q + 1);
            double[][] term = rnd.nextBoolean() ? randomTerms(net, target, rnd) : null;
            ReferenceLowerBackSubstitution.Result old =
                    ReferenceLowerBackSubstitution.run(net, target, query, q, lowerRows, lines, term);
            BackSubstitution.Result now = BackSubstitution.run(net, target, query, q, lines,
                    BackSubstitution.Options.oneSided(lowerRows).withTerm(term).keeping(relus));
            String what = "trial " + trial + " target " + target;
            LinearBounds lb = now.bounds();
            int d = net.inputSize();
            for (int r = 0; r < q; r++) {
                boolean lower = r < lowerRows;
                double[] coef = lower ? lb.lowerCoef() : lb.upperCoef();
                double constant = lower ? lb.lowerConst()[r] : lb.upperConst()[r];
                for (int t = 0; t < d; t++) {
                    close(old.inputCoef()[r * d + t], coef[r * d + t], what + " row " + r + " input " + t);
                }
                close(old.constant()[r], constant, what + " row " + r + " constant");
                assertEquals(lower ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY,
                        lower ? lb.upperConst()[r] : lb.lowerConst()[r], what + " the unbounded side");
                if (lower) {
                    close(old.lowerAt(r, box), lb.lowerBound(r, box), what + " lower bound of row " + r);
                } else {
                    close(old.upperAt(r, box), lb.upperBound(r, box), what + " upper bound of row " + r);
                }
            }
            sameKept(old.reluCoef(), now.kept(), what);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bothSidedQueryMatchesTheOldStackedQuery(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed + 1000);
        int inputs = 1 + rnd.nextInt(6);
        Network net = RandomNetworks.dag(seed, inputs, 1 + rnd.nextInt(4), 20, 0.5, 2);
        Box box = RandomNetworks.box(seed + 9, inputs, 1.5);
        ReluLines[] lines = DeepPoly.propagate(net, box, DeepPoly.SlopeRule.AREA).lines();
        int target = randomNonRelu(net, rnd);
        int size = net.sizeOf(target);
        int q = Math.min(size, 1 + rnd.nextInt(4));
        int[] idx = new int[q];
        for (int r = 0; r < q; r++) {
            idx[r] = r;
        }
        double[] query = unitRows(idx, size);
        double[] stacked = new double[2 * q * size];
        System.arraycopy(query, 0, stacked, 0, q * size);
        System.arraycopy(query, 0, stacked, q * size, q * size);
        ReferenceLowerBackSubstitution.Result old = ReferenceLowerBackSubstitution.run(net, target, stacked, 2 * q, q, lines);
        BackSubstitution.Result now = BackSubstitution.run(net, target, query, q, lines,
                BackSubstitution.Options.BOTH.keeping(reluMask(net)));
        int d = net.inputSize();
        LinearBounds lb = now.bounds();
        for (int r = 0; r < q; r++) {
            for (int t = 0; t < d; t++) {
                close(old.inputCoef()[r * d + t], lb.lowerCoef()[r * d + t], "lower row " + r);
                close(old.inputCoef()[(q + r) * d + t], lb.upperCoef()[r * d + t], "upper row " + r);
            }
            close(old.constant()[r], lb.lowerConst()[r], "lower constant " + r);
            close(old.constant()[q + r], lb.upperConst()[r], "upper constant " + r);
        }
        Bounds b = lb.concretise(box.lower(), box.upper());
        for (int r = 0; r < q; r++) {
            close(old.lowerAt(r, box), b.lower()[r], "concrete lower " + r);
            close(old.upperAt(q + r, box), b.upper()[r], "concrete upper " + r);
        }
        sameKept(old.reluCoef(), now.kept(), "both sides");
    }

    private static void sameKept(double[][] old, double[][] now, String what) {
        for (int j = 0; j < old.length; j++) {
            if (old[j] == null) {
                assertNull(now[j], what + " node " + j + " kept but never reached");
                continue;
            }
            assertEquals(old[j].length, now[j].length, what + " node " + j);
            for (int i = 0; i < old[j].length; i++) {
                close(old[j][i], now[j][i], what + " kept coefficient " + i + " of node " + j);
            }
        }
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    /** DeepPoly lines with random lower slopes in [0, 1], and some neurons fixed exactly (as by a split). */
    private static ReluLines[] randomLines(Network net, Box box, SplittableRandom rnd) {
        DeepPoly.State s = DeepPoly.propagate(net, box, DeepPoly.SlopeRule.AREA);
        ReluLines[] lines = new ReluLines[net.nodes().size()];
        for (int j = 0; j < lines.length; j++) {
            Relu r = net.relu(j);
            if (r == null) {
                continue;
            }
            Bounds src = r.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : s.bounds()[r.source()];
            double[] l = src.lower().clone();
            double[] u = src.upper().clone();
            double[] lambda = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                lambda[i] = rnd.nextDouble();
                if (rnd.nextDouble() < 0.2) {
                    l[i] = Math.max(l[i], 0);
                }
            }
            lines[j] = ReluLines.deepPoly(l, u, lambda);
        }
        return lines;
    }

    private static double[][] randomTerms(Network net, int target, SplittableRandom rnd) {
        double[][] term = new double[net.nodes().size()][];
        for (int j = 0; j < target; j++) {
            Relu r = net.relu(j);
            if (r != null && rnd.nextBoolean()) {
                term[j] = new double[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    term[j][i] = rnd.nextDouble() < 0.5 ? 0 : rnd.nextDouble(-1, 1);
                }
            }
        }
        return term;
    }

    private static int randomNonRelu(Network net, SplittableRandom rnd) {
        while (true) {
            int j = rnd.nextInt(net.nodes().size());
            if (net.relu(j) == null) {
                return j;
            }
        }
    }

    private static boolean[] reluMask(Network net) {
        boolean[] mask = new boolean[net.nodes().size()];
        for (int j = 0; j < mask.length; j++) {
            mask[j] = net.relu(j) != null;
        }
        return mask;
    }

    private static double[] unitRows(int[] idx, int size) {
        double[] query = new double[idx.length * size];
        for (int r = 0; r < idx.length; r++) {
            query[r * size + idx[r]] = 1.0;
        }
        return query;
    }
}
