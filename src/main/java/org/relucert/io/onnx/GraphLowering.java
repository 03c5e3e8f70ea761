package org.relucert.io.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relucert.InvalidInputException;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.io.onnx.proto.Onnx.TensorShapeProto;
import org.relucert.io.onnx.proto.Onnx.ValueInfoProto;
import org.relucert.net.Network;

/**
 * Walks one ONNX graph in order, keeping every tensor as a pending {@link Value}, and emits (through the
 * {@link Emitter}) the nodes of the equivalent network where a ReLU, a convolution, a residual sum or the
 * output needs them.
 */
final class GraphLowering {
    private final String source;
    private final GraphProto graph;
    private final Map<String, Value> values = new HashMap<>();
    /** Initializers not decoded yet (decoded on first use, so unused ones of any type do no harm). */
    private final Map<String, TensorProto> initializers = new HashMap<>();
    /** How many node inputs and graph outputs read each tensor. */
    private final Map<String, Integer> readers = new HashMap<>();
    final Emitter emitter = new Emitter();
    private int inputSize;

    GraphLowering(String source, GraphProto graph) {
        this.source = source;
        this.graph = graph;
    }

    Network network() {
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        for (NodeProto node : graph.getNodeList()) {
            for (String in : node.getInputList()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        for (ValueInfoProto out : graph.getOutputList()) {
            readers.merge(out.getName(), 1, Integer::sum);
        }
        declareInput();
        for (int k = 0; k < graph.getNodeCount(); k++) {
            NodeProto node = graph.getNode(k);
            String label = "node '" + (node.getName().isEmpty() ? "#" + (k + 1) : node.getName()) + "' ("
                    + node.getOpType() + ")";
            Value result;
            try {
                checkExtraOutputs(node);
                result = new Operators(this, node).apply();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source + ": " + label + ": " + e.getMessage());
            }
            values.put(node.getOutput(0), result.origin == null ? result.named(node.getOutput(0)) : result);
        }
        return finish();
    }

    /** Only the first output of a node is computed (a Dropout mask or batch-norm statistics must be unused). */
    private void checkExtraOutputs(NodeProto node) {
        for (int k = 1; k < node.getOutputCount(); k++) {
            String name = node.getOutput(k);
            if (!name.isEmpty() && readers.getOrDefault(name, 0) > 0) {
                throw new IllegalArgumentException("output " + (k + 1) + " ('" + name + "') is used, but only the "
                        + "first output of " + node.getOpType() + " is supported");
            }
        }
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
        int index;
        try {
            index = emitter.materialize(emitter.holds(out) ? out : out.named(name), name);
            if (index == Network.INPUT) {
                index = emitter.copy(out, name);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": graph output '" + name + "': " + e.getMessage());
        }
        return emitter.network(inputSize, index);
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
        int src = emitter.materialize(v, inputName);
        return Value.of(emitter.relu(src, v.size(), outputName), v.shape, v.size());
    }

    /**
     * {@code result}, a per-channel scale and shift of {@code input} (a BatchNormalization or a Mul/Add by a
     * constant), folded into the Conv node that computes {@code input} when that Conv's output tensor is read
     * only here; otherwise {@code result} unchanged.
     */
    Value fuseIntoConv(String inputTensor, Value input, Value result) {
        if (!input.isNodeItself() || result.isConstant()) {
            return result;
        }
        int j = input.nodeSource();
        Emitter.ConvSpec conv = emitter.convAt(j);
        if (conv == null || !inputTensor.equals(conv.tensor()) || readers.getOrDefault(inputTensor, 0) != 1) {
            return result;
        }
        Value.ChannelAffine ca = result.channelAffine();
        if (ca == null || ca.source() != j || ca.scale().length != conv.bias().length) {
            return result;
        }
        double[][] folded = ConvFolding.foldOutput(conv.weight(), conv.bias(), ca.scale(), ca.shift());
        emitter.replaceConv(j, folded[0], folded[1]);
        return Value.of(j, result.shape, result.size());
    }
}
