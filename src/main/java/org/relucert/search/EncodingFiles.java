package org.relucert.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.io.NetJson;

/** Writes ranked encodings as relucert-net/1 files named by rank and grammar name. */
public final class EncodingFiles {
    private EncodingFiles() {
    }

    /** Writes the first {@code count} ranked candidates into {@code dir}; returns the files in rank order. */
    public static List<Path> write(List<EncodingSearch.Ranked> ranked, Path dir, String prefix, int count) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, ranked.size()); i++) {
            EncodingSearch.Ranked r = ranked.get(i);
            Path file = dir.resolve(String.format("%s%02d_%s.json", prefix, i + 1, fileName(r.candidate().name())));
            NetJson.write(r.candidate().network(), file);
            out.add(file);
        }
        return out;
    }

    /** The grammar name reduced to file-name characters, at most 80 of them. */
    static String fileName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9+.-]+", "_").replaceAll("_+$", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
