package org.relucert.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.InputFiles;
import org.relucert.InvalidInputException;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * Linear functions of the network output to bound, row r being {@code c[r]·y - d[r]}: margins
 * (a C-matrix, as auto_LiRPA's {@code C}) or the output constraints of a VNN-LIB case. Bounds of these
 * rows are computed with each row folded into the analysis (the rows become the last affine node, so a
 * back-substitution domain substitutes each row itself rather than combining the outputs' bounds).
 *
 * @param c rows of C, each as long as the network output
 * @param d one offset per row
 */
public record OutputRows(double[][] c, double[] d) {

    /** Checks that there is at least one row and that C and d agree. */
    public OutputRows {
        if (c.length == 0) {
            throw new InvalidInputException("output rows: at least one row is needed");
        }
        if (d.length != c.length) {
            throw new InvalidInputException("output rows: " + c.length + " rows of C but " + d.length + " offsets");
        }
        for (double[] row : c) {
            if (row.length != c[0].length) {
                throw new InvalidInputException("output rows: rows of C have different lengths");
            }
        }
    }

    /** Rows C with zero offsets. */
    public static OutputRows of(double[][] c) {
        return new OutputRows(c, new double[c.length]);
    }

    /**
     * Parses rows "c11,c12,...;c21,..." (rows separated by ';' or new lines, entries by ',' or blanks);
     * an entry "|d" at the end of a row sets its offset, e.g. "1,-1,0|0.5" is y1 - y2 - 0.5.
     *
     * @param outputs the network's output size, which every row must match
     */
    public static OutputRows parse(String text, int outputs, String source) {
        List<double[]> rows = new ArrayList<>();
        List<Double> offsets = new ArrayList<>();
        String[] lines = text.split("[;\n]");
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ", row " + (rows.size() + 1);
            String[] parts = line.split("\\|", -1);
            if (parts.length > 2) {
                throw new InvalidInputException(where + ": more than one '|'");
            }
            String[] entries = parts[0].strip().split("[,\\s]+");
            if (entries.length != outputs) {
                throw new InvalidInputException(where + ": " + entries.length + " entries, the network has "
                        + outputs + " outputs");
            }
            double[] row = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                row[i] = number(entries[i], where);
            }
            rows.add(row);
            offsets.add(parts.length == 2 ? number(parts[1].strip(), where) : 0.0);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(source + ": no rows");
        }
        double[] d = new double[offsets.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = offsets.get(i);
        }
        return new OutputRows(rows.toArray(new double[0][]), d);
    }

    /** Reads rows in the format of {@link #parse} from a file (gzipped or not). */
    public static OutputRows read(Path file, int outputs) {
        return parse(InputFiles.readString(file), outputs, file.toString());
    }

    private static double number(String s, String where) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(where + ": not a finite number: '" + s + "'");
    }

    /** Number of rows. */
    public int size() {
        return c.length;
    }

    /**
     * The network followed by one affine node computing these rows (named "rows", or "rows_k" when the
     * network already has such a node): its output is C·y - d.
     */
    public Network appendTo(Network net) {
        int m = net.outputSize();
        if (c[0].length != m) {
            throw new InvalidInputException("output rows have " + c[0].length + " entries, the network has "
                    + m + " outputs");
        }
        List<Node> nodes = new ArrayList<>(net.nodes());
        String name = "rows";
        for (int k = 1; net.indexOf(name) >= 0; k++) {
            name = "rows_" + k;
        }
        double[] bias = new double[d.length];
        for (int r = 0; r < bias.length; r++) {
            bias[r] = -d[r];
        }
        nodes.add(Affine.of(name, new int[] {net.output()}, new int[] {m}, c, bias));
        return new Network(net.inputSize(), nodes, nodes.size() - 1);
    }
}
