package org.relucert.certify;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;

/** Reads a data set CSV: one image a line, the label then the pixel values 0-255. Checks every line first. */
public final class ImageCsv {
    private ImageCsv() {
    }

    /**
     * One image.
     *
     * @param line  its 1-based line in the file
     * @param label its class
     * @param raw   pixel values 0-255 in file order
     */
    public record Image(int line, int label, double[] raw) {
    }

    /**
     * The first {@code limit} images (all when limit is null); errors name the file, line and field (field 1
     * is the label, field k+1 pixel k).
     */
    public static List<Image> read(Path file, int pixels, int classes, Integer limit) {
        List<Image> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = r.readLine()) != null && (limit == null || out.size() < limit)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                out.add(parse(file, line, text.trim(), pixels, classes));
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(file + ": no images");
        }
        return out;
    }

    private static Image parse(Path file, int line, String text, int pixels, int classes) {
        String[] f = text.split(",", -1);
        String where = file + " line " + line;
        if (f.length != pixels + 1) {
            throw new InvalidInputException(where + ": " + (f.length - 1) + " pixel values after the label, the network has "
                    + pixels + " inputs");
        }
        int label;
        try {
            label = Integer.parseInt(f[0].trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + " field 1 (label): '" + f[0] + "' is not an integer");
        }
        if (label < 0 || label >= classes) {
            throw new InvalidInputException(where + " field 1 (label): " + label + " is outside the network's "
                    + classes + " outputs (0-" + (classes - 1) + ")");
        }
        double[] raw = new double[pixels];
        for (int i = 0; i < pixels; i++) {
            String s = f[i + 1].trim();
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(where + " field " + (i + 2) + " (pixel " + i + "): '" + s + "' is not a number");
            }
            if (!(v >= 0 && v <= 255)) {
                throw new InvalidInputException(where + " field " + (i + 2) + " (pixel " + i + "): " + s + " is outside 0-255");
            }
            raw[i] = v;
        }
        return new Image(line, label, raw);
    }
}
