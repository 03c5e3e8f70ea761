package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.verify.QueryBounder;
import org.relucert.verify.QueryBounds;
import org.relucert.verify.ReluSplits;

/**
 * The verifier's bounds ({@link QueryBounder}: forward forms for inputs of up to
 * {@link QueryBounder#FORWARD_MAX_DIM} dimensions, DeepPoly refinement of unstable neurons, the folded final
 * query) contain the exact values in rational arithmetic on the adversarial networks of
 * {@link BoundsHoldInExactArithmeticTest}: weights spanning 1e-8..1e8, boxes of width 0 and 1e-12. Every node's
 * bounds and every row's lower bound are checked, with the cheap pass alone and with refinement.
 */
class VerifierBoundsHoldInExactArithmeticTest {

    /** Rows y_o and -y_o for every output, d = 0: their lower bounds are the output's lower and -upper bounds. */
    private static double[][] rows(int outputs) {
        double[][] c = new double[2 * outputs][outputs];
        for (int o = 0; o < outputs; o++) {
            c[2 * o][o] = 1;
            c[2 * o + 1][o] = -1;
        }
        return c;
    }

    private static List<String> violations(Network net, Box box, List<double[]> xs, boolean refine, String what) {
        List<String> bad = new ArrayList<>();
        double[][] c = rows(net.outputSize());
        QueryBounds q = new QueryBounder(net).bound(box, ReluSplits.NONE, null, c, new double[c.length], refine);
        for (double[] x : xs) {
            BigDecimal[][] v = ExactArithmetic.evaluateAll(net, x);
            for (int j = 0; j < v.length; j++) {
                Bounds b = q.nodeBounds()[j];
                for (int i = 0; i < v[j].length; i++) {
                    if (!ExactArithmetic.atMost(b.lower()[i], v[j][i]) || !ExactArithmetic.atLeast(b.upper()[i], v[j][i])) {
                        bad.add(what + " node " + net.node(j).name() + "[" + i + "]: [" + b.lower()[i] + ", "
                                + b.upper()[i] + "] misses " + v[j][i].round(new MathContext(20)));
                    }
                }
            }
            BigDecimal[] y = v[net.output()];
            for (int o = 0; o < y.length; o++) {
                if (!ExactArithmetic.atMost(q.rowLower()[2 * o], y[o])
                        || !ExactArithmetic.atMost(q.rowLower()[2 * o + 1], y[o].negate())) {
                    bad.add(what + " rows of output " + o + ": lower " + q.rowLower()[2 * o] + ", upper "
                            + -q.rowLower()[2 * o + 1] + " miss " + y[o].round(new MathContext(20)));
                }
            }
        }
        return bad;
    }

    @Test
    void forwardFormsAndFoldedRowsContainTheExactValuesOnWildWeightsAndThinBoxes() {
        Random rnd = new Random(21);
        List<String> bad = new ArrayList<>();
        int cases = 0;
        for (double width : new double[] {0, 1e-12, 1e-6, 0.5}) {
            for (int t = 0; t < 16; t++) {
                Network net = BoundsHoldInExactArithmeticTest.wildNetwork(rnd, 3, 4);
                Box box = BoundsHoldInExactArithmeticTest.box(rnd, 3, width);
                List<double[]> xs = BoundsHoldInExactArithmeticTest.points(rnd, box);
                bad.addAll(violations(net, box, xs, false, "width " + width + " cheap"));
                bad.addAll(violations(net, box, xs, true, "width " + width + " refined"));
                cases++;
            }
        }
        assertTrue(cases == 64 && bad.isEmpty(), bad.size() + " violations in " + cases + " cases, e.g. "
                + bad.subList(0, Math.min(5, bad.size())));
    }

    /**
     * out = 3·relu(fl(0.1)·x) - relu(fl(0.3)·x): the forward form's coefficient of x is fl(fl(3·fl(0.1)) - fl(0.3))
     * = 2^-54, twice the exact 3·fl(0.1) - fl(0.3) = 2^-55, so at x = 1 unpadded forms give the output's lower bound
     * 2^-54 above its exact value. Checked on a point and on a box of width 1e-12.
     */
    @Test
    void aCancellingCoefficientThatForwardFormsRoundUpIsBoundedOutward() {
        Network net = new org.relucert.net.NetBuilder(1)
                .reluLayer("h", new double[][] {{0.1}, {0.3}}, new double[] {0, 0}, "input")
                .affine("out", new double[][] {{3, -1}}, new double[] {0}, "h")
                .output("out");
        List<String> bad = new ArrayList<>();
        for (double width : new double[] {0, 1e-12}) {
            Box box = new Box(new double[] {1}, new double[] {1 + width});
            List<double[]> xs = List.of(new double[] {1}, new double[] {1 + width});
            bad.addAll(violations(net, box, xs, false, "width " + width + " cheap"));
            bad.addAll(violations(net, box, xs, true, "width " + width + " refined"));
        }
        assertTrue(bad.isEmpty(), bad.size() + " violations, e.g. " + bad.subList(0, Math.min(5, bad.size())));
    }
}
