package org.relucert.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/** Writing a network as relucert-net/1 and reading it back gives an equal network, double for double. */
class NetJsonRoundTripTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomDagRoundTripsExactly(long seed) {
        Network net = RandomNetworks.dag(seed, 3, 4, 9, 0.6, 2);
        Network back = NetJson.parse(NetJson.write(net), "round-trip");
        assertEquals(net, back);
        double[] x = {0.1, -0.7, 1.3};
        assertArrayEquals(net.evaluate(x), back.evaluate(x), 0.0);
    }

    @Test
    void awkwardDoublesRoundTripExactly(@TempDir Path dir) {
        double[] values = {Double.MIN_VALUE, -Double.MAX_VALUE, 0.1 + 0.2, 1.0 / 3, -0.0, 1e-300, 123456789.123456789};
        Network net = new org.relucert.net.NetBuilder(1)
                .affine("h", rows(values), values, "input")
                .relu("r", "h")
                .output("r");
        Path file = dir.resolve("sub").resolve("net.json");
        NetJson.write(net, file);
        Network back = NetJson.read(file);
        assertEquals(net, back);
    }

    private static double[][] rows(double[] values) {
        double[][] w = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            w[i][0] = values[i];
        }
        return w;
    }
}
