package org.relucert.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import org.relucert.InvalidInputException;
import org.relucert.Limits;

/** Typed fields of relucert-net/1 nodes (integers, numbers, matrices, kernels), with errors naming file and field. */
final class NetJsonFields {
    private final String source;

    NetJsonFields(String source) {
        this.source = source;
    }

    private InvalidInputException error(String where, String what) {
        return new InvalidInputException(source + ": " + where + ": " + what);
    }

    /**
     * An integer field: {@code count} integers >= {@code min} in an array ({@code count} -1: any non-zero
     * number of them; 0: one plain integer), or {@code fallback} when absent (null: required).
     */
    int[] ints(JsonNode o, String field, String where, int count, int min, int[] fallback) {
        JsonNode v = o.get(field);
        String at = where + ", field '" + field + "'";
        String wanted = count == 0 ? "an integer >= " + min
                : (count < 0 ? "a non-empty array of" : "an array of " + count) + " integers >= " + min;
        if (v == null) {
            if (fallback == null) {
                throw error(at, "missing (" + wanted + ")");
            }
            return fallback;
        }
        JsonNode[] items = count == 0 ? new JsonNode[] {v} : null;
        if (items == null) {
            if (!v.isArray() || (count > 0 ? v.size() != count : v.isEmpty())) {
                throw error(at, "must be " + wanted + ", got " + v);
            }
            items = new JsonNode[v.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = v.get(i);
            }
        }
        int[] out = new int[items.length];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = items[i];
            if (!x.isIntegralNumber() || !x.canConvertToInt() || x.asInt() < min) {
                throw error(at, "must be " + wanted + ", got " + v);
            }
            out[i] = x.asInt();
        }
        return out;
    }

    /** A conv weight [outC][perGroup][kh][kw] of numbers, flattened in that order. */
    double[] kernelTensor(JsonNode w, String where, int perGroup, int kh, int kw) {
        if (w == null || !w.isArray() || w.isEmpty()) {
            throw error(where, w == null ? "missing" : "must be a non-empty array (one entry per output channel)");
        }
        long entries;
        try {
            entries = Limits.entries(w.size(), perGroup, kh, kw);
        } catch (IllegalArgumentException e) {
            throw error(where, e.getMessage());
        }
        double[] out = new double[(int) entries];
        int k = 0;
        for (int o = 0; o < w.size(); o++) {
            JsonNode channels = w.get(o);
            String at = "entry [" + (o + 1) + "]";
            if (!channels.isArray() || channels.size() != perGroup) {
                throw error(where, at + " must be an array of " + perGroup + " input channels (per group), got "
                        + (channels.isArray() ? channels.size() + " entries" : channels.toString()));
            }
            for (int c = 0; c < perGroup; c++) {
                JsonNode rows = channels.get(c);
                String atc = "entry [" + (o + 1) + "][" + (c + 1) + "]";
                if (!rows.isArray() || rows.size() != kh) {
                    throw error(where, atc + " must be an array of " + kh + " kernel rows, got "
                            + (rows.isArray() ? rows.size() + " rows" : rows.toString()));
                }
                for (int p = 0; p < kh; p++) {
                    JsonNode row = rows.get(p);
                    String atp = "entry [" + (o + 1) + "][" + (c + 1) + "][" + (p + 1) + "]";
                    if (!row.isArray() || row.size() != kw) {
                        throw error(where, atp + " must be an array of " + kw + " numbers (kernel width), got "
                                + (row.isArray() ? row.size() + " entries" : row.toString()));
                    }
                    double[] v = numbers(row, where + ", " + atp);
                    System.arraycopy(v, 0, out, k, kw);
                    k += kw;
                }
            }
        }
        return out;
    }

    double[][] matrix(JsonNode m, String where, int cols) {
        if (m == null || !m.isArray() || m.isEmpty()) {
            throw error(where, m == null ? "missing" : "must be a non-empty array of rows");
        }
        double[][] out = new double[m.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = m.get(r);
            if (!row.isArray()) {
                throw error(where, "row " + (r + 1) + " is not an array");
            }
            if (row.size() != cols) {
                throw error(where, "row " + (r + 1) + " has " + row.size() + " entries, expected " + cols
                        + " (the total size of 'from')");
            }
            out[r] = numbers(row, where + ", row " + (r + 1));
        }
        return out;
    }

    double[] vector(JsonNode v, String where) {
        if (v == null || !v.isArray()) {
            throw error(where, v == null ? "missing" : "must be an array of numbers");
        }
        return numbers(v, where);
    }

    private double[] numbers(JsonNode arr, String where) {
        double[] out = new double[arr.size()];
        Iterator<JsonNode> it = arr.elements();
        for (int i = 0; it.hasNext(); i++) {
            JsonNode x = it.next();
            if (!x.isNumber()) {
                throw error(where, "entry " + (i + 1) + " is not a number: " + x);
            }
            double d = x.asDouble();
            if (!Double.isFinite(d)) {
                throw error(where, "entry " + (i + 1) + " is not finite: " + x);
            }
            out[i] = d;
        }
        return out;
    }
}
