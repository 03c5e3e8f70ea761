package org.relucert.io.fuzz;

import java.nio.charset.StandardCharsets;
import org.relucert.InvalidInputException;
import org.relucert.io.BoxParser;
import org.relucert.io.NetJson;
import org.relucert.io.onnx.OnnxReader;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Network;

/**
 * The readers under fuzzing and the one oracle: a reader either returns a valid result or throws
 * {@link InvalidInputException} with a non-empty one-line message; anything else (another exception, an
 * error such as StackOverflowError or OutOfMemoryError) is a crash. A network that was accepted must also
 * evaluate at the zero input (up to {@link #EVALUATE_MAX_INPUTS} inputs) without an exception.
 */
enum Readers {
    JSON {
        @Override
        void read(byte[] data) {
            use(NetJson.parse(text(data), "fuzz.json"));
        }
    },
    ONNX {
        @Override
        void read(byte[] data) {
            use(OnnxReader.parse(data, "fuzz.onnx"));
        }
    },
    VNNLIB {
        @Override
        void read(byte[] data) {
            VnnLibReader.parse(text(data), "fuzz.vnnlib");
        }
    },
    BOX {
        @Override
        void read(byte[] data) {
            String t = text(data);
            try {
                BoxParser.parse(t, -1);
            } catch (InvalidInputException e) {
                checkMessage(e);
            }
            try {
                BoxParser.parsePoint(t, -1, "--point");
            } catch (InvalidInputException e) {
                checkMessage(e);
            }
            BoxParser.parseJson(t, "fuzz-box.json", -1);
        }
    };

    static final int EVALUATE_MAX_INPUTS = 1 << 20;

    /** Reads the input; throws what the reader throws. */
    abstract void read(byte[] data);

    /** Null when the input was handled (accepted, or refused cleanly), else the crash. */
    Throwable crash(byte[] data) {
        try {
            read(data);
            return null;
        } catch (InvalidInputException e) {
            return checkMessage(e) ? null : new AssertionError("unclear message: '" + e.getMessage() + "'", e);
        } catch (Throwable t) {
            return t;
        }
    }

    private static boolean checkMessage(InvalidInputException e) {
        String m = e.getMessage();
        return m != null && !m.isBlank() && m.indexOf('\n') < 0;
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static void use(Network net) {
        if (net.inputSize() <= EVALUATE_MAX_INPUTS) {
            net.evaluate(new double[net.inputSize()]);
        }
    }
}
