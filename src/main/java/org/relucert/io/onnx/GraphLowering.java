package org.relucert.io.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relucert.InvalidInputException;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.io.onnx.proto.Onnx.TensorShapeProto;
import org.relucert.io.onnx.proto.Onnx.ValueInfoProto;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/** Walks one ONNX graph in order and emits the Affine/Relu nodes of the equivalent network. */
final class GraphLowering {
    private final String source;
    private final GraphProto graph;
    private final Map<String, Value> values = new HashMap<>();
    /** Initializers not decoded yet (decoded on first use, so unused ones of any type do no harm). */
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    /** Values already given a node, so that a tensor read by several Relus becomes one affine node. */
    private final Map<Value, Integer> emitted = new java.util.IdentityHashMap<>();
    private int inputSize;

    GraphLowering(String source, GraphProto graph) {
        this.source = source;
        this.graph = graph;
        names.add(Network.INPUT_NAME);
    }

    Network network() {
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        declareInput();
        for (int k = 0; k < graph.getNodeCount(); k++) {
            NodeProto node = graph.getNode(k);
            String label = "node '" + (node.getName().isEmpty() ? "#" + (k + 1) : node.getName()) + "' ("
                    + node.getOpType() + ")";
            Value result;
            try {
                result = new Operators(this, node).apply();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source + ": " + label + ": " + e.getMessage());
            }
            values.put(node.getOutput(0), result);
        }
        return finish();
    }

    private void declareInput() {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new InvalidInputException(source + ": graph has " + inputs.size()
                    + " non-constant inputs; relucert networks have exactly one");
        }
        ValueInfoProto in = inputs.get(0);
        String where = source + ": graph input '" + in.getName() + "'";
        if (!in.getType().hasTensorType()) {
            throw new InvalidInputException(where + ": not a tensor");
        }
        int elem = in.getType().getTensorType().getElemType();
        if (elem != TensorProto.DataType.FLOAT_VALUE && elem != TensorProto.DataType.DOUBLE_VALUE) {
            throw new InvalidInputException(where + ": element type " + elem + " is not supported (FLOAT or DOUBLE)");
        }
        TensorShapeProto shapeProto = in.getType().getTensorType().getShape();
        long[] shape = new long[shapeProto.getDimCount()];
        for (int i = 0; i < shape.length; i++) {
            TensorShapeProto.Dimension d = shapeProto.getDim(i);
            if (d.hasDimValue() && d.getDimValue() > 0) {
                shape[i] = d.getDimValue();
            } else if (i == 0 && !d.hasDimValue()) {
                shape[i] = 1;
            } else {
                throw new InvalidInputException(where + ": dimension " + (i + 1) + " ("
                        + (d.hasDimValue() ? d.getDimValue() : d.getDimParam())
                        + ") is not supported; only a symbolic leading batch dimension is allowed");
            }
        }
        long n = Tensors.count(shape);
        if (n > 10_000_000) {
            throw new InvalidInputException(where + ": input has " + n + " entries, too many");
        }
        inputSize = (int) n;
        values.put(in.getName(), Value.of(Network.INPUT, shape, inputSize));
    }

    private Network finish() {
        if (graph.getOutputCount() != 1) {
            throw new InvalidInputException(source + ": graph has " + graph.getOutputCount()
                    + " outputs; relucert networks have exactly one");
        }
        String name = graph.getOutput(0).getName();
        Value out = values.get(name);
        if (out == null) {
            throw new InvalidInputException(source + ": graph output '" + name + "' is not computed by any node");
        }
        if (out.isConstant()) {
            throw new InvalidInputException(source + ": graph output '" + name + "' does not depend on the input");
        }
        int index = materialize(out, name);
        if (index == Network.INPUT) {
            index = emitAffine(out, name);
        }
        return Pruning.reachable(inputSize, nodes, index);
    }

    /** The value of an earlier ONNX tensor. */
    Value value(String tensor) {
        Value v = values.get(tensor);
        if (v == null && initializers.containsKey(tensor)) {
            v = constant(initializers.get(tensor), "initializer '" + tensor + "'");
            values.put(tensor, v);
        }
        if (v == null) {
            throw new IllegalArgumentException("reads '" + tensor + "', which is not defined before it");
        }
        return v;
    }

    Value constant(TensorProto t, String what) {
        try {
            return Value.constant(Tensors.shape(t), Tensors.values(t));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + what + ": " + e.getMessage());
        }
    }

    /** A ReLU of the value; named after its input and output tensors. */
    Value relu(Value v, String inputName, String outputName) {
        if (v.isConstant()) {
            double[] c = new double[v.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = Math.max(0.0, v.bias[i]);
            }
            return Value.constant(v.shape, c);
        }
        int src = materialize(v, inputName);
        nodes.add(new Relu(unique(outputName), src, v.size()));
        return Value.of(nodes.size() - 1, v.shape, v.size());
    }

    /** Index of a node holding the value: an existing node when the value is one, else a new affine node. */
    private int materialize(Value v, String name) {
        if (v.isNodeItself()) {
            return v.terms.keySet().iterator().next();
        }
        Integer done = emitted.get(v);
        if (done != null) {
            return done;
        }
        int index = emitAffine(v, name);
        emitted.put(v, index);
        return index;
    }

    private int emitAffine(Value v, String name) {
        int rows = v.size();
        int k = v.terms.size();
        int[] from = new int[k];
        int[] sizes = new int[k];
        List<double[]> blocks = new ArrayList<>();
        int cols = 0;
        int i = 0;
        for (Map.Entry<Integer, Block> e : v.terms.entrySet()) {
            from[i] = e.getKey();
            sizes[i] = e.getValue().cols;
            blocks.add(e.getValue().toDense());
            cols += sizes[i];
            i++;
        }
        double[] w = new double[rows * cols];
        int offset = 0;
        for (int b = 0; b < k; b++) {
            double[] block = blocks.get(b);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(block, r * sizes[b], w, r * cols + offset, sizes[b]);
            }
            offset += sizes[b];
        }
        nodes.add(new Affine(unique(name), from, sizes, w, v.bias));
        return nodes.size() - 1;
    }

    private String unique(String wanted) {
        String base = wanted.isEmpty() ? "node" : wanted;
        String name = base;
        for (int n = 2; !names.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    /** Attributes of a node by name. */
    static Map<String, AttributeProto> attributes(NodeProto node) {
        Map<String, AttributeProto> out = new LinkedHashMap<>();
        for (AttributeProto a : node.getAttributeList()) {
            out.put(a.getName(), a);
        }
        return out;
    }
}
