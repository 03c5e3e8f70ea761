package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code bench --shapes} times the chosen shapes, prints the peak heap, and rejects unknown shapes. */
class BenchCommandShapesTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void chosenShapesArePrintedWithPeakHeap() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "bench", "--shapes", "acasxu,cifar_base", "--domains", "ibp", "--warmup", "0",
                "--reps", "1", "--conv-warmup", "0", "--conv-reps", "1");
        assertEquals(0, code, err.toString());
        String s = out.toString();
        assertTrue(s.contains("peak MB") && s.contains("ACAS Xu 5-50x6-5") && s.contains("cifar_base_kw"), s);
        assertTrue(!s.contains("MNIST 784"), s);
    }

    @Test
    void unknownShapeIsABadInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "bench", "--shapes", "cifar_huge"));
        assertTrue(err.toString().contains("cifar_huge") && err.toString().contains("resnet_4b"), err.toString());
    }
}
