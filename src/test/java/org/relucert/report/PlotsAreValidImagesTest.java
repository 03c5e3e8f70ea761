package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;
import org.relucert.domains.Domains;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.GapMap;
import org.relucert.precision.Tolerance;
import org.relucert.precision.UnivariateConvNetworks;

class PlotsAreValidImagesTest {
    private static final Network F3 = NetJson.readResource("/examples/f3_dp0.json");
    private static final Network MAX2 = NetJson.readResource("/examples/max2.json");
    private static final Box F3_OVER = new Box(new double[] {-2}, new double[] {3});

    @TempDir
    Path dir;

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " is not a readable image");
        return img;
    }

    private GapMap map(String domain) {
        return GapMap.compute(F3, Domains.parse(domain), F3_OVER, 31, 0, Tolerance.DEFAULT, 0);
    }

    @Test
    void gapMapWithTwoDomainsIsAPngOfTwoPanelsWithManyColours() throws IOException {
        Path file = dir.resolve("gap.png");
        GapMapPlot.save(List.of(map("deeppoly0"), map("deeppoly1")), 500, 400, file);
        BufferedImage img = read(file);
        assertEquals(1000, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(distinctColours(img) > 5, "image is (nearly) one colour");
    }

    @Test
    void gapMapAsSvgIsAnSvgDocument() throws IOException {
        Path file = dir.resolve("gap.svg");
        GapMapPlot.save(List.of(map("ibp")), 500, 400, file);
        String svg = Files.readString(file);
        assertTrue(svg.contains("<svg") && svg.contains("</svg>"));
    }

    @Test
    void univariateBoundPlotIsAPngOfTheRequestedSize() throws IOException {
        Path file = dir.resolve("bounds.png");
        BoundPlot.save(BoundPlot.chart(F3, 0, F3_OVER, new Box(new double[] {-1}, new double[] {2}),
                Domains.parseList("deeppoly0,deeppoly1,ibp"), 640, 480, 40), file);
        BufferedImage img = read(file);
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertTrue(distinctColours(img) > 5);
    }

    @Test
    void boundPlotAndGapMapOfAConvNetworkArePngsOfTheRequestedSize() throws IOException {
        Network conv = UnivariateConvNetworks.of(3, 24);
        Path bounds = dir.resolve("conv_bounds.png");
        BoundPlot.save(BoundPlot.chart(conv, 0, F3_OVER, new Box(new double[] {-1}, new double[] {1.5}),
                Domains.parseList("deeppoly,ibp"), 640, 480, 40), bounds);
        BufferedImage img = read(bounds);
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertTrue(distinctColours(img) > 5);
        Path gaps = dir.resolve("conv_gap.png");
        GapMapPlot.save(List.of(GapMap.compute(conv, Domains.parse("deeppoly0"), F3_OVER, 21, 0, Tolerance.DEFAULT, 1)),
                500, 400, gaps);
        assertEquals(500, read(gaps).getWidth());
    }

    @Test
    void twoInputBoundPlotIsAPngOfTheRequestedSize() throws IOException {
        Path file = dir.resolve("max.png");
        BoundPlot.save(BoundPlot.chart(MAX2, 0, Box.cube(2, 0, 1), Box.cube(2, 0.25, 0.75),
                Domains.parseList("deeppoly0"), 700, 500, 30), file);
        BufferedImage img = read(file);
        assertEquals(700, img.getWidth());
        assertEquals(500, img.getHeight());
        assertTrue(distinctColours(img) > 10);
    }

    @Test
    void unknownImageEndingIsRejectedWithTheFileName() {
        Path file = dir.resolve("gap.jpeg");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GapMapPlot.save(List.of(map("ibp")), 500, 400, file));
        assertTrue(e.getMessage().contains("gap.jpeg") && e.getMessage().contains(".png or .svg"), e.getMessage());
    }

    @Test
    void gapMapOfDp0FormUnderDeepPoly0IsExactEverywhere() {
        GapMap m = map("deeppoly0");
        assertEquals(1.0, m.exactFraction(), 0);
        assertEquals(31 * 30 / 2, m.cells());
        assertEquals(2, m.kinks().length);
    }
}
