package org.relucert.io.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the VNN-COMP benchmark data: ../shared/data from the repository root (or ../../shared/data
 * from a worktree one level deeper). Tests call {@link #dir()}, which skips them when it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The data folder; skips the calling test when there is none. */
    public static Path dir() {
        for (Path p : List.of(Path.of("..", "shared", "data"), Path.of("..", "..", "shared", "data"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Assumptions.assumeTrue(false, "benchmark data ../shared/data is absent");
        return null;
    }

    /** All files under the data folder with the given ending, sorted. */
    public static List<Path> files(String ending) {
        try (Stream<Path> s = Files.walk(dir())) {
            return s.filter(p -> p.toString().endsWith(ending)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
