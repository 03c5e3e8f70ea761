package org.relucert.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.relucert.InvalidInputException;

/** Writes one or more XChart charts, as a grid of panels, to a PNG or SVG file chosen by the file name. */
public final class PlotFiles {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PlotFiles() {
    }

    /** Makes sure AWT runs headless; call before building charts. */
    public static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Saves the charts (all of the same size) as a grid with {@code columns} panels per row.
     *
     * @throws InvalidInputException when the file name ends in neither .png nor .svg, or cannot be written
     */
    public static void save(List<? extends Chart<?, ?>> charts, int columns, Path file) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("no charts to save");
        }
        for (Chart<?, ?> c : charts) {
            if (c instanceof org.knowm.xchart.XYChart xy) {
                AxisTicks.apply(xy);
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int cols = Math.max(1, Math.min(columns, charts.size()));
        int rows = (charts.size() + cols - 1) / cols;
        int w = charts.get(0).getWidth();
        int h = charts.get(0).getHeight();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (name.endsWith(".png")) {
                BufferedImage img = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                paintGrid(g, charts, cols, w, h);
                g.dispose();
                ImageIO.write(img, "png", file.toFile());
            } else if (name.endsWith(".svg")) {
                VectorGraphics2D g = new VectorGraphics2D();
                paintGrid(g, charts, cols, w, h);
                try (OutputStream out = Files.newOutputStream(file)) {
                    new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, cols * w, rows * h)).writeTo(out);
                }
            } else {
                throw new InvalidInputException("plot file " + file + ": name must end in .png or .svg");
            }
        } catch (IOException e) {
            throw new InvalidInputException("plot file " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void paintGrid(Graphics2D g, List<? extends Chart<?, ?>> charts, int cols, int w, int h) {
        // white under the whole grid, so that an empty last cell (3 panels in 2 columns) is not black
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, cols * w, ((charts.size() + cols - 1) / cols) * h);
        for (int k = 0; k < charts.size(); k++) {
            Graphics2D panel = (Graphics2D) g.create((k % cols) * w, (k / cols) * h, w, h);
            charts.get(k).paint(panel, w, h);
            panel.dispose();
        }
    }

    /** The PNG bytes of one chart, in memory. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
