package org.relucert.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The solver's native libraries are copied out of the jar once per version into the cache and used from there
 * afterwards; a folder missing its completion marker is never used as it is, and killed extractions are cleaned up.
 * (That the solver really loads from the cache is checked end to end in cli.SolverLoadsFromTheNativeCacheTest.)
 */
class NativeLibrariesAreExtractedOnceTest {
    private static final String PREFIX = "natives-x/";

    @TempDir
    Path dir;

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream f = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(f)) {
            z.putNextEntry(new ZipEntry(PREFIX));
            z.closeEntry();
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return jar;
    }

    /** An empty cache root. */
    private Path cache() throws IOException {
        return Files.createDirectories(dir.resolve("cache"));
    }

    private static long files(Path folder) throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.count();
        }
    }

    @Test
    void theEntriesUnderThePrefixAreExtractedOnceAndTheFolderIsReused() throws IOException {
        Path jar = jar("a.jar", Map.of(PREFIX + "libone.so", "one", PREFIX + "sub/libtwo.so", "two", "other/x.txt", "no"));
        Path cache = cache();
        Path first = NativeLibraries.extracted(jar, PREFIX, cache);
        assertEquals("one", Files.readString(first.resolve("libone.so")));
        assertEquals("two", Files.readString(first.resolve("sub/libtwo.so")));
        assertFalse(Files.exists(first.resolve("x.txt")), "entries outside the prefix stay in the jar");
        assertTrue(Files.isRegularFile(first.resolve(NativeLibraries.COMPLETE)));
        Files.writeString(first.resolve("libone.so"), "kept");
        Path second = NativeLibraries.extracted(jar, PREFIX, cache);
        assertEquals(first, second);
        assertEquals("kept", Files.readString(second.resolve("libone.so")), "a complete folder is not extracted again");
        assertEquals(1, files(cache), "no temporary folder is left: " + cache);
    }

    @Test
    void aFolderWithoutItsMarkerIsExtractedAgain() throws IOException {
        Path jar = jar("a.jar", Map.of(PREFIX + "libone.so", "one"));
        Path cache = cache();
        Path first = NativeLibraries.extracted(jar, PREFIX, cache);
        Files.delete(first.resolve(NativeLibraries.COMPLETE));
        Files.writeString(first.resolve("libone.so"), "torn");
        Path again = NativeLibraries.extracted(jar, PREFIX, cache);
        assertEquals(first, again);
        assertEquals("one", Files.readString(again.resolve("libone.so")));
        assertTrue(Files.isRegularFile(again.resolve(NativeLibraries.COMPLETE)));
    }

    @Test
    void anotherVersionOfTheLibrariesGetsAnotherFolder() throws IOException {
        Path cache = cache();
        Path a = NativeLibraries.extracted(jar("a.jar", Map.of(PREFIX + "libone.so", "one")), PREFIX, cache);
        Path b = NativeLibraries.extracted(jar("b.jar", Map.of(PREFIX + "libone.so", "ONE")), PREFIX, cache);
        assertNotEquals(a, b);
        assertEquals("one", Files.readString(a.resolve("libone.so")));
        assertEquals("ONE", Files.readString(b.resolve("libone.so")));
    }

    @Test
    void theTemporaryFolderOfAKilledExtractionIsRemovedOnceItIsOld() throws IOException {
        Path jar = jar("a.jar", Map.of(PREFIX + "libone.so", "one"));
        Path cache = cache();
        Path done = NativeLibraries.extracted(jar, PREFIX, cache);
        Files.delete(done.resolve(NativeLibraries.COMPLETE));
        Path killed = Files.createDirectory(cache.resolve(done.getFileName() + ".tmp-123"));
        Files.writeString(killed.resolve("libone.so"), "half");
        Path recent = Files.createDirectory(cache.resolve(done.getFileName() + ".tmp-456"));
        Files.setLastModifiedTime(killed, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        NativeLibraries.extracted(jar, PREFIX, cache);
        assertFalse(Files.exists(killed), "an hour-old temporary folder is removed");
        assertTrue(Files.exists(recent), "a recent one may be another process's extraction under way");
    }

    @Test
    void anEntryLeavingItsFolderIsRefused() throws IOException {
        Path jar = jar("evil.jar", Map.of(PREFIX + "../../escaped.so", "x"));
        Path cache = cache();
        assertThrows(IOException.class, () -> NativeLibraries.extracted(jar, PREFIX, cache));
        assertFalse(Files.exists(dir.resolve("escaped.so")));
        assertEquals(0, files(cache), "nothing is left behind: " + cache);
    }
}
