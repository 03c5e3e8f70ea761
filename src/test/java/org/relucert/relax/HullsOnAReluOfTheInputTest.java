package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Bounds;
import org.relucert.domains.Domains;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * A ReLU may read the network input directly, which the format allows; the hull domains crashed there
 * (IndexOutOfBounds, ../shared/repro/relu_on_input.json). y = relu(x1) - relu(x2) on [-1, 1]^2 has the
 * exact range [-1, 1], which every hull domain reaches (the neurons are independent).
 */
class HullsOnAReluOfTheInputTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"multi:1", "multi:2", "multi:2:exact", "layer", "krelu:2", "triangle", "exact"})
    void reluOfTheInputIsBoundedExactly(String domain) {
        Network net = new Network(2, List.of(new Relu("r", Network.INPUT, 2),
                Affine.of("y", new int[] {0}, new int[] {2}, new double[][] {{1, -1}}, new double[] {0})), 1);
        Bounds b = Domains.parse(domain).analyse(net, Box.cube(2, -1, 1)).output();
        assertEquals(-1, b.lower()[0], 1e-6, domain + " lower");
        assertEquals(1, b.upper()[0], 1e-6, domain + " upper");
    }
}
