package org.relucert.io.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.Select;

/**
 * The network nodes emitted while a graph is lowered, and the one rule that turns a pending {@link Value}
 * into a node ({@link #materialize}). Each node is kept with a function that rebuilds it on other source
 * indices, so that {@link #network} can drop the nodes the output does not need without asking node kinds.
 */
final class Emitter {
    /** Largest result (entries) that a reshuffle of computed values is turned into a dense identity-weight node. */
    static final int SMALL = 4096;
    /** Largest dense affine node (weight entries) the reader builds. */
    private static final long MAX_DENSE = 50_000_000L;

    private record Entry(Node node, Function<int[], Node> rebuild) {
    }

    /** What a Conv node was built from, so that a following per-channel scale and shift can be folded in. */
    record ConvSpec(String name, int source, int[] inShape, Conv.Geometry geometry, double[] weight, double[] bias,
                    String tensor) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    /** Values already given a node, so that a tensor read by several nodes becomes one node. */
    private final Map<Value, Integer> done = new IdentityHashMap<>();
    private final Map<Integer, ConvSpec> convs = new HashMap<>();

    Emitter() {
        names.add(Network.INPUT_NAME);
    }

    private int emit(Node node, Function<int[], Node> rebuild) {
        entries.add(new Entry(node, rebuild));
        return entries.size() - 1;
    }

    int relu(int source, int size, String name) {
        String n = unique(name);
        return emit(new Relu(n, source, size), f -> new Relu(n, f[0], size));
    }

    /** A Conv node; {@code tensor} is the ONNX tensor it computes (null when it computes none directly). */
    int conv(String name, int source, int[] inShape, Conv.Geometry g, double[] weight, double[] bias, String tensor) {
        return emitConv(new ConvSpec(unique(name), source, inShape, g, weight, bias, tensor));
    }

    private int emitConv(ConvSpec s) {
        Conv node = new Conv(s.name(), s.source(), s.inShape(), s.geometry(), s.weight(), s.bias());
        int index = emit(node, f -> new Conv(s.name(), f[0], s.inShape(), s.geometry(), s.weight(), s.bias()));
        convs.put(index, s);
        return index;
    }

    /** The shape of the node at {@code index}. */
    int[] shapeOf(int index) {
        return entries.get(index).node().shape();
    }

    /** The spec of node {@code index} when it is a Conv node emitted here, else null. */
    ConvSpec convAt(int index) {
        return convs.get(index);
    }

    /** Replaces the weight and bias of the Conv node at {@code index} (a following scale folded in). */
    void replaceConv(int index, double[] weight, double[] bias) {
        ConvSpec s = convs.get(index);
        ConvSpec t = new ConvSpec(s.name(), s.source(), s.inShape(), s.geometry(), weight, bias, s.tensor());
        Conv node = new Conv(t.name(), t.source(), t.inShape(), t.geometry(), t.weight(), t.bias());
        entries.set(index, new Entry(node, f -> new Conv(t.name(), f[0], t.inShape(), t.geometry(), t.weight(),
                t.bias())));
        convs.put(index, t);
    }

    /** An Add node of equally sized sources. */
    int add(String name, int[] from, int[] shape) {
        String n = unique(name);
        return emit(new Add(n, from, shape), f -> new Add(n, f, shape));
    }

    /**
     * Index of a node holding the value: the node itself when the value is one, else a new node. Elementwise
     * scalings of image tensors (or of long vectors) become depthwise 1x1 Conv nodes and, for several sources,
     * an Add node; a Pad result becomes an identity Conv with that padding; anything else a dense affine node,
     * except that from {@value #SMALL} entries on a reshuffle (Transpose, Concat, Squeeze) of computed values
     * becomes a {@link Select} node (see {@link Gathering}).
     */
    int materialize(Value v, String wanted) {
        String name = v.origin != null ? v.origin : wanted;
        if (v.isNodeItself()) {
            return v.nodeSource();
        }
        Integer known = done.get(v);
        if (known != null) {
            return known;
        }
        int index;
        if (v.pad != null) {
            index = ConvFolding.paddedIdentity(this, v, name);
        } else if (v.allDiagonal() && (v.isImage() || v.size() >= SMALL)) {
            index = elementwise(v, name);
        } else if (v.allSelections() && v.size() >= SMALL) {
            index = Gathering.gather(this, v, name);
        } else {
            index = affine(v, name);
        }
        done.put(v, index);
        return index;
    }

    /** A Select node copying entry {@code position[i]} of source {@code from[source[i]]} into entry i. */
    int select(String name, int[] from, int[] sizes, int[] source, int[] position, int[] shape) {
        String n = unique(name);
        return emit(new Select(n, from, sizes, source, position, shape), f -> new Select(n, f, sizes, source, position,
                shape));
    }

    /** y = s * x + t elementwise on node {@code source}, shaped as the value (see {@link #scaleConv}). */
    int scaled(int source, double[] s, double[] t, Value shapeOf, String name) {
        return scaleConv(source, s, t, shapeOf, name);
    }

    /** True when the value already has a node (it is one, or it was materialised). */
    boolean holds(Value v) {
        return v.isNodeItself() || done.containsKey(v);
    }

    /** Elementwise scalings of one or more sources, plus the bias: depthwise convolutions and an Add. */
    private int elementwise(Value v, String name) {
        if (v.terms.size() == 1) {
            Map.Entry<Integer, Block> t = v.terms.entrySet().iterator().next();
            return scaleConv(t.getKey(), t.getValue().diagonal(), v.bias, v, name);
        }
        int[] from = new int[v.terms.size()];
        int k = 0;
        for (Map.Entry<Integer, Block> t : v.terms.entrySet()) {
            double[] bias = k == 0 ? v.bias : new double[v.size()];
            boolean plain = t.getValue().isIdentity() && allZero(bias);
            from[k] = plain ? t.getKey() : scaleConv(t.getKey(), t.getValue().diagonal(), bias, v, name + "/term" + (k + 1));
            k++;
        }
        return add(name, from, v.nodeShape());
    }

    /**
     * y = s * x + t elementwise as a 1x1 depthwise Conv: per channel of the value's shape when s and t are
     * constant on each channel, else one channel per entry.
     */
    private int scaleConv(int source, double[] s, double[] t, Value shapeOf, String name) {
        int[] chw = shapeOf.spatial();
        if (chw != null) {
            Value.ChannelAffine ca = new Value(shapeOf.shape, Map.of(source, diagonalBlock(s)), t).channelAffine();
            if (ca != null) {
                return conv(name, source, chw, ConvFolding.pointwise(chw[0]), ca.scale(), ca.shift(), null);
            }
        }
        int n = s.length;
        return conv(name, source, new int[] {n, 1, 1}, ConvFolding.pointwise(n), s, t, null);
    }

    private static Block diagonalBlock(double[] s) {
        return Block.identity(s.length).scaleRows(s);
    }

    private static boolean allZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** A dense affine node reading every source of the value. */
    private int affine(Value v, String name) {
        int rows = v.size();
        int k = v.terms.size();
        int[] from = new int[k];
        int[] sizes = new int[k];
        long cols = 0;
        int i = 0;
        for (Map.Entry<Integer, Block> e : v.terms.entrySet()) {
            from[i] = e.getKey();
            sizes[i] = e.getValue().cols;
            cols += sizes[i];
            i++;
        }
        if (rows * cols > MAX_DENSE) {
            throw new IllegalArgumentException("'" + name + "' would need a dense affine node of " + rows + " x "
                    + cols + " weights, too many");
        }
        int width = (int) cols;
        double[] w = new double[rows * width];
        int offset = 0;
        int b = 0;
        for (Block block : v.terms.values()) {
            double[] d = block.toDense();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(d, r * sizes[b], w, r * width + offset, sizes[b]);
            }
            offset += sizes[b];
            b++;
        }
        String n = unique(name);
        double[] bias = v.bias;
        return emit(new Affine(n, from, sizes, w, bias), f -> new Affine(n, f, sizes, w, bias));
    }

    /** A new affine node holding the value even when it is one node itself (a graph that outputs its input). */
    int copy(Value v, String name) {
        return affine(v, name);
    }

    String unique(String wanted) {
        String base = wanted.isEmpty() ? "node" : wanted;
        String name = base;
        for (int n = 2; !names.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    /** The network of the nodes the output depends on, renumbered. */
    Network network(int inputSize, int output) {
        boolean[] keep = new boolean[entries.size()];
        keep[output] = true;
        for (int j = output; j >= 0; j--) {
            if (keep[j]) {
                for (int f : entries.get(j).node().from()) {
                    if (f != Network.INPUT) {
                        keep[f] = true;
                    }
                }
            }
        }
        int[] newIndex = new int[entries.size()];
        List<Node> kept = new ArrayList<>();
        for (int j = 0; j < entries.size(); j++) {
            if (!keep[j]) {
                continue;
            }
            newIndex[j] = kept.size();
            Entry e = entries.get(j);
            int[] from = e.node().from();
            boolean moved = false;
            for (int k = 0; k < from.length; k++) {
                int f = from[k] == Network.INPUT ? Network.INPUT : newIndex[from[k]];
                moved |= f != from[k];
                from[k] = f;
            }
            kept.add(moved ? e.rebuild().apply(from) : e.node());
        }
        return new Network(inputSize, kept, newIndex[output]);
    }
}
