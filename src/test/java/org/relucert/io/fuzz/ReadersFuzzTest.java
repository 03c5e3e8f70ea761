package org.relucert.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the readers with Jazzer (issue 15, item 4), with the oracle of {@link Readers}.
 * In a plain {@code mvn test} each method runs once per input of its seed corpus
 * (src/test/resources/org/relucert/io/fuzz/ReadersFuzzTestInputs/&lt;method&gt;/, valid files and the saved
 * crashes); with {@code JAZZER_FUZZ=1} one method at a time is fuzzed for its maxDuration (see
 * docs/trust.md).
 */
class ReadersFuzzTest {

    private static void check(Readers reader, byte[] data) {
        Throwable t = reader.crash(data);
        if (t != null) {
            throw new AssertionError(reader + " crashed: " + t, t);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void json(byte[] data) {
        check(Readers.JSON, data);
    }

    @FuzzTest(maxDuration = "10m")
    void onnx(byte[] data) {
        check(Readers.ONNX, data);
    }

    @FuzzTest(maxDuration = "10m")
    void vnnlib(byte[] data) {
        check(Readers.VNNLIB, data);
    }

    @FuzzTest(maxDuration = "10m")
    void box(byte[] data) {
        check(Readers.BOX, data);
    }
}
