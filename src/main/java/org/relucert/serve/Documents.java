package org.relucert.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.relucert.api.BoundsResult;
import org.relucert.api.NodeBounds;
import org.relucert.exact.Range;
import org.relucert.net.Box;
import org.relucert.precision.BoxGap;
import org.relucert.precision.GapMap;
import org.relucert.precision.PrecisionSearch;
import org.relucert.precision.Tolerance;

/**
 * The JSON documents of the machine-readable outputs: {@code bounds --json}, {@code gap --json},
 * {@code precision --json} and the gap map. The CLI and the web API ({@link ApiServer}) print the same
 * documents because both build them here.
 */
public final class Documents {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Documents() {
    }

    /**
     * One domain's result row of {@code bounds --json} (and of {@code /api/bounds}): domain, lower, upper,
     * seconds, time_limited, notes; where some bound is not proven in floating point (the MILP domain
     * {@code exact}), "proven": {"lower": [...], "upper": [...]} with one flag per row; with
     * {@code intermediate} every node's bounds ("nodes"), with {@code linear} the output's linear bounds
     * over the input ("linear") where the domain has them.
     */
    public static ObjectNode boundsRow(BoundsResult r, boolean intermediate, boolean linear) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("domain", r.domain());
        o.set("lower", array(r.lower()));
        o.set("upper", array(r.upper()));
        o.put("seconds", r.seconds());
        o.put("time_limited", r.timeLimited());
        if (!r.allProven()) {
            ObjectNode proven = o.putObject("proven");
            proven.set("lower", flags(r.lowerProven()));
            proven.set("upper", flags(r.upperProven()));
        }
        if (intermediate) {
            ArrayNode nodes = o.putArray("nodes");
            for (NodeBounds nb : r.nodes()) {
                ObjectNode n = nodes.addObject();
                n.put("name", nb.name());
                n.set("lower", array(nb.lower()));
                n.set("upper", array(nb.upper()));
            }
        }
        if (linear && r.lines() != null) {
            ObjectNode l = o.putObject("linear");
            l.set("lower_coef", matrix(r.lines().lowerCoef()));
            l.set("lower_const", array(r.lines().lowerConst()));
            l.set("upper_coef", matrix(r.lines().upperCoef()));
            l.set("upper_const", array(r.lines().upperConst()));
        }
        if (!r.notes().isEmpty()) {
            ArrayNode notes = o.putArray("notes");
            r.notes().forEach(notes::add);
        }
        return o;
    }

    private static ArrayNode flags(boolean[] b) {
        ArrayNode a = MAPPER.createArrayNode();
        for (boolean v : b) {
            a.add(v);
        }
        return a;
    }

    private static ArrayNode matrix(double[][] m) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double[] row : m) {
            a.add(array(row));
        }
        return a;
    }

    /** {@code {"results": [rows...]}}. */
    public static ObjectNode bounds(List<ObjectNode> rows) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putArray("results").addAll(rows);
        return root;
    }

    /** The "exact" part of {@code gap --json}. */
    public static ObjectNode exact(Range exact, Tolerance tol) {
        ObjectNode ex = MAPPER.createObjectNode();
        ex.put("min", exact.min());
        ex.put("max", exact.max());
        ex.set("arg_min", array(exact.argMin()));
        ex.set("arg_max", array(exact.argMax()));
        ex.put("method", exact.method());
        ex.put("tolerance", tol.relative());
        return ex;
    }

    /** One domain row of {@code gap --json}. */
    public static ObjectNode gapRow(String domain, BoxGap g) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("domain", domain);
        o.put("lower", g.domainLower());
        o.put("upper", g.domainUpper());
        o.put("lower_gap", g.lowerGap());
        o.put("upper_gap", g.upperGap());
        o.put("gap", g.gap());
        o.put("exact", g.exactWithinTolerance());
        o.put("unsound", g.unsound());
        o.put("time_limited", g.timeLimited());
        return o;
    }

    /** {@code {"exact": {...}, "domains": [rows...]}}. */
    public static ObjectNode gap(ObjectNode exact, List<ObjectNode> rows) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("exact", exact);
        root.putArray("domains").addAll(rows);
        return root;
    }

    /** The document of {@code precision --json}. */
    public static ObjectNode precision(PrecisionSearch.Result r) {
        ObjectNode o = MAPPER.createObjectNode();
        BoxGap w = r.witness();
        o.put("verdict", r.verdict().name());
        o.put("gap", w.gap());
        o.set("box", box(w.box()));
        o.put("boxes_checked", r.boxesChecked());
        o.put("exact_fraction", r.exactFraction());
        o.put("domain", w.domain());
        o.put("output", w.output());
        o.put("lower_gap", w.lowerGap());
        o.put("upper_gap", w.upperGap());
        ArrayNode exact = o.putArray("exact_range");
        exact.add(w.exact().min());
        exact.add(w.exact().max());
        ArrayNode bounds = o.putArray("domain_bounds");
        bounds.add(w.domainLower());
        bounds.add(w.domainUpper());
        o.put("tolerance", w.tolerance().relative());
        o.put("verified", r.verified());
        o.put("unsound_boxes", r.unsound());
        o.put("failed_boxes", r.failed());
        o.put("skipped_for_time", r.skippedForTime());
        ObjectNode strategies = o.putObject("boxes_by_strategy");
        for (Map.Entry<String, Integer> e : r.boxesByStrategy().entrySet()) {
            strategies.put(e.getKey(), e.getValue());
        }
        o.put("seconds", r.seconds());
        return o;
    }

    /**
     * One domain's gap map: {@code {"domain", "grid", "cells": [[i, j, gap], ...], "kinks", "max_gap",
     * "exact_fraction", "cell_count"}} with a cell per interval [grid[i], grid[j]], i &lt; j.
     */
    public static ObjectNode gapMap(GapMap m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("domain", m.domain());
        o.set("grid", array(m.grid()));
        ArrayNode cells = o.putArray("cells");
        for (int i = 0; i < m.grid().length; i++) {
            for (int j = i + 1; j < m.grid().length; j++) {
                cells.addArray().add(i).add(j).add(m.gap()[i][j]);
            }
        }
        o.set("kinks", array(m.kinks()));
        o.put("max_gap", m.maxGap());
        o.put("exact_fraction", m.exactFraction());
        o.put("cell_count", m.cells());
        o.put("tolerance", m.tolerance().relative());
        return o;
    }

    /** {@code {"lower": [...], "upper": [...]}}. */
    public static ObjectNode box(Box b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("lower", array(b.lower()));
        o.set("upper", array(b.upper()));
        return o;
    }

    /** A JSON array of the numbers (empty for null). */
    public static ArrayNode array(double[] x) {
        ArrayNode a = MAPPER.createArrayNode();
        if (x != null) {
            for (double v : x) {
                a.add(v);
            }
        }
        return a;
    }

    /** The document as one line of JSON. */
    public static String text(ObjectNode doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
