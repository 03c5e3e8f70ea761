package org.relucert.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.relucert.InvalidInputException;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Conv;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.Select;

/**
 * The op-specific fields of relucert-net/1 nodes ({@code affine}, {@code relu}, {@code conv}, {@code add}):
 * reading them into a node with errors naming file, node and field, and writing them back.
 */
final class NetJsonOps {
    private final String source;
    private final NetJsonFields fields;

    NetJsonOps(String source) {
        this.source = source;
        this.fields = new NetJsonFields(source);
    }

    private InvalidInputException error(String where, String what) {
        return new InvalidInputException(source + ": " + where + ": " + what);
    }

    /** The op name of a node. */
    static String opName(Node n) {
        return n.accept(new Node.Visitor<String>() {
            @Override public String affine(Affine a) { return "affine"; }
            @Override public String relu(Relu r) { return "relu"; }
            @Override public String conv(Conv c) { return "conv"; }
            @Override public String add(Add a) { return "add"; }
            @Override public String select(Select s) { return "select"; }
        });
    }

    /** Writes the fields after name, op and from. */
    static void writeFields(Node n, ObjectNode o) {
        n.accept(new Node.Visitor<Void>() {
            @Override
            public Void affine(Affine a) {
                ArrayNode w = o.putArray("weight");
                for (double[] row : a.weightRows()) {
                    numbers(w.addArray(), row, 0, row.length);
                }
                numbers(o.putArray("bias"), a.bias(), 0, a.bias().length);
                return null;
            }

            @Override
            public Void relu(Relu r) {
                return null;
            }

            @Override
            public Void conv(Conv c) {
                Conv.Geometry g = c.geometry();
                int[] in = c.inputShape();
                ints(o.putArray("input_shape"), in);
                ints(o.putArray("kernel"), g.kernelH(), g.kernelW());
                ints(o.putArray("stride"), g.strideH(), g.strideW());
                ints(o.putArray("pads"), g.padTop(), g.padLeft(), g.padBottom(), g.padRight());
                ints(o.putArray("dilation"), g.dilationH(), g.dilationW());
                o.put("groups", g.groups());
                ArrayNode w = o.putArray("weight");
                double[] flat = c.weight();
                int perGroup = in[0] / g.groups();
                int k = 0;
                for (int oc = 0; oc < c.bias().length; oc++) {
                    ArrayNode channels = w.addArray();
                    for (int ic = 0; ic < perGroup; ic++) {
                        ArrayNode rows = channels.addArray();
                        for (int p = 0; p < g.kernelH(); p++, k += g.kernelW()) {
                            numbers(rows.addArray(), flat, k, g.kernelW());
                        }
                    }
                }
                numbers(o.putArray("bias"), c.bias(), 0, c.bias().length);
                return null;
            }

            @Override
            public Void add(Add a) {
                ints(o.putArray("shape"), a.shape());
                return null;
            }

            @Override
            public Void select(Select s) {
                ints(o.putArray("shape"), s.shape());
                if (s.from().length > 1) {
                    ints(o.putArray("source"), s.sources());
                }
                ints(o.putArray("position"), s.positions());
                return null;
            }
        });
    }

    private static void numbers(ArrayNode out, double[] v, int from, int count) {
        for (int i = from; i < from + count; i++) {
            out.add(v[i]);
        }
    }

    private static void ints(ArrayNode out, int... v) {
        for (int x : v) {
            out.add(x);
        }
    }

    /** The node of the given op from its JSON object; {@code from} and {@code fromSizes} are resolved already. */
    Node node(String op, JsonNode o, String name, String where, int[] from, int[] fromSizes) {
        try {
            return switch (op) {
                case "relu" -> {
                    exactlyOneSource(where, "relu", from);
                    noWeights(o, where, "relu");
                    yield new Relu(name, from[0], fromSizes[0]);
                }
                case "affine" -> affine(o, name, where, from, fromSizes);
                case "conv" -> conv(o, name, where, from, fromSizes);
                case "add" -> add(o, name, where, from, fromSizes);
                case "select" -> select(o, name, where, from, fromSizes);
                default -> throw error(where + ", field 'op'", "unknown op '" + op
                        + "' (expected 'affine', 'relu', 'conv', 'add' or 'select')");
            };
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int at = m.indexOf("'" + name + "': ");
            throw error(where, at >= 0 && at < 20 ? m.substring(at + name.length() + 4) : m);
        }
    }

    private void exactlyOneSource(String where, String op, int[] from) {
        if (from.length != 1) {
            throw error(where + ", field 'from'", op + " takes exactly one source, got " + from.length);
        }
    }

    private void noWeights(JsonNode o, String where, String op) {
        for (String extra : new String[] {"weight", "bias"}) {
            if (o.has(extra)) {
                throw error(where + ", field '" + extra + "'", op + " nodes take no " + extra);
            }
        }
    }

    private Node affine(JsonNode o, String name, String where, int[] from, int[] fromSizes) {
        int cols = 0;
        for (int s : fromSizes) {
            cols += s;
        }
        double[][] w = fields.matrix(o.get("weight"), where + ", field 'weight'", cols);
        double[] b = fields.vector(o.get("bias"), where + ", field 'bias'");
        if (b.length != w.length) {
            throw error(where + ", field 'bias'", "has " + b.length + " entries but weight has " + w.length + " rows");
        }
        return Affine.of(name, from, fromSizes, w, b);
    }

    private Node conv(JsonNode o, String name, String where, int[] from, int[] fromSizes) {
        exactlyOneSource(where, "conv", from);
        int[] in = fields.ints(o, "input_shape", where, 3, 1, null);
        if ((long) in[0] * in[1] * in[2] != fromSizes[0]) {
            throw error(where + ", field 'input_shape'", Arrays.toString(in) + " has " + (long) in[0] * in[1] * in[2]
                    + " entries but the source '" + o.get("from").get(0).asText() + "' has " + fromSizes[0]);
        }
        int[] kernel = fields.ints(o, "kernel", where, 2, 1, null);
        int[] stride = fields.ints(o, "stride", where, 2, 1, new int[] {1, 1});
        int[] pads = fields.ints(o, "pads", where, 4, 0, new int[] {0, 0, 0, 0});
        int[] dilation = fields.ints(o, "dilation", where, 2, 1, new int[] {1, 1});
        int groups = fields.ints(o, "groups", where, 0, 1, new int[] {1})[0];
        if (in[0] % groups != 0) {
            throw error(where + ", field 'groups'", in[0] + " input channels are not divisible into " + groups
                    + " groups");
        }
        double[] w = fields.kernelTensor(o.get("weight"), where + ", field 'weight'", in[0] / groups, kernel[0], kernel[1]);
        double[] b = fields.vector(o.get("bias"), where + ", field 'bias'");
        int outC = w.length / (in[0] / groups * kernel[0] * kernel[1]);
        if (b.length != outC) {
            throw error(where + ", field 'bias'", "has " + b.length + " entries but weight has " + outC
                    + " output channels");
        }
        Conv.Geometry g = new Conv.Geometry(kernel[0], kernel[1], stride[0], stride[1], pads[0], pads[1], pads[2],
                pads[3], dilation[0], dilation[1], groups);
        return new Conv(name, from[0], in, g, w, b);
    }

    private Node add(JsonNode o, String name, String where, int[] from, int[] fromSizes) {
        if (from.length < 2) {
            throw error(where + ", field 'from'", "add takes at least two sources, got " + from.length);
        }
        noWeights(o, where, "add");
        JsonNode names = o.get("from");
        for (int k = 1; k < from.length; k++) {
            if (fromSizes[k] != fromSizes[0]) {
                throw error(where + ", field 'from'", "source '" + names.get(k).asText() + "' has " + fromSizes[k]
                        + " entries but '" + names.get(0).asText() + "' has " + fromSizes[0]);
            }
        }
        int[] shape = o.has("shape") ? fields.ints(o, "shape", where, -1, 1, null) : new int[] {fromSizes[0]};
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (count != fromSizes[0]) {
            throw error(where + ", field 'shape'", Arrays.toString(shape) + " has " + count
                    + " entries but the sources have " + fromSizes[0]);
        }
        return new Add(name, from, shape);
    }

    private Node select(JsonNode o, String name, String where, int[] from, int[] fromSizes) {
        noWeights(o, where, "select");
        int[] position = fields.ints(o, "position", where, -1, 0, null);
        int[] source = fields.ints(o, "source", where, -1, 0, new int[position.length]);
        if (source.length != position.length) {
            throw error(where + ", field 'source'", "has " + source.length + " entries but 'position' has "
                    + position.length);
        }
        int[] shape = fields.ints(o, "shape", where, -1, 1, new int[] {position.length});
        return new Select(name, from, fromSizes, source, position, shape);
    }
}
