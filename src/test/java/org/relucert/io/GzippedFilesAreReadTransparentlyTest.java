package org.relucert.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.spec.Property;

/** {@code .onnx.gz}, {@code .json.gz}, {@code .vnnlib.gz} and gzipped box files read as their plain versions. */
class GzippedFilesAreReadTransparentlyTest {

    private static Path gzip(Path from, Path to) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(Files.readAllBytes(from));
        }
        return to;
    }

    @Test
    void gzippedNetworksComputeWhatThePlainFilesCompute(@TempDir Path dir) throws Exception {
        Network net = RandomNetworks.fullyConnected(3, 4, new int[] {6, 5}, 2);
        Path onnx = dir.resolve("n.onnx");
        Path json = dir.resolve("n.json");
        NetworkFiles.write(net, onnx);
        NetworkFiles.write(net, json);
        assertTrue(NetworkFiles.isOnnx(dir.resolve("n.ONNX.GZ")));
        Network fromOnnx = NetworkFiles.read(gzip(onnx, dir.resolve("n.onnx.gz")));
        Network fromJson = NetworkFiles.read(gzip(json, dir.resolve("n.json.gz")));
        double[] x = {0.1, -0.2, 0.3, 0.4};
        assertArrayEquals(net.evaluate(x), fromOnnx.evaluate(x), 1e-12);
        assertArrayEquals(net.evaluate(x), fromJson.evaluate(x), 0);
        // VNN-COMP's instances.csv names "n.onnx" where only "n.onnx.gz" is shipped
        Files.delete(onnx);
        assertArrayEquals(net.evaluate(x), NetworkFiles.read(onnx).evaluate(x), 1e-12);
    }

    @Test
    void gzippedPropertiesAndBoxesParseAsThePlainOnes(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("p.vnnlib");
        Files.writeString(spec, "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n"
                + "(assert (>= X_0 -1))\n(assert (<= X_0 1))\n(assert (<= Y_0 -1))\n");
        Property plain = VnnLibReader.read(spec);
        Property zipped = VnnLibReader.read(gzip(spec, dir.resolve("p.vnnlib.gz")));
        assertEquals(plain.cases().size(), zipped.cases().size());
        assertArrayEquals(plain.cases().get(0).d(), zipped.cases().get(0).d(), 0);
        assertArrayEquals(plain.cases().get(0).input().upper(), zipped.cases().get(0).input().upper(), 0);

        Path box = dir.resolve("b.json");
        Files.writeString(box, "{\"lower\": [0, -1], \"upper\": [1, 2]}");
        Box b = BoxParser.read(gzip(box, dir.resolve("b.json.gz")), 2);
        assertArrayEquals(new double[] {1, 2}, b.upper(), 0);
    }

    @Test
    void aCorruptGzipFileIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("p.vnnlib.gz");
        Files.write(spec, new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 9, 9, 9});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VnnLibReader.read(spec));
        assertTrue(e.getMessage().startsWith(spec + ": not a valid gzip file"), e.getMessage());
        Path latin = dir.resolve("n.json");
        Files.write(latin, new byte[] {'{', (byte) 0xe9, '}'});
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> NetworkFiles.read(latin));
        assertTrue(bad.getMessage().startsWith(latin + ": not a UTF-8 text file"), bad.getMessage());
    }
}
