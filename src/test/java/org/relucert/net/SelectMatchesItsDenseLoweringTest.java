package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.net.ConvCases.assertClose;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On seeded random networks with a {@link Select} node (several sources, repeated entries), the node computes
 * the same values, intervals, forward forms and back-substitution coefficients as its dense lowering, and
 * its rounding slack is zero exactly when no coefficient is added onto a non-zero one.
 */
class SelectMatchesItsDenseLoweringTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void valuesIntervalsAndFormsAgreeWithTheDenseLowering(long seed) {
        Network net = SelectCases.of(seed);
        Network dense = DenseLowering.lower(net);
        Box box = SelectCases.box(net.inputSize(), seed);
        for (double[] x : ConvCases.points(box, 50, seed)) {
            double[][] e = dense.evaluateAll(x);
            double[][] a = net.evaluateAll(x);
            for (int j = 0; j < e.length; j++) {
                assertClose(e[j], a[j], 1e-12, "seed " + seed + " node " + j);
            }
        }
        for (String rule : new String[] {"zero", "one", "area"}) {
            ForwardForms.Pass expected = ForwardForms.run(dense, box, ForwardForms.slopes(rule));
            ForwardForms.Pass actual = ForwardForms.run(net, box, ForwardForms.slopes(rule));
            for (int j = 0; j < net.nodes().size(); j++) {
                String what = "seed " + seed + " " + rule + " node " + net.nameOf(j);
                assertClose(expected.intervals()[j][0], actual.intervals()[j][0], 1e-9, what + " interval lower");
                assertClose(expected.intervals()[j][1], actual.intervals()[j][1], 1e-9, what + " interval upper");
                assertClose(expected.forms()[j][0], actual.forms()[j][0], 1e-9, what + " lower form");
                assertClose(expected.forms()[j][1], actual.forms()[j][1], 1e-9, what + " upper form");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void backwardScattersTheSameCoefficientsAsTheDenseLowering(long seed) {
        Network net = SelectCases.of(seed);
        Select s = (Select) net.node(2);
        Affine dense = DenseLowering.lower(s);
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(5);
        double[] coef = new double[rows * s.size()];
        for (int i = 0; i < coef.length; i++) {
            coef[i] = rnd.nextInt(3) == 0 ? 0 : 2 * rnd.nextDouble() - 1;
        }
        int[] sizes = s.fromSizes();
        double[][] expected = new double[sizes.length][];
        double[][] actual = new double[sizes.length][];
        double[][] mags = new double[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            expected[k] = new double[rows * sizes[k]];
            actual[k] = new double[rows * sizes[k]];
            mags[k] = new double[sizes[k]];
            java.util.Arrays.fill(mags[k], 1.0);
        }
        double[] c1 = new double[rows];
        double[] c2 = new double[rows];
        dense.backward(coef, rows, rows, expected, c1, null);
        RoundingSlack slack = new RoundingSlack(mags, new double[rows]);
        s.backward(coef, rows, rows, actual, c2, null, slack);
        for (int k = 0; k < sizes.length; k++) {
            assertClose(expected[k], actual[k], 1e-12, "seed " + seed + " source " + k);
        }
        assertArrayEquals(new double[rows], c2, "a selection adds no constant");
        int[] source = s.sources();
        int[] position = s.positions();
        for (int r = 0; r < rows; r++) {
            boolean[][] touched = new boolean[sizes.length][];
            for (int k = 0; k < sizes.length; k++) {
                touched[k] = new boolean[sizes[k]];
            }
            boolean added = false;
            for (int i = 0; i < s.size(); i++) {
                if (coef[r * s.size() + i] != 0) {
                    added |= touched[source[i]][position[i]];
                    touched[source[i]][position[i]] = true;
                }
            }
            if (added) {
                assertTrue(slack.slack()[r] > 0, "seed " + seed + " row " + r + ": summed coefficients round");
            } else {
                assertEquals(0.0, slack.slack()[r], 1e-300, "seed " + seed + " row " + r + ": copies are exact");
            }
        }
    }

    @Test
    void aSelectionOfAMissingEntryIsRefusedNamingTheNode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Select("g", Network.INPUT, 3, new int[] {0, 3}, new int[] {2}));
        assertTrue(e.getMessage().contains("'g'") && e.getMessage().contains("entry 1"), e.getMessage());
    }
}
