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

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void networkWithSelectNodesRoundTripsExactly(long seed) {
        Network net = org.relucert.net.SelectCases.of(seed);
        Network back = NetJson.parse(NetJson.write(net), "round-trip");
        assertEquals(net, back);
        double[] x = new java.util.SplittableRandom(seed).doubles(net.inputSize(), -1, 1).toArray();
        assertArrayEquals(net.evaluate(x), back.evaluate(x), 0.0);
    }

    @Test
    void awkwardDoublesRoundTripExactly(@TempDir Path dir) {
        double[] values = {Double.MIN_VALUE, -Double.MAX_VALUE, 0.1 + 0.2, 1.0 / 3, -0.0, 1e-300, 123456789.123456789};
        Network net = new org.relucert.net.NetBuilder(1)
                .affine("h", rows(values), values, "input")
                .relu("r", "h")
                .output("r");
        Path file = dir.resolve("net.json");
        NetJson.write(net, file);
        Network back = NetJson.read(file);
        assertEquals(net, back);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void convNetworkWithAddRoundTripsExactly(long seed) {
        Network net = ConvNetworks.residual(seed, false);
        Network back = NetJson.parse(NetJson.write(net), "round-trip");
        assertEquals(net, back);
        double[] x = new java.util.SplittableRandom(seed).doubles(net.inputSize(), -1, 1).toArray();
        assertArrayEquals(net.evaluate(x), back.evaluate(x), 0.0);
    }

    @Test
    void convFieldsAreWrittenAsDocumented() throws Exception {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(NetJson.write(ConvNetworks.residual(4, false)));
        com.fasterxml.jackson.databind.JsonNode c3 = root.get("nodes").get(5);
        assertEquals("conv", c3.get("op").asText());
        assertEquals("[3,5,5]", c3.get("input_shape").toString());
        assertEquals("[2,2]", c3.get("kernel").toString());
        assertEquals("[2,2]", c3.get("stride").toString());
        assertEquals("[0,1,1,0]", c3.get("pads").toString());
        assertEquals("[1,1]", c3.get("dilation").toString());
        assertEquals(3, c3.get("groups").asInt());
        assertEquals(6, c3.get("weight").size());
        assertEquals(1, c3.get("weight").get(0).size());
        assertEquals(2, c3.get("weight").get(0).get(0).size());
        assertEquals(2, c3.get("weight").get(0).get(0).get(1).size());
        com.fasterxml.jackson.databind.JsonNode add = root.get("nodes").get(3);
        assertEquals("add", add.get("op").asText());
        assertEquals("[\"c2\",\"r1\"]", add.get("from").toString());
        assertEquals("[3,5,5]", add.get("shape").toString());
    }

    private static double[][] rows(double[] values) {
        double[][] w = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            w[i][0] = values[i];
        }
        return w;
    }
}
