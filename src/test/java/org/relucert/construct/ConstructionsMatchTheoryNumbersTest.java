package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;

/** The constructed networks give the values of THEORY.md §5 and §9 on the named boxes. */
class ConstructionsMatchTheoryNumbersTest {
    private static final Cpwl F3 = (Cpwl) FunctionParser.parse("cpwl: -2:2, 0:0, 1:1, 3:7");
    private static final Relaxation IBP = new Ibp();
    private static final Relaxation DP0 = new DeepPoly(DeepPoly.SlopeRule.ZERO);
    private static final Relaxation DP1 = new DeepPoly(DeepPoly.SlopeRule.ONE);

    private static double[] bounds(Relaxation r, Network net, double l, double u) {
        Analysis a = r.analyse(net, new Box(new double[] {l}, new double[] {u}));
        return new double[] {a.lower()[0], a.upper()[0]};
    }

    @Test
    void deepPoly0FormOfF3IsTheThreeNeuronNetworkOfSection52() {
        OneLayerForm form = UnivariateForms.deepPoly0(F3);
        assertEquals(3, form.neurons().size());
        assertEquals(0.0, form.bias());
        // R(x) + R(-x) + 2R(x - 1)
        assertEquals("+-+", form.orientation());
        assertEquals(1.0, form.neurons().get(0).weight());
        assertEquals(1.0, form.neurons().get(1).weight());
        assertEquals(2.0, form.neurons().get(2).weight());
    }

    @Test
    void deepPoly1FormOfF3IsTheNetworkOfSection53() {
        OneLayerForm form = UnivariateForms.deepPoly1(F3);
        // -2 + 2x + R(x) + R(-x) + 2R(1 - x): crossed coefficients on the two kink neurons
        assertEquals(-2.0, form.bias(), 1e-12);
        assertEquals(2.0, form.linear(), 1e-12);
        assertEquals("-+-", form.orientation());
    }

    @ParameterizedTest
    @CsvSource({"++, 0, -1", "-+, 0, 1", "+-, -2, 1", "--, -2, 3"})
    void triangleOrientationsOfF3MatchSection54(String signs, double bias, double linear) {
        OneLayerForm form = UnivariateForms.oriented(F3, signs);
        assertEquals(bias, form.bias(), 1e-12);
        assertEquals(linear, form.linear(), 1e-12);
    }

    @Test
    void witnessesOfSection9Item4() {
        Network dp0 = Encoders.encode(F3, "deeppoly0").network();
        Network dp1 = Encoders.encode(F3, "deeppoly1").network();
        Network pp = Encoders.encode(F3, "triangle").network();
        assertArrayEquals(new double[] {-4, 4}, bounds(DP1, dp0, -1, 2), 1e-9);
        assertArrayEquals(new double[] {-6, 7}, bounds(DP1, dp0, -2, 3), 1e-9);
        assertArrayEquals(new double[] {0, 5}, bounds(IBP, dp0, -1, 2), 1e-9);
        assertArrayEquals(new double[] {0, 9}, bounds(IBP, dp0, -2, 3), 1e-9);
        assertArrayEquals(new double[] {-4, 4}, bounds(DP0, dp1, -1, 2), 1e-9);
        assertArrayEquals(new double[] {-0.5, 4}, bounds(DP0, dp1, 0.5, 2), 1e-9);
        assertArrayEquals(new double[] {-2, 4}, bounds(DP0, pp, -1, 2), 1e-9);
        assertArrayEquals(new double[] {-5, 4}, bounds(DP1, pp, -1, 2), 1e-9);
        double[][] boxes = {{-1, 2}, {-0.5, 0.5}, {0.5, 2}, {-2, 3}, {-1.5, -0.5}};
        for (double[] b : boxes) {
            assertArrayEquals(F3.range(b[0], b[1]), bounds(DP0, dp0, b[0], b[1]), 1e-9);
            assertArrayEquals(F3.range(b[0], b[1]), bounds(DP1, dp1, b[0], b[1]), 1e-9);
        }
    }

    @Test
    void clippedRampsOfSection95AreIbpExactWhereOneLayerIsNot() {
        Cpwl f = (Cpwl) FunctionParser.parse("cpwl: 0:0, 1:2, 2:2.5, 3:4");
        Network ramps = Encoders.encode(f, "ibp").network();
        assertEquals(6, ramps.reluCount());
        assertArrayEquals(new double[] {1, 3.25}, bounds(IBP, ramps, 0.5, 2.5), 1e-9);
        assertArrayEquals(new double[] {0, 4}, bounds(IBP, ramps, 0, 3), 1e-9);
        Network oneLayer = UnivariateForms.base(f).toNetwork();
        assertArrayEquals(new double[] {-1.25, 5.5}, bounds(IBP, oneLayer, 0.5, 2.5), 1e-9);
        assertArrayEquals(new double[] {-3, 7}, bounds(IBP, oneLayer, 0, 3), 1e-9);
    }

    @Test
    void rampOfSection101UnderEveryDeepPoly() {
        Cpwl ramp = (Cpwl) FunctionParser.parse("cpwl: 0:0, 1:0, 2:1, 3:1");
        Network h1 = Encoders.encode(ramp, "ibp").network();
        assertArrayEquals(new double[] {0.4, 1}, bounds(IBP, h1, 1.4, 2.3), 1e-9);
        assertArrayEquals(new double[] {0.4, 1}, bounds(DP0, h1, 1.4, 2.3), 1e-9);
        assertArrayEquals(new double[] {0.4, 1.3}, bounds(DP1, h1, 1.4, 2.3), 1e-9);
        assertArrayEquals(new double[] {-1, 2}, bounds(DP1, h1, 0, 3), 1e-9);
        Network flipped = Encoders.encode(ramp, "deeppoly1").network();
        assertArrayEquals(new double[] {0.4, 1}, bounds(DP1, flipped, 1.4, 2.3), 1e-9);
        assertArrayEquals(new double[] {0, 1}, bounds(DP1, flipped, 0, 3), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"2, 1.5", "3, 1.9", "4, 2.245", "5, 2.553"})
    void nestedMaxChainGivesTheSection63UpperBounds(int d, double upper) {
        StringBuilder sb = new StringBuilder("max(");
        for (int i = 1; i <= d; i++) {
            sb.append(i > 1 ? ", " : "").append('x').append(i);
        }
        MaxMinFunction f = (MaxMinFunction) FunctionParser.parse(sb.append(')').toString());
        Network net = Encoders.encode(f, "multi").network();
        assertEquals(d - 1, net.reluCount());
        Box unit = Box.cube(d, 0, 1);
        assertEquals(d, IBP.analyse(net, unit).upper()[0], 1e-9);
        assertEquals(upper, DP0.analyse(net, unit).upper()[0], 1e-3);
        assertEquals(upper, DP1.analyse(net, unit).upper()[0], 1e-3);
        assertEquals(0, DP0.analyse(net, unit).lower()[0], 1e-9);
        Relaxation triangle = Checks.domainOrNull("triangle");
        if (triangle != null) {
            assertEquals(upper, triangle.analyse(net, unit).upper()[0], 1e-3);
        }
    }

    @Test
    void maxOnTheSquareUnderMultiNeuronIsExact() {
        Relaxation multi = Checks.domainOrNull("multi");
        assumeTrue(multi != null, "no 'multi' domain registered on this branch");
        Network net = Encoders.encode(FunctionParser.parse("max(x1, x2)"), "multi").network();
        Analysis a = multi.analyse(net, Box.cube(2, 0, 1));
        assertArrayEquals(new double[] {0, 1}, new double[] {a.lower()[0], a.upper()[0]}, 1e-9);
    }
}
