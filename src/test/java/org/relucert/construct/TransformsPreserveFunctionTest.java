package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Ibp;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.Sampler;

/** Flip, input copies and identity layers leave the network's function unchanged (sampled, 1e-9). */
class TransformsPreserveFunctionTest {

    private static Network random(long seed) {
        return RandomNetworks.dag(seed, 2 + (int) (seed % 2), 1 + (int) (seed % 3), 4, 0.4, 1 + (int) (seed % 2));
    }

    private static void assertSameFunction(Network h, Network g, Box box, long seed) {
        for (double[] x : Sampler.points(box, 1000, seed, 4)) {
            double[] a = h.evaluate(x);
            double[] b = g.evaluate(x);
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], Checks.tol(a[i]), "output " + i);
            }
        }
        // the written file reads back as the same network
        assertEquals(g, NetJson.parse(NetJson.write(g), "test"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void flipPreservesTheFunction(long seed) {
        Network h = random(seed);
        Box box = RandomNetworks.box(seed, h.inputSize(), 3.0);
        assertSameFunction(h, FlipTransform.apply(h), box, seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void inputCopiesPreserveTheFunctionAndAreStableActive(long seed) {
        Network h = random(seed);
        Box box = RandomNetworks.box(seed, h.inputSize(), 3.0);
        Network g = InputCopies.apply(h, box);
        assertSameFunction(h, g, box, seed);
        int d = h.inputSize();
        int relus = 0;
        Bounds[] ibp = Ibp.propagate(g, box);
        for (int j = 0; j < g.nodes().size(); j++) {
            if (g.node(j) instanceof Relu r) {
                relus++;
                Bounds pre = ibp[r.source()];
                for (int i = r.size() - d; i < r.size(); i++) {
                    assertTrue(pre.lower()[i] >= -1e-12, "copy neuron " + i + " of " + r.name() + " is stable active");
                }
            }
        }
        assertEquals(h.reluCount() + relus * d, g.reluCount(), "d copies per ReLU node");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void identityLayersPreserveTheFunction(long seed) {
        Network h = random(seed);
        Box box = RandomNetworks.box(seed, h.inputSize(), 3.0);
        Network g = IdentityLayers.apply(h, null, 1 + (int) (seed % 3));
        assertSameFunction(h, g, box, seed);
        String last = null;
        for (int j = 0; j < h.nodes().size(); j++) {
            if (h.node(j) instanceof Relu r) {
                last = r.name();
            }
        }
        assertSameFunction(h, IdentityLayers.apply(h, last, 2), box, seed);
    }

    @Test
    void transformsHandleReluOfReluAndReluOutputs() {
        Network h = org.relucert.io.NetJson.parse("""
                {"format": "relucert-net/1", "inputs": 1, "nodes": [
                  {"name": "a", "op": "affine", "from": ["input"], "weight": [[1], [-2]], "bias": [0.5, 1]},
                  {"name": "r", "op": "relu", "from": ["a"]},
                  {"name": "r2", "op": "relu", "from": ["r"]}], "output": "r2"}""", "inline");
        Box box = new Box(new double[] {-2}, new double[] {2});
        assertSameFunction(h, FlipTransform.apply(h), box, 1);
        assertSameFunction(h, InputCopies.apply(h, box), box, 1);
        assertSameFunction(h, IdentityLayers.apply(h, "r2", 1), box, 1);
    }

    @Test
    void badTransformOptionsAreUserErrors() {
        Network h = random(3);
        assertThrows(InvalidInputException.class, () -> IdentityLayers.apply(h, "nope", 1));
        assertThrows(InvalidInputException.class, () -> IdentityLayers.apply(h, null, 0));
        assertThrows(InvalidInputException.class, () -> InputCopies.apply(h, Box.cube(h.inputSize() + 1, 0, 1)));
    }

    @Test
    void augmentedMaxChainKeepsItsFunction() {
        MaxMinFunction f = (MaxMinFunction) FunctionParser.parse("max(x1, x2, x3)");
        Box box = Box.cube(3, 0, 1);
        Network net = Encoders.encode(f, "multi", new Encoders.Options(null, true, box, false, false)).network();
        for (double[] x : Sampler.points(box, 500, 4, 3)) {
            assertEquals(f.evaluate(x), net.evaluate(x)[0], 1e-12);
        }
        assertEquals(2 + 2 * 3, net.reluCount());
    }
}
