package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.NetJson;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Conv;
import org.relucert.net.ConvCases;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.precision.UnivariateConvNetworks;

/**
 * {@code transform}, {@code gap}, {@code precision} and {@code plot} through {@link Main#run} on convolutional /
 * residual networks in relucert-net/1 files: the transforms write dense networks with the same outputs, a
 * network too large to lower is a user error (exit 2) naming the node, and the precision commands succeed.
 */
class CommandsOnConvNetworksTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static String text(Box box) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < box.dim(); i++) {
            sb.append(i > 0 ? "," : "").append(box.lower()[i]).append(':').append(box.upper()[i]);
        }
        return sb.toString();
    }

    @Test
    void everyTransformOfAConvNetworkFileWritesADenseNetworkWithTheSameOutputs(@TempDir Path dir) {
        Network net = RandomNetworks.smallConvolutional(2, 16);
        Path in = dir.resolve("conv.json");
        NetJson.write(net, in);
        Box box = RandomNetworks.box(5, net.inputSize(), 1.0);
        for (List<String> kind : List.of(List.of("flip"), List.of("identity-layer", "--count", "2"),
                List.of("copy-inputs", "--box", text(box)))) {
            Path out = dir.resolve(kind.get(0) + ".json");
            List<String> args = new ArrayList<>(List.of("transform", "--net", in.toString(), "-o", out.toString(),
                    "--kind"));
            args.addAll(kind);
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("written as dense affine nodes"), r.out());
            Network g = NetJson.read(out);
            for (Node n : g.nodes()) {
                assertTrue(n instanceof Affine || n instanceof Relu, kind + " wrote " + n);
            }
            for (double[] x : ConvCases.points(box, 100, 3)) {
                ConvCases.assertClose(net.evaluate(x), g.evaluate(x), 1e-9, kind + " output");
            }
        }
    }

    @Test
    void aTransformOfAConvNetworkTooLargeToLowerExitsWithCodeTwoNamingTheNode(@TempDir Path dir) {
        int n = 64 * 64;
        Conv.Geometry same = new Conv.Geometry(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        double[] kernel = {0, 0.1, 0, 0.1, 0.6, 0.1, 0, 0.1, 0};
        Network big = new Network(n, List.of(new Conv("big_conv", Network.INPUT, new int[] {1, 64, 64}, same, kernel,
                new double[] {0}), new Relu("relu", 0, n), new Affine("out", new int[] {1}, new int[] {n},
                new double[n], new double[] {0})), 2);
        Path in = dir.resolve("big.json");
        NetJson.write(big, in);
        Path out = dir.resolve("flip.json");
        Result r = run("transform", "--net", in.toString(), "--kind", "flip", "-o", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("node 'big_conv'") && r.err().contains("4096 x 4096"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(out), "no network is written");
    }

    @Test
    void gapPrecisionAndPlotOfAOneInputConvNetworkSucceed(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("conv1.json");
        NetJson.write(UnivariateConvNetworks.of(3, 24), in);
        Result gap = run("gap", "--net", in.toString(), "--box=-1:1", "--domain", "ibp,deeppoly");
        assertEquals(0, gap.code(), gap.err());
        assertTrue(gap.out().contains("breakpoints") && gap.out().contains("deeppoly"), gap.out());
        Result precision = run("precision", "--net", in.toString(), "--domain", "deeppoly0", "--over=-1.5:1.5",
                "--budget", "100", "--threads", "1");
        assertEquals(0, precision.code(), precision.err());
        assertTrue(precision.out().contains("IMPRECISE") && precision.out().contains("same gap"), precision.out());
        Path png = dir.resolve("bounds.png");
        Result plot = run("plot", "--net", in.toString(), "--over=-1.5:1.5", "--box=-1:1", "--domain", "deeppoly,ibp",
                "--out", png.toString());
        assertEquals(0, plot.code(), plot.err());
        assertNotNull(ImageIO.read(png.toFile()), "the plot is a readable image");
    }
}
