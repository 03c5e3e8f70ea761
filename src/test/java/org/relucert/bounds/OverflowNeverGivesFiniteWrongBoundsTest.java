package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Weights near the largest double: u - l of an unstable neuron overflows, and the upper chord must not
 * collapse to the line 0 (the defect of ../shared/repro/unsound_overflow_1e308.json): every core domain's
 * upper bound still reaches the output value at the point (1, 0).
 */
class OverflowNeverGivesFiniteWrongBoundsTest {

    private static Network net(double w) {
        List<Node> nodes = List.of(
                Affine.of("h", new int[] {Network.INPUT}, new int[] {2}, new double[][] {{w, -w}}, new double[] {0}),
                new Relu("r", 0, 1),
                Affine.of("y", new int[] {1, Network.INPUT}, new int[] {1, 2}, new double[][] {{1, 0, 1}},
                        new double[] {0}));
        return new Network(2, nodes, 2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ibp", "ZERO", "ONE", "AREA"})
    void upperBoundReachesTheAttainedValue(String domain) {
        Relaxation relaxation = domain.equals("ibp") ? new Ibp() : new DeepPoly(DeepPoly.SlopeRule.valueOf(domain));
        for (double w : new double[] {1e308, 1.7e308, 9e307}) {
            Network net = net(w);
            Box box = new Box(new double[] {0, 0}, new double[] {1, 1});
            double reached = net.evaluate(new double[] {1, 0})[0];
            Bounds b = relaxation.analyse(net, box).output();
            assertTrue(b.upper()[0] >= reached, domain + " with weight " + w + ": upper " + b.upper()[0]
                    + " below the value " + reached + " reached at (1, 0)");
            assertTrue(b.lower()[0] <= 0, domain + ": lower " + b.lower()[0] + " above the value 0 at (0, 0)");
        }
    }

    @ParameterizedTest(name = "l={0}, u={1}")
    @CsvSource({"-1e308,1e308", "-1.7e308,1.7e308", "-1e300,1.7e308",
        "-Infinity,1", "-1,Infinity", "-1e-300,1.7e308", "-1.7e308,1e-300"})
    void upperLineLiesAboveTheReluAtBothEnds(double l, double u) {
        ReluLines lines = ReluLines.deepPoly(new double[] {l}, new double[] {u}, new double[] {0});
        double s = lines.upperSlope()[0];
        double c = lines.upperIntercept()[0];
        for (double z : new double[] {l, 0, u}) {
            if (Double.isFinite(z)) {
                assertTrue(s * z + c >= Math.max(0, z), "upper line " + s + "z + " + c + " below relu at " + z);
            }
        }
    }
}
