package org.relucert.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.cli.Main;

/** {@code relucert paper --quick} end to end: the report, its Table 1 marks, and its figures. */
class PaperQuickReportTest {

    @TempDir
    static Path dir;
    static int exitCode;
    static String stdout;
    static String report;

    /** THEORY.md §4.1: the settled cells (X, row, class) -> mark. */
    static final Map<String, String> SETTLED = Map.ofEntries(
            Map.entry("R|ibp|CPWL", "✗"), Map.entry("R|ibp|M-CPWL", "✓"), Map.entry("R|ibp|C-CPWL", "✗"),
            Map.entry("R|ibp|MC-CPWL", "✓"),
            Map.entry("R|deeppoly0|M-CPWL", "✓"), Map.entry("R|deeppoly0|C-CPWL", "✓"), Map.entry("R|deeppoly0|MC-CPWL", "✓"),
            Map.entry("R|deeppoly1|M-CPWL", "✓"), Map.entry("R|deeppoly1|C-CPWL", "✓"), Map.entry("R|deeppoly1|MC-CPWL", "✓"),
            Map.entry("R|triangle|M-CPWL", "✓"), Map.entry("R|triangle|C-CPWL", "✓"), Map.entry("R|triangle|MC-CPWL", "✓"),
            Map.entry("R|multi|CPWL", "✓"), Map.entry("R|multi|M-CPWL", "✓"), Map.entry("R|multi|C-CPWL", "✓"),
            Map.entry("R|multi|MC-CPWL", "✓"),
            Map.entry("R^d|triangle|CPWL", "✗"), Map.entry("R^d|triangle|M-CPWL", "✗"), Map.entry("R^d|triangle|C-CPWL", "✗"),
            Map.entry("R^d|triangle|MC-CPWL", "✗"));

    @BeforeAll
    static void runQuickPaper() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        exitCode = Main.run(new String[] {"paper", "--out", dir.toString(), "--quick"}, new PrintWriter(out),
                new PrintWriter(err));
        stdout = out + err.toString();
        Path file = dir.resolve("report.md");
        report = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    @Test
    void quickPaperExitsZeroAndWritesTheReport() {
        assertEquals(0, exitCode, stdout);
        assertTrue(report.startsWith("# relucert: the papers' claims, checked"), report);
        assertTrue(report.contains("seed 1"), "the report states the seed");
        assertTrue(report.contains("120 boxes per precision search"), "the report states the effort");
    }

    @Test
    void eachSectionPrintsItsCountOfSectionsDone() {
        assertTrue(stdout.contains("  [1/" + PaperReport.SECTIONS + "] "), stdout);
        assertTrue(stdout.contains("  [" + PaperReport.SECTIONS + "/" + PaperReport.SECTIONS + "] "), stdout);
        assertFalse(stdout.contains("[" + (PaperReport.SECTIONS + 1) + "/"), stdout);
    }

    @Test
    void table1ObservedMarksMatchTheSettledCells() {
        List<String[]> rows = new ArrayList<>();
        for (String line : report.split("\n")) {
            if (line.startsWith("| R | ") || line.startsWith("| R^d | ")) {
                rows.add(line.substring(1, line.length() - 1).split(" \\| "));
            }
        }
        assertEquals(24, rows.size(), "one Table 1 row per cell");
        int settled = 0;
        for (String[] cells : rows) {
            String key = cells[0].trim() + "|" + cells[1].trim() + "|" + cells[2].trim();
            String observed = cells[7].trim();
            String expected = SETTLED.get(key);
            if (expected == null) {
                assertEquals("?", observed, key + " is open");
                assertTrue(cells[3].startsWith("?"), key);
                continue;
            }
            settled++;
            assertEquals(expected, observed, "observed mark of " + key);
            assertTrue(cells[3].trim().startsWith(expected), "THEORY mark column of " + key);
            assertEquals("reproduced", cells[8].trim(), key);
        }
        assertEquals(SETTLED.size(), settled);
    }

    @Test
    void everySectionSaysWhatItReproducedAndNested2To5MatchesTheTheoryTable() {
        for (String title : List.of("Table 1 of P1", "Solution-space count", "Nested max", "Phantom point",
                "Branch-and-bound partition counts", "impossibility illustrated")) {
            assertTrue(report.contains(title), title);
        }
        assertTrue(report.contains("**reproduced**: triangle upper bound of nested max, d = 5 (§6.3, 3 decimals) — "
                + "expected 2.553, observed 2.553"), "triangle d = 5 row");
        assertTrue(report.contains("**reproduced**: T6 illustrated"), "every max encoding has a witness");
        assertFalse(report.contains("NOT REPRODUCED**: Table 1") || report.contains("CONTRADICTED**: Table 1"),
                "no Table 1 cell contradicts THEORY");
        assertTrue(report.contains("**NOT REPRODUCED**: layer + input copies: P2-v3 Thm 5.1"),
                "Thm 5.1 is not counted as reproduced");
        assertTrue(report.matches("(?s).*In all, \\d+ claims: \\d+ reproduced, \\d+ not reproduced.*"),
                "the summary counts each kind");
        assertTrue(report.contains("**reproduced**: triangle: orientations without gap, n = 4, minimiser at a kink (T4: all "
                + "2^n) — expected 16, observed 16"), "triangle solution space n = 4");
        assertTrue(report.contains("**reproduced**: layer (box hull set): lower-bound error equals T"), "phantom error T");
        assertTrue(report.contains("**reproduced**: Prop. 5.6 for nested max, d = 2"), "partition counts d = 2");
        assertTrue(report.contains("**reproduced**: IBP with input splitting never exact on nested max, d = 2"), "IBP");
    }

    @Test
    void figuresAreValidPngImages() throws Exception {
        for (String name : List.of("nested_max.png", "phantom_error.png", "partition_error.png", "solution_space.png",
                "max_witness_gaps.png")) {
            Path png = dir.resolve(name);
            assertTrue(Files.exists(png), name);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, name + " is a readable image");
            assertTrue(img.getWidth() >= 400 && img.getHeight() >= 300, name + " size");
            assertTrue(report.contains("](" + name + ")"), "the report links " + name);
        }
    }
}
