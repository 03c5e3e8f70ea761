package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.Ibp;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/** The multi encoder for max/min in R^d: it encodes the function; single-neuron domains have witness boxes. */
class MaxEncoderTest {

    /** A random max (or min) of k affine functions of d variables. */
    private static MaxMinFunction randomMaxOfAffine(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = 2 + rnd.nextInt(2);
        int k = 2 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "max(" : "min(");
        for (int t = 0; t < k; t++) {
            sb.append(t > 0 ? ", " : "");
            for (int i = 1; i <= d; i++) {
                sb.append(String.format(java.util.Locale.ROOT, "%+.3f*x%d", 2 * rnd.nextDouble() - 1, i));
            }
            sb.append(String.format(java.util.Locale.ROOT, "%+.3f", rnd.nextDouble() - 0.5));
        }
        return (MaxMinFunction) FunctionParser.parse(sb.append(')').toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void chainEncodesRandomMaxOrMinOfAffineFunctions(long seed) {
        MaxMinFunction f = randomMaxOfAffine(seed);
        Network net = Encoders.encode(f, "multi").network();
        Box box = Box.cube(f.dim(), -3, 3);
        for (double[] x : Sampler.points(box, 1000, seed, 4)) {
            double y = f.evaluate(x);
            assertEquals(y, net.evaluate(x)[0], Checks.tol(y), f.text());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void exactRangeOfMaxOfAffineBracketsEverySample(long seed) {
        MaxMinFunction f = randomMaxOfAffine(seed);
        Box box = RandomNetworks.box(seed, f.dim(), 2);
        double[] exact = f.exactRange(box);
        Sampler.Range r = Sampler.range(Encoders.encode(f, "multi").network(), box, 5000, seed);
        assertTrue(r.min()[0] >= exact[0] - 1e-7 && r.max()[0] <= exact[1] + 1e-7, f.text());
        if (f.shape().convex()) {
            assertEquals(exact[1], r.max()[0], 1e-9, "a max of affine functions peaks at a vertex");
        } else {
            assertEquals(exact[0], r.min()[0], 1e-9, "a min of affine functions bottoms out at a vertex");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void multiNeuronDomainIsExactOnTheChain(long seed) {
        Relaxation multi = Checks.domainOrNull("multi");
        assumeTrue(multi != null, "no 'multi' domain registered on this branch");
        MaxMinFunction f = (MaxMinFunction) FunctionParser.parse("max(x1, x2, x3)");
        Network net = Encoders.encode(f, "multi").network();
        for (int k = 0; k < 200; k++) {
            Box box = RandomNetworks.box(seed * 1000 + k, 3, 1);
            double[] exact = f.exactRange(box);
            Analysis a = multi.analyse(net, box);
            assertArrayEquals(exact, new double[] {a.lower()[0], a.upper()[0]}, 1e-6, "on " + box);
        }
    }

    @Test
    void singleNeuronDomainsHaveTheWitnessBoxOfSection62() {
        Network net = Encoders.encode(FunctionParser.parse("max(x1, x2)"), "multi").network();
        Box unit = Box.cube(2, 0, 1);
        assertEquals(2.0, new Ibp().analyse(net, unit).upper()[0], 1e-9);
        assertEquals(1.5, new DeepPoly(DeepPoly.SlopeRule.ZERO).analyse(net, unit).upper()[0], 1e-9);
        assertEquals(1.5, new DeepPoly(DeepPoly.SlopeRule.ONE).analyse(net, unit).upper()[0], 1e-9);
        Relaxation triangle = Checks.domainOrNull("triangle");
        if (triangle != null) {
            assertEquals(1.5, triangle.analyse(net, unit).upper()[0], 1e-6);
        }
        Box small = Box.cube(2, 0.9, 1.1);
        assertArrayEquals(new double[] {0.9, 1.2}, new double[] {
                new DeepPoly(DeepPoly.SlopeRule.ZERO).analyse(net, small).lower()[0],
                new DeepPoly(DeepPoly.SlopeRule.ZERO).analyse(net, small).upper()[0]}, 1e-9);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35, 36})
    void layeredChainEncodesTheFunctionOnItsBoxAndReadsOnlyThePreviousLayer(long seed) {
        MaxMinFunction f = randomMaxOfAffine(seed);
        Box box = RandomNetworks.box(seed, f.dim(), 2);
        Network net = Encoders.encode(f, "multi", new Encoders.Options(null, false, box, false, true)).network();
        for (double[] x : Sampler.points(box, 1000, seed, 4)) {
            double y = f.evaluate(x);
            assertEquals(y, net.evaluate(x)[0], Checks.tol(y), f.text());
        }
        int previous = Network.INPUT;
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.node(j) instanceof org.relucert.net.Affine a) {
                assertArrayEquals(new int[] {previous}, a.from(), "node " + a.name() + " reads only the previous layer");
            } else {
                previous = j;
            }
        }
        org.relucert.bounds.Bounds[] ibp = Ibp.propagate(net, box);
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.node(j) instanceof org.relucert.net.Relu r) {
                for (int i = 1; i < r.size(); i++) {
                    assertTrue(ibp[r.source()].lower()[i] >= -1e-12, "carry neuron " + i + " is stable active");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void layeredNestedMaxHasTheSameSingleNeuronBoundsAsTheChain(int d) {
        MaxMinFunction f = MaxMinFunction.nestedMax(d);
        Box unit = Box.cube(d, 0, 1);
        Network chain = Encoders.encode(f, "multi").network();
        Network layered = Encoders.encode(f, "multi", new Encoders.Options(null, false, unit, false, true)).network();
        for (Relaxation r : new Relaxation[] {new Ibp(), new DeepPoly(DeepPoly.SlopeRule.ZERO),
                new DeepPoly(DeepPoly.SlopeRule.ONE)}) {
            assertEquals(r.analyse(chain, unit).upper()[0], r.analyse(layered, unit).upper()[0], 1e-9, r.name());
            assertEquals(r.analyse(chain, unit).lower()[0], r.analyse(layered, unit).lower()[0], 1e-9, r.name());
        }
    }

    @Test
    void augmentationNeedsABoxForSeveralVariables() {
        assertThrows(org.relucert.InvalidInputException.class, () -> Encoders.encode(FunctionParser.parse("max(x1, x2)"),
                "multi", new Encoders.Options(null, true, null, false, false)));
    }
}
