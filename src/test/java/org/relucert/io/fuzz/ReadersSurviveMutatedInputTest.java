package org.relucert.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile input, fuzzed (issue 15, item 4): seeded mutations of valid files ({@link Mutator}) fed to the JSON,
 * ONNX, VNN-LIB and box/point readers; every input must give a valid result or an
 * {@code InvalidInputException} with a one-line message within 20 s (see {@link Readers}). Crashes are
 * saved under target/fuzz-crashes/ and listed in the failure.
 *
 * <p>CI runs {@value #DEFAULT_INPUTS} inputs per reader (seconds). The long run is by time:
 * {@code mvn -B test -Dtest=ReadersSurviveMutatedInputTest -DargLine="-Xmx3g -Drelucert.fuzz.seconds=600
 * -Drelucert.fuzz.seed=N -Drelucert.fuzz.readers=ONNX"} (one reader at a time; docs/trust.md).
 */
class ReadersSurviveMutatedInputTest {
    static final int DEFAULT_INPUTS = 400;
    private static final long HANG_SECONDS = 20;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Readers.class)
    void everyMutatedInputIsReadOrRefusedCleanly(Readers reader) throws Exception {
        String only = System.getProperty("relucert.fuzz.readers", "");
        Assumptions.assumeTrue(only.isBlank() || List.of(only.toUpperCase(Locale.ROOT).split(",")).contains(reader.name()),
                "relucert.fuzz.readers=" + only);
        double seconds = Double.parseDouble(System.getProperty("relucert.fuzz.seconds", "0"));
        long seed = Long.parseLong(System.getProperty("relucert.fuzz.seed", "1"));
        Mutator mutator = new Mutator(seed * 31 + reader.ordinal(), Corpus.of(reader));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<String> crashes = new ArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz", 1 << 20);
            t.setDaemon(true);
            return t;
        });
        long inputs = 0;
        try {
            while (seconds > 0 ? System.nanoTime() < end : inputs < DEFAULT_INPUTS) {
                byte[] data = mutator.next();
                inputs++;
                Future<Throwable> f = pool.submit(() -> reader.crash(data));
                Throwable t;
                try {
                    t = f.get(HANG_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    t = new AssertionError("no answer within " + HANG_SECONDS + " s");
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor();
                }
                if (t != null) {
                    crashes.add(save(reader, inputs, data, t));
                    if (crashes.size() >= 20) {
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "fuzz %s: %d inputs, %d crashes%n", reader, inputs, crashes.size());
        assertTrue(crashes.isEmpty(), reader + ": " + crashes.size() + " crashes in " + inputs + " inputs:\n"
                + String.join("\n", crashes));
    }

    private static String save(Readers reader, long n, byte[] data, Throwable t) throws IOException {
        Path dir = Path.of("target", "fuzz-crashes");
        Files.createDirectories(dir);
        Path file = dir.resolve(reader.name().toLowerCase(Locale.ROOT) + "-" + n + ".bin");
        Files.write(file, data);
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String[] lines = trace.toString().split("\n");
        return file + " (" + data.length + " bytes): " + String.join(" | ",
                java.util.Arrays.copyOf(lines, Math.min(4, lines.length)));
    }
}
