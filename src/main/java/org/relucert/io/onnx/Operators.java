package org.relucert.io.onnx;

import org.relucert.io.onnx.proto.Onnx.NodeProto;

/**
 * The meaning of each supported ONNX operator as an operation on {@link Value}s: this class dispatches
 * on the operator and holds the node's inputs and attributes; the operator families live in
 * {@link LinearOps}, {@link ShapeOps}, {@link ConvOps}, {@link AveragePoolLowering}, {@link MaxPoolLowering},
 * {@link Elementwise} and {@link ChannelOps}.
 * Problems are thrown as IllegalArgumentException; {@link GraphLowering} adds the file and node to the message.
 */
final class Operators {
    static final String SUPPORTED = "Gemm, MatMul, Conv, Add, Sub, Mul, Div, Sum, Relu, BatchNormalization, "
            + "AveragePool, GlobalAveragePool, MaxPool, Pad, Flatten, Reshape, Squeeze, Unsqueeze, Transpose, Concat, "
            + "Gather (constant indices), Constant, Identity, Dropout";

    final GraphLowering graph;
    final NodeProto node;
    final Attributes attrs;

    Operators(GraphLowering graph, NodeProto node) {
        this.graph = graph;
        this.node = node;
        this.attrs = new Attributes(node);
    }

    Value apply() {
        String domain = node.getDomain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new IllegalArgumentException("operator domain '" + domain + "' is not supported");
        }
        if (node.getOutputCount() < 1) {
            throw new IllegalArgumentException("node has no output");
        }
        String op = node.getOpType();
        return switch (op) {
            case "Gemm" -> LinearOps.gemm(this);
            case "MatMul" -> LinearOps.matMul(input(0), input(1));
            case "Add", "Sub", "Mul", "Div" -> elementwise(op);
            case "Sum" -> sum();
            case "Relu" -> graph.relu(input(0), inputName(0), outputName());
            case "Flatten" -> ShapeOps.flatten(this);
            case "Reshape" -> ShapeOps.reshape(this);
            case "Squeeze" -> ShapeOps.squeeze(this);
            case "Unsqueeze" -> ShapeOps.unsqueeze(this);
            case "Transpose" -> ShapeOps.transpose(this);
            case "Concat" -> ConcatOps.concat(this);
            case "Gather" -> GatherOps.gather(this);
            case "Identity" -> input(0);
            case "Dropout" -> dropout();
            case "Constant" -> constantNode();
            case "Conv" -> ConvOps.conv(this);
            case "AveragePool" -> AveragePoolLowering.averagePool(this);
            case "GlobalAveragePool" -> ConvOps.globalAveragePool(this);
            case "Pad" -> ConvOps.pad(this);
            case "BatchNormalization" -> ChannelOps.batchNorm(this);
            case "MaxPool" -> MaxPoolLowering.maxPool(this);
            default -> throw new IllegalArgumentException("unsupported operator '" + op + "' (supported: "
                    + SUPPORTED + ")");
        };
    }

    /** True when input k is given (present and not the empty name of an omitted optional input). */
    boolean hasInput(int k) {
        return node.getInputCount() > k && !node.getInput(k).isEmpty();
    }

    Value input(int k) {
        if (!hasInput(k)) {
            throw new IllegalArgumentException("missing input " + (k + 1));
        }
        return graph.value(node.getInput(k));
    }

    /** Input k, which must not depend on the network input. */
    Value constantInput(int k, String what) {
        Value v = input(k);
        if (!v.isConstant()) {
            throw new IllegalArgumentException(what + " (input " + (k + 1) + ") must be constant");
        }
        return v;
    }

    String inputName(int k) {
        return node.getInput(k);
    }

    String outputName() {
        return node.getOutput(0);
    }

    private Value elementwise(String op) {
        Value a = input(0);
        Value b = input(1);
        if (op.equals("Add") && a.isNodeItself() && b.isNodeItself()) {
            return residual(new Value[] {a, b});
        }
        Value r = Elementwise.apply(op, a, b);
        if (!a.isConstant() && b.isConstant()) {
            r = graph.fuseIntoConv(inputName(0), a, r);
        } else if (a.isConstant() && !b.isConstant()) {
            r = graph.fuseIntoConv(inputName(1), b, r);
        }
        return r;
    }

    /** The sum of the values of several nodes: one Add node (a residual connection). */
    private Value residual(Value[] parts) {
        long[] shape = parts[0].shape;
        int[] from = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            Elementwise.checkComputedPair(node.getOpType(), parts[0], parts[k]);
            shape = Shapes.broadcast(shape, parts[k].shape);
            from[k] = parts[k].nodeSource();
        }
        Value out = new Value(shape, java.util.Map.of(), new double[parts[0].size()]);
        int index = graph.emitter.add(outputName(), from, out.nodeShape());
        return Value.of(index, shape, parts[0].size());
    }

    private Value sum() {
        int n = node.getInputCount();
        Value[] parts = new Value[n];
        boolean allNodes = n >= 2;
        for (int k = 0; k < n; k++) {
            parts[k] = input(k);
            allNodes &= parts[k].isNodeItself();
        }
        if (allNodes) {
            return residual(parts);
        }
        Value acc = parts[0];
        for (int k = 1; k < n; k++) {
            acc = Elementwise.apply("Add", acc, parts[k]);
        }
        return acc;
    }

    private Value dropout() {
        if (hasInput(2)) {
            Value training = constantInput(2, "training_mode");
            if (training.size() != 1 || training.bias[0] != 0) {
                throw new IllegalArgumentException("training_mode must be 0 (inference)");
            }
        }
        return input(0);
    }

    private Value constantNode() {
        if (attrs.has("value")) {
            return graph.constant(attrs.get("value").getT(), "node output '" + outputName() + "'");
        }
        if (attrs.has("value_float")) {
            return Value.constant(new long[0], new double[] {attrs.f("value_float", 0)});
        }
        if (attrs.has("value_int")) {
            return Value.constant(new long[0], new double[] {attrs.i("value_int", 0)});
        }
        if (attrs.has("value_floats")) {
            var a = attrs.get("value_floats");
            double[] v = new double[a.getFloatsCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.getFloats(i);
            }
            return Value.constant(new long[] {v.length}, v);
        }
        if (attrs.has("value_ints")) {
            long[] ints = attrs.ints("value_ints");
            double[] v = new double[ints.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = ints[i];
            }
            return Value.constant(new long[] {v.length}, v);
        }
        throw new IllegalArgumentException("Constant needs one of the attributes value, value_float, "
                + "value_floats, value_int, value_ints (others are not supported)");
    }
}
