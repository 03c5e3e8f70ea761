package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.io.NetworkFiles;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Sampler;

/**
 * The lowered pooling nodes are sound under every domain: on seeded random boxes around the stored input of
 * each stored pooling model, the bounds contain the outputs of sampled points; an AveragePool alone lowers
 * to linear nodes only, so DeepPoly bounds it exactly on a point.
 */
class OnnxPoolingBoundsContainSampledOutputsTest {

    static Stream<Arguments> casesAndDomains() throws Exception {
        List<StoredPoolingCases.Case> cases = StoredPoolingCases.all();
        return cases.stream().flatMap(c -> Stream.of("ibp", "deeppoly", "triangle").map(d -> Arguments.of(c, d)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndDomains")
    void sampledOutputsLieWithinTheBounds(StoredPoolingCases.Case c, String domain) {
        Network net = NetworkFiles.read(c.file());
        SplittableRandom rnd = new SplittableRandom(c.name().hashCode());
        double[] l = new double[net.inputSize()];
        double[] u = new double[net.inputSize()];
        for (int i = 0; i < l.length; i++) {
            l[i] = c.input()[i] - rnd.nextDouble(0, 0.5);
            u[i] = c.input()[i] + rnd.nextDouble(0, 0.5);
        }
        Box box = new Box(l, u);
        Analysis a = Domains.parse(domain).analyse(net, box);
        Sampler.Range r = Sampler.range(net, box, 2000, 7);
        for (int j = 0; j < net.outputSize(); j++) {
            assertTrue(a.lower()[j] <= r.min()[j], c.name() + " " + domain + ": lower above a sample at output " + j);
            assertTrue(a.upper()[j] >= r.max()[j], c.name() + " " + domain + ": upper below a sample at output " + j);
        }
    }

    static Stream<StoredPoolingCases.Case> averagePoolsAlone() throws Exception {
        return StoredPoolingCases.all().stream().filter(c -> c.name().startsWith("avg_") && !c.name().contains("then"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("averagePoolsAlone")
    void anAveragePoolIsLinearSoDeepPolyIsExactOnAPoint(StoredPoolingCases.Case c) {
        Network net = NetworkFiles.read(c.file());
        for (int j = 0; j < net.nodes().size(); j++) {
            assertNull(net.relu(j), c.name() + ": node " + j + " is a ReLU");
        }
        Analysis a = Domains.parse("deeppoly").analyse(net, new Box(c.input(), c.input()));
        double[] y = net.evaluate(c.input());
        for (int j = 0; j < y.length; j++) {
            assertEquals(y[j], a.lower()[j], 1e-12, c.name() + ": lower at output " + j);
            assertEquals(y[j], a.upper()[j], 1e-12, c.name() + ": upper at output " + j);
        }
    }
}
