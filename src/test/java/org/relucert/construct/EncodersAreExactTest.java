package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.bounds.Relaxation;
import org.relucert.io.NetJson;
import org.relucert.net.Network;

/** Every univariate construction encodes its function and its own relaxation is exact on random boxes. */
class EncodersAreExactTest {
    private static final Relaxation IBP = new Ibp();
    private static final Relaxation DP0 = new DeepPoly(DeepPoly.SlopeRule.ZERO);
    private static final Relaxation DP1 = new DeepPoly(DeepPoly.SlopeRule.ONE);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void clippedRampsAreIbpExactForMonotoneFunctions(long seed) {
        for (boolean decreasing : new boolean[] {false, true}) {
            Cpwl f = RandomFunctions.monotone(seed, 1 + (int) seed, decreasing);
            Network net = Encoders.encode(f, "ibp").network();
            Checks.encodes(net, f, seed);
            Checks.exactOnRandomBoxes(IBP, net, f, seed);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void deepPoly0FormIsDp0ExactAndMinimal(long seed) {
        Cpwl f = RandomFunctions.convex(seed, (int) seed % 5);
        OneLayerForm form = UnivariateForms.deepPoly0(f);
        assertEquals(0.0, form.linear(), "the DP-0 form has no linear term");
        Network net = Encoders.encode(f, "deeppoly0").network();
        Checks.encodes(net, f, seed);
        Checks.exactOnRandomBoxes(DP0, net, f, seed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpwl: -2:2, 0:0, 1:1, 3:7", "cpwl: 0:1, 1:1, 2:2, 3:4", "cpwl: -1:3, 0:1, 1:1, 2:3",
            "cpwl: 0:0, 1:1, 2:3", "cpwl: 0:5, 1:2, 2:0", "cpwl: 0:1, 1:0, 2:0", "cpwl: 0:2, 1:2"})
    void deepPoly0FormCoversKinkFlatAndEndMinimisers(String text) {
        Cpwl f = (Cpwl) FunctionParser.parse(text);
        Network net = Encoders.encode(f, "deeppoly0").network();
        Checks.encodes(net, f, 7);
        Checks.exactOnRandomBoxes(DP0, net, f, 7);
        Checks.exactOnRandomBoxes(DP1, Encoders.encode(f, "deeppoly1").network(), f, 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpwl: -2:2, 0:0, 1:1, 3:7:3", "cpwl: 0:1, 1:1, 2:2, 3:4:2", "cpwl: -1:3, 0:1, 1:1, 2:3:2",
            "cpwl: 0:0, 1:1, 2:3:2", "cpwl: 0:5, 1:2, 2:0:2", "cpwl: 0:2, 1:2:0"})
    void deepPoly0NeuronCountIsMinimal(String textAndCount) {
        int cut = textAndCount.lastIndexOf(':');
        Cpwl f = (Cpwl) FunctionParser.parse(textAndCount.substring(0, cut));
        int expected = Integer.parseInt(textAndCount.substring(cut + 1));
        assertEquals(expected, UnivariateForms.deepPoly0(f).neurons().size(), f.text());
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void deepPoly1FormIsDp1Exact(long seed) {
        Cpwl f = RandomFunctions.convex(seed, 1 + (int) seed % 4);
        Network net = Encoders.encode(f, "deeppoly1").network();
        Checks.encodes(net, f, seed);
        Checks.exactOnRandomBoxes(DP1, net, f, seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void everyTriangleOrientationEncodesTheFunction(long seed) {
        int n = 1 + (int) seed % 4;
        Cpwl f = RandomFunctions.convex(seed, n);
        List<Encoding> all = Encoders.triangleOrientations(f);
        assertEquals(1 << n, all.size(), "2^n orientations");
        Set<String> distinct = new HashSet<>();
        Relaxation triangle = Checks.domainOrNull("triangle");
        for (Encoding e : all) {
            Checks.encodes(e.network(), f, seed);
            distinct.add(NetJson.write(e.network()));
            if (triangle != null) {
                Checks.exactOnRandomBoxes(triangle, e.network(), f, seed);
            }
        }
        assertEquals(all.size(), distinct.size(), "the orientations are different networks");
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void triangleOrientationsAreTriangleExact(long seed) {
        Relaxation triangle = Checks.domainOrNull("triangle");
        assumeTrue(triangle != null, "no 'triangle' domain registered on this branch");
        Cpwl f = RandomFunctions.convex(seed, 3);
        for (Encoding e : Encoders.triangleOrientations(f)) {
            Checks.exactOnRandomBoxes(triangle, e.network(), f, seed);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43, 44})
    void oneHiddenLayerEncodesEveryFunction(long seed) {
        Cpwl f = RandomFunctions.any(seed, 1 + (int) seed % 5);
        Network net = Encoders.encode(f, "multi").network();
        assertEquals(f.kinks().length, net.reluCount());
        Checks.encodes(net, f, seed);
        // Multi-Neuron_inf of §3.5: the hull of the whole hidden layer, i.e. a group as large as the layer
        Relaxation multi = Checks.domainOrNull("multi", Integer.toString(Math.max(1, net.reluCount())));
        assumeTrue(multi != null, "no 'multi' domain registered on this branch");
        Checks.exactOnRandomBoxes(multi, net, f, seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53, 54, 55})
    void monotoneNonConvexFunctionsAreExactUnderDeepPolyWithRampsAndFlippedRamps(long seed) {
        Cpwl f = RandomFunctions.monotone(seed, 2 + (int) seed % 4, seed % 2 == 0);
        assertTrue(!f.shape().convex() && f.shape().monotone(), f.text());
        Network dp0 = Encoders.encode(f, "deeppoly0").network();
        Network dp1 = Encoders.encode(f, "deeppoly1").network();
        Network tri = Encoders.encode(f, "triangle").network();
        Checks.encodes(dp0, f, seed);
        Checks.encodes(dp1, f, seed);
        Checks.encodes(tri, f, seed);
        Checks.exactOnRandomBoxes(DP0, dp0, f, seed);
        Checks.exactOnRandomBoxes(DP1, dp1, f, seed);
        Relaxation triangle = Checks.domainOrNull("triangle");
        if (triangle != null) {
            Checks.exactOnRandomBoxes(triangle, tri, f, seed);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {61, 62, 63})
    void rampsWithoutFlipAreNotDp1Exact(long seed) {
        Cpwl f = RandomFunctions.monotone(seed, 3, false);
        assertTrue(Checks.imprecisionFound(DP1, ClippedRamps.network(f), f, seed),
                "THEORY.md §3.3: DP-1 is looser than IBP on clipped ramps");
    }

    @ParameterizedTest
    @ValueSource(longs = {71, 72, 73})
    void concaveFunctionsUseTheNegatedConstruction(long seed) {
        Cpwl f = RandomFunctions.convex(seed, 3).negate();
        assertTrue(f.shape().concave());
        Network dp0 = Encoders.encode(f, "deeppoly0").network();
        Network dp1 = Encoders.encode(f, "deeppoly1").network();
        Checks.encodes(dp0, f, seed);
        Checks.encodes(dp1, f, seed);
        Checks.exactOnRandomBoxes(DP0, dp0, f, seed);
        Checks.exactOnRandomBoxes(DP1, dp1, f, seed);
    }
}
