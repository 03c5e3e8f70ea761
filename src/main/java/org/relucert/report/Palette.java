package org.relucert.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Colours, line styles and markers of the figures: one colour per domain in every figure (the Okabe-Ito
 * colour-blind safe palette without its yellow, which is unreadable on white, plus darker extras), and
 * styles that keep series distinguishable when they coincide.
 */
final class Palette {
    private Palette() {
    }

    private static final Color[] COLOURS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0), new Color(120, 120, 120),
        new Color(140, 81, 10), new Color(1, 102, 94), new Color(84, 39, 136), new Color(127, 127, 0),
        new Color(178, 24, 43), new Color(53, 151, 143)};

    /** Domains in the order of their fixed colours; other names get a colour by hash. */
    private static final List<String> DOMAINS = List.of("ibp", "deeppoly0", "deeppoly1", "deeppoly", "triangle",
            "triangle-dp", "krelu", "multi:1", "multi:2", "layer", "multi:1:exact", "layer:exact", "exact", "multi:2:exact");

    /** Line styles, cycled for series that would otherwise look alike. */
    static final BasicStroke[] STROKES = {
        new BasicStroke(2f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 4f, 2f, 4f}, 0f)};

    /** Markers, cycled likewise. */
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
        SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE, SeriesMarkers.TRAPEZOID};

    /**
     * The colour of a series named after a domain: the same domain gets the same colour in every figure;
     * suffixes such as " (layered)", ", d = 3" or " + input copies" are ignored.
     */
    static Color of(String series) {
        String base = series;
        for (String cut : new String[] {" (", ",", " +", " linear", " bounds", " lower"}) {
            int i = base.indexOf(cut);
            if (i > 0) {
                base = base.substring(0, i);
            }
        }
        String key = base.startsWith("krelu") ? "krelu" : base.trim();
        int k = DOMAINS.indexOf(key);
        if (k < 0) {
            k = Math.floorMod(key.hashCode(), COLOURS.length);
        }
        return COLOURS[k % COLOURS.length];
    }

    /** The k-th distinct colour, for series not named after a domain. */
    static Color nth(int k) {
        return COLOURS[Math.floorMod(k, COLOURS.length)];
    }
}
