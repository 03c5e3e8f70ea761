package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.domains.Domains;
import org.relucert.io.BoxParser;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.ReluLines;

/** IBP and the DeepPoly family reproduce the hand-checked values of THEORY.md §5, §6.3, §7.8, §9 and §10.1. */
class DomainsReproduceTheoryValuesTest {
    private static final double TOL = 1e-9;

    private static void assertBounds(Network net, String box, String domain, double lo, double hi, double tol) {
        Analysis a = Domains.parse(domain).analyse(net, BoxParser.parse(box, net.inputSize()));
        String what = domain + " on " + box;
        assertEquals(lo, a.lower()[0], tol, what + " lower");
        assertEquals(hi, a.upper()[0], tol, what + " upper");
    }

    private static void assertBounds(Network net, String box, String domain, double lo, double hi) {
        assertBounds(net, box, domain, lo, hi, TOL);
    }

    private static double upper(Network net, Box box, String domain) {
        return Domains.parse(domain).analyse(net, box).upper()[0];
    }

    @Test
    void unstableNeuronOnMinusOneTwoGetsChordTwoThirdsAndLambdaLowerLine() {
        double[] l = {-1};
        double[] u = {2};
        ReluLines zero = ReluLines.deepPoly(l, u, new double[] {0});
        ReluLines one = ReluLines.deepPoly(l, u, new double[] {1});
        assertEquals(2.0 / 3, zero.upperSlope()[0], TOL);
        assertEquals(2.0 / 3, zero.upperIntercept()[0], TOL, "U(0) = 2/3");
        assertEquals(0, zero.lowerSlope()[0]);
        assertEquals(0, zero.lowerIntercept()[0]);
        assertEquals(1, one.lowerSlope()[0]);
        assertEquals(0, one.lowerIntercept()[0]);
        assertEquals(1.0, DeepPoly.SlopeRule.AREA.slopes(l, u)[0], "area picks 1 when u > -l");
        assertEquals(0.0, DeepPoly.SlopeRule.AREA.slopes(new double[] {-2}, new double[] {1})[0]);
    }

    @Test
    void stableNeuronsAreExact() {
        ReluLines lines = ReluLines.deepPoly(new double[] {-3, 0.5}, new double[] {-1, 2}, new double[] {1, 0});
        assertEquals(0, lines.lowerSlope()[0]);
        assertEquals(0, lines.upperSlope()[0]);
        assertEquals(0, lines.upperIntercept()[0]);
        assertEquals(1, lines.lowerSlope()[1]);
        assertEquals(1, lines.upperSlope()[1]);
        assertEquals(0, lines.upperIntercept()[1]);
    }

    @ParameterizedTest(name = "{0}: [{1}, {2}]")
    @CsvSource({"ibp, 0, 3", "deeppoly0, 0, 2", "deeppoly1, 0, 2", "deeppoly, -1, 2"})
    void absInDp0FormOnMinusOneTwo(String domain, double lo, double hi) {
        assertBounds(TheoryNetworks.absDp0(), "-1:2", domain, lo, hi);
    }

    @ParameterizedTest(name = "{0}: [{1}, {2}]")
    @CsvSource({"ibp, -2, 5", "deeppoly0, -2, 2", "deeppoly1, -1, 2", "deeppoly, -1, 2"})
    void absAsTwoReluMinusXOnMinusOneTwo(String domain, double lo, double hi) {
        // deeppoly: u = 2 > -l = 1, so the area heuristic picks slope 1 and equals DP-1.
        assertBounds(TheoryNetworks.absLinear(), "-1:2", domain, lo, hi);
    }

    @ParameterizedTest(name = "{0} on {1}: [{2}, {3}]")
    @CsvSource(delimiter = ';', value = {
            "ibp; 0:1,0:1; 0; 2", "deeppoly0; 0:1,0:1; 0; 1.5", "deeppoly1; 0:1,0:1; 0; 1.5",
            "ibp; -1:1,-1:1; -1; 3", "deeppoly0; -1:1,-1:1; -1; 2", "deeppoly1; -1:1,-1:1; -1; 2",
            "ibp; 0:1,0.5:1; 0.5; 1.5", "deeppoly1; 0:1,0.5:1; 0; 1.3333333333333333",
            "deeppoly0; 0:1,0.5:1; 0.5; 1.3333333333333333",
            "ibp; 0.9:1.1,0.9:1.1; 0.9; 1.3", "deeppoly0; 0.9:1.1,0.9:1.1; 0.9; 1.2",
            "deeppoly1; 0.9:1.1,0.9:1.1; 0.9; 1.2"})
    void maxAsX2PlusReluOfDifference(String domain, String box, double lo, double hi) {
        assertBounds(TheoryNetworks.maxA(), box, domain, lo, hi);
    }

    @ParameterizedTest(name = "ibp on {0}: [{1}, {2}]")
    @CsvSource(delimiter = ';', value = {"0:1,0:1; 0; 2", "-1:1,-1:1; -1; 3", "0:1,0.5:1; 0.25; 1.75",
            "0.9:1.1,0.9:1.1; 0.9; 1.3"})
    void maxAsHalfSumPlusHalfAbsUnderIbp(String box, double lo, double hi) {
        assertBounds(TheoryNetworks.maxB(), box, "ibp", lo, hi);
    }

    @ParameterizedTest(name = "{0} on {1}: [{2}, {3}]")
    @CsvSource(delimiter = ';', value = {
            "ibp; 1.4:2.3; 0.4; 1", "deeppoly0; 1.4:2.3; 0.4; 1", "deeppoly1; 1.4:2.3; 0.4; 1.3",
            "deeppoly; 1.4:2.3; 0.4; 1.3",
            "ibp; 0:3; 0; 1", "deeppoly0; 0:3; 0; 1", "deeppoly1; 0:3; -1; 2", "deeppoly; 0:3; -1; 2"})
    void nestedClippedRampMatchesTable10_1(String domain, String box, double lo, double hi) {
        assertBounds(TheoryNetworks.rampNested(), box, domain, lo, hi);
    }

    @ParameterizedTest(name = "{0} on {1}: [{2}, {3}]")
    @CsvSource(delimiter = ';', value = {
            "ibp; 1.4:2.3; 0.1; 1.3", "deeppoly0; 1.4:2.3; 0.4; 1.3", "deeppoly1; 1.4:2.3; 0.4; 1",
            "deeppoly; 1.4:2.3; 0.4; 1.3",
            "ibp; 0:3; -1; 2", "deeppoly0; 0:3; -1; 2", "deeppoly1; 0:3; -1; 2", "deeppoly; 0:3; -1; 2"})
    void differenceClippedRampMatchesTable10_1(String domain, String box, double lo, double hi) {
        assertBounds(TheoryNetworks.rampDifference(), box, domain, lo, hi);
    }

    @ParameterizedTest(name = "on {0}: 2-layer [{1}, {2}], 1-layer [{3}, {4}]")
    @CsvSource(delimiter = ';', value = {"0.5:2.5; 1; 3.25; -1.25; 5.5", "0:3; 0; 4; -3; 7"})
    void ibpIsExactOnTwoLayerMonotoneConstructionButNotOnOneLayer(String box, double lo2, double hi2,
                                                                 double lo1, double hi1) {
        assertBounds(TheoryNetworks.monotoneTwoLayer(), box, "ibp", lo2, hi2);
        assertBounds(TheoryNetworks.monotoneOneLayer(), box, "ibp", lo1, hi1);
    }

    @ParameterizedTest(name = "DP-0 form exact on {0}")
    @CsvSource(delimiter = ';', value = {"-1:2; 0; 4", "-0.5:0.5; 0; 0.5", "0.5:2; 0.5; 4", "-2:3; 0; 7",
            "-1.5:-0.5; 0.5; 1.5"})
    void f3Dp0FormIsExactUnderDp0AndDp1FormUnderDp1(String box, double lo, double hi) {
        assertBounds(TheoryNetworks.f3Dp0Form(), box, "deeppoly0", lo, hi);
        assertBounds(TheoryNetworks.f3Dp1Form(), box, "deeppoly1", lo, hi);
    }

    @ParameterizedTest(name = "{0} {1} on {2}: [{3}, {4}]")
    @CsvSource(delimiter = ';', value = {
            "dp0form; deeppoly1; -1:2; -4; 4", "dp0form; deeppoly1; -2:3; -6; 7",
            "dp0form; ibp; -1:2; 0; 5", "dp0form; ibp; -2:3; 0; 9",
            "dp1form; deeppoly0; -1:2; -4; 4", "dp1form; deeppoly0; 0.5:2; -0.5; 4",
            "triangle++; deeppoly0; -1:2; -2; 4", "triangle++; deeppoly1; -1:2; -5; 4"})
    void f3EncodingsUnderTheOtherDomainsMatchTable9_4(String encoding, String domain, String box,
                                                       double lo, double hi) {
        Network net = switch (encoding) {
            case "dp0form" -> TheoryNetworks.f3Dp0Form();
            case "dp1form" -> TheoryNetworks.f3Dp1Form();
            default -> TheoryNetworks.f3TrianglePlusPlus();
        };
        assertBounds(net, box, domain, lo, hi);
    }

    @ParameterizedTest(name = "d = {0}: DP upper {1}")
    @CsvSource({"2, 1.5", "3, 1.9", "4, 2.245", "5, 2.553"})
    void nestedMaxOnUnitCubeMatchesTable6_3(int d, double dpUpper) {
        Network net = TheoryNetworks.nestedMax(d);
        Box box = Box.cube(d, 0, 1);
        assertEquals(d, upper(net, box, "ibp"), TOL, "IBP upper");
        double dp0 = upper(net, box, "deeppoly0");
        double dp1 = upper(net, box, "deeppoly1");
        assertEquals(dpUpper, dp0, 1e-3, "DP-0 upper");
        assertEquals(dpUpper, dp1, 1e-3, "DP-1 upper");
        assertEquals(dp0, dp1, TOL, "DP-0 and DP-1 agree");
        for (String domain : new String[] {"ibp", "deeppoly0", "deeppoly1"}) {
            assertEquals(0, Domains.parse(domain).analyse(net, box).lower()[0], TOL, domain + " lower");
        }
    }

    @ParameterizedTest(name = "{0}: [{1}, {2}]")
    @CsvSource({"ibp, 0, 4", "deeppoly0, 0, 2", "deeppoly1, 0, 4"})
    void phantomNetworkSingleNeuronBoundsMatchSection7_8(String domain, double lo, double hi) {
        assertBounds(TheoryNetworks.phantom(), "-1:1,-1:1", domain, lo, hi);
    }

    @Test
    void ibpOfTwoReluMinusXOnHalfTwoForgetsCorrelation() {
        // §3.2: 2R(x) - x on [0.5, 2] gets [-1, 3.5] from IBP, true range [0.5, 2].
        assertBounds(TheoryNetworks.absLinear(), "0.5:2", "ibp", -1, 3.5);
        assertBounds(TheoryNetworks.absLinear(), "0.5:2", "deeppoly0", 0.5, 2);
    }
}
