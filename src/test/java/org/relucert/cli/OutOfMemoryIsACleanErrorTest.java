package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.onnx.OnnxWriter;
import org.relucert.net.RandomNetworks;

/**
 * Out of memory (issue 15, defect 11) is a one-line message and exit code 1, no stack trace and no verdict:
 * a random 784-1024x3-10 network (3.2 million weights) in a child JVM whose heap is too small for reading it
 * (48 MiB) and for bounding it (160 MiB).
 */
class OutOfMemoryIsACleanErrorTest {

    @Test
    void aTooSmallHeapGivesAMessageAndExitCodeOne(@TempDir Path dir) throws Exception {
        int[] hidden = new int[3];
        Arrays.fill(hidden, 1024);
        Path net = dir.resolve("big.onnx");
        OnnxWriter.write(RandomNetworks.fullyConnected(1, 784, hidden, 10), net);
        String box = String.join(",", java.util.Collections.nCopies(784, "0:1"));
        Path boxFile = dir.resolve("box.txt");
        Files.writeString(boxFile, box);
        for (String heap : List.of("-Xmx48m", "-Xmx160m")) {
            Path out = dir.resolve("out" + heap);
            Path err = dir.resolve("err" + heap);
            Process p = ChildJvm.start(List.of(heap), out, err, "bounds", "--net", net.toString(), "--box", box,
                    "--domain", "deeppoly");
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), heap + ": no exit");
            String e = Files.readString(err);
            assertEquals(1, p.exitValue(), heap + ": " + e + Files.readString(out));
            assertTrue(e.contains("relucert: error: out of memory"), heap + ": " + e);
            assertFalse(e.contains("\tat "), heap + ": stack trace\n" + e);
            assertFalse(Files.readString(out).contains("deeppoly"), heap + ": a result was printed");
        }
    }
}
