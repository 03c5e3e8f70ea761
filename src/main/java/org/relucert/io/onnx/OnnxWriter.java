package org.relucert.io.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.relucert.InvalidInputException;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;
import org.relucert.io.onnx.proto.Onnx.OperatorSetIdProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.io.onnx.proto.Onnx.TensorShapeProto;
import org.relucert.io.onnx.proto.Onnx.TypeProto;
import org.relucert.io.onnx.proto.Onnx.ValueInfoProto;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.Select;

/**
 * Writes a {@link Network} as an ONNX model (IR version 7, opset 13). The input "input" has shape [1, n];
 * each node becomes one operator named after the node, whose output tensor has the node's name: an affine
 * node a Gemm (transB=1, weight [out, in] and bias as initializers in raw_data) on a [1, k] operand, with a
 * Flatten before an image-shaped source and a Concat on axis 1 when it reads several sources; a ReLU a Relu
 * (keeping its source's shape); a Conv node a Conv on [1, C, H, W], its source reshaped to that shape where
 * needed, giving [1, M, H', W']; an Add node an Add (Sum for more than two sources) of its sources reshaped
 * to [1, shape...]. Reading the model back with {@link OnnxReader} gives the same node names.
 *
 * <p>Tensors are DOUBLE, except in networks with a Conv node, which are written as FLOAT because onnxruntime
 * has no double-precision Conv kernel; their weights are then rounded to single precision (the
 * relucert-net/1 JSON format is exact).
 */
public final class OnnxWriter {
    /** ONNX IR version written. */
    public static final long IR_VERSION = 7;
    /** Default-domain opset written. */
    public static final long OPSET = 13;

    private final Network net;
    private final GraphProto.Builder g = GraphProto.newBuilder().setName("relucert");
    private final Set<String> used = new HashSet<>();
    /** The shape of each node's tensor as written (index {@link Network#INPUT} + 1 is the input). */
    private final long[][] shapes;
    private final int elemType;

    private OnnxWriter(Network net) {
        this.net = net;
        this.shapes = new long[net.nodes().size() + 1][];
        boolean conv = false;
        used.add(Network.INPUT_NAME);
        for (int j = 0; j < net.nodes().size(); j++) {
            used.add(net.node(j).name());
            conv |= needsFloat(net.node(j));
        }
        this.elemType = conv ? TensorProto.DataType.FLOAT_VALUE : TensorProto.DataType.DOUBLE_VALUE;
    }

    /** The model for a network. */
    public static ModelProto toModel(Network net) {
        return new OnnxWriter(net).model();
    }

    /** True when onnxruntime can run the node's operator only in single precision. */
    private static boolean needsFloat(Node n) {
        return n.accept(new Node.Visitor<Boolean>() {
            @Override public Boolean affine(Affine a) { return false; }
            @Override public Boolean relu(Relu r) { return false; }
            @Override public Boolean conv(Conv c) { return true; }
            @Override public Boolean add(Add a) { return false; }
            @Override public Boolean select(Select s) { return false; }
        });
    }

    /** Writes one node's operator(s); returns the shape of its tensor. */
    private final Node.Visitor<long[]> operator = new Node.Visitor<>() {
        @Override public long[] affine(Affine a) { return writeAffine(a); }
        @Override public long[] relu(Relu r) { return writeRelu(r); }
        @Override public long[] conv(Conv c) { return writeConv(c); }
        @Override public long[] add(Add a) { return writeAdd(a); }
        @Override public long[] select(Select s) { return writeSelect(s); }
    };

    private ModelProto model() {
        shapes[0] = new long[] {1, net.inputSize()};
        g.addInput(valueInfo(Network.INPUT_NAME, shapes[0]));
        for (int j = 0; j < net.nodes().size(); j++) {
            shapes[j + 1] = net.node(j).accept(operator);
        }
        g.addOutput(valueInfo(net.nameOf(net.output()), shapes[net.output() + 1]));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("relucert")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g)
                .build();
    }

    /** Writes the model for a network to a file. */
    public static void write(Network net, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                // never create directories silently: a mistyped path is an error naming it
                throw new InvalidInputException(file + ": cannot write: directory " + parent + " does not exist");
            }
            Files.write(file, toModel(net).toByteArray());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write: " + e.getMessage());
        }
    }

    private long[] writeRelu(Relu r) {
        g.addNode(NodeProto.newBuilder().setOpType("Relu").setName(r.name())
                .addInput(net.nameOf(r.source())).addOutput(r.name()));
        return shapes[r.source() + 1];
    }

    private long[] writeAffine(Affine a) {
        int[] from = a.from();
        String[] ins = new String[from.length];
        for (int k = 0; k < from.length; k++) {
            ins[k] = shaped(from[k], new long[] {1, net.sizeOf(from[k])}, a.name());
        }
        String in = ins[0];
        if (from.length > 1) {
            in = fresh(a.name() + "/concat");
            NodeProto.Builder concat = NodeProto.newBuilder().setOpType("Concat").setName(in).addOutput(in)
                    .addAttribute(intAttr("axis", 1));
            for (String i : ins) {
                concat.addInput(i);
            }
            g.addNode(concat);
        }
        String w = fresh(a.name() + "/weight");
        String b = fresh(a.name() + "/bias");
        g.addInitializer(tensor(w, new long[] {a.size(), a.inputWidth()}, a.weight()));
        g.addInitializer(tensor(b, new long[] {a.size()}, a.bias()));
        g.addNode(NodeProto.newBuilder().setOpType("Gemm").setName(a.name())
                .addInput(in).addInput(w).addInput(b).addOutput(a.name())
                .addAttribute(intAttr("transB", 1)));
        return new long[] {1, a.size()};
    }

    private long[] writeConv(Conv c) {
        int[] in = c.inputShape();
        String x = shaped(c.source(), new long[] {1, in[0], in[1], in[2]}, c.name());
        Conv.Geometry geo = c.geometry();
        int outC = c.bias().length;
        String w = fresh(c.name() + "/weight");
        String b = fresh(c.name() + "/bias");
        g.addInitializer(tensor(w, new long[] {outC, in[0] / geo.groups(), geo.kernelH(), geo.kernelW()}, c.weight()));
        g.addInitializer(tensor(b, new long[] {outC}, c.bias()));
        g.addNode(NodeProto.newBuilder().setOpType("Conv").setName(c.name())
                .addInput(x).addInput(w).addInput(b).addOutput(c.name())
                .addAttribute(intsAttr("kernel_shape", geo.kernelH(), geo.kernelW()))
                .addAttribute(intsAttr("strides", geo.strideH(), geo.strideW()))
                .addAttribute(intsAttr("pads", geo.padTop(), geo.padLeft(), geo.padBottom(), geo.padRight()))
                .addAttribute(intsAttr("dilations", geo.dilationH(), geo.dilationW()))
                .addAttribute(intAttr("group", geo.groups())));
        int[] out = c.shape();
        return new long[] {1, out[0], out[1], out[2]};
    }

    private long[] writeAdd(Add s) {
        int[] shape = s.shape();
        long[] dims = new long[shape.length + 1];
        dims[0] = 1;
        for (int i = 0; i < shape.length; i++) {
            dims[i + 1] = shape[i];
        }
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(s.from().length == 2 ? "Add" : "Sum")
                .setName(s.name()).addOutput(s.name());
        for (int f : s.from()) {
            n.addInput(shaped(f, dims, s.name()));
        }
        g.addNode(n);
        return dims;
    }
    /** The sources flattened and concatenated, then one Gather of the selected entries: a [1, size] tensor. */
    private long[] writeSelect(Select s) {
        int[] from = s.from();
        int[] offset = new int[from.length];
        String in = null;
        NodeProto.Builder concat = NodeProto.newBuilder().setOpType("Concat").addAttribute(intAttr("axis", 1));
        int total = 0;
        for (int k = 0; k < from.length; k++) {
            offset[k] = total;
            total += net.sizeOf(from[k]);
            in = shaped(from[k], new long[] {1, net.sizeOf(from[k])}, s.name());
            concat.addInput(in);
        }
        if (from.length > 1) {
            in = fresh(s.name() + "/concat");
            g.addNode(concat.setName(in).addOutput(in));
        }
        int[] source = s.sources();
        int[] position = s.positions();
        String indices = fresh(s.name() + "/indices");
        TensorProto.Builder t = TensorProto.newBuilder().setName(indices)
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(source.length);
        for (int i = 0; i < source.length; i++) {
            t.addInt64Data(offset[source[i]] + position[i]);
        }
        g.addInitializer(t);
        g.addNode(NodeProto.newBuilder().setOpType("Gather").setName(s.name()).addInput(in).addInput(indices)
                .addOutput(s.name()).addAttribute(intAttr("axis", 1)));
        return new long[] {1, s.size()};
    }

    /** The tensor of node j in the given shape: its own, or a Reshape of it (named after the reader). */
    private String shaped(int j, long[] dims, String reader) {
        String name = net.nameOf(j);
        if (Arrays.equals(shapes[j + 1], dims)) {
            return name;
        }
        String out = fresh(reader + "/" + name + "/reshaped");
        String target = fresh(out + "/shape");
        TensorProto.Builder t = TensorProto.newBuilder().setName(target).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(dims.length);
        for (long d : dims) {
            t.addInt64Data(d);
        }
        g.addInitializer(t);
        g.addNode(NodeProto.newBuilder().setOpType("Reshape").setName(out).addInput(name).addInput(target)
                .addOutput(out));
        return out;
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto intsAttr(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    private String fresh(String wanted) {
        String name = wanted;
        for (int k = 2; !used.add(name); k++) {
            name = wanted + "_" + k;
        }
        return name;
    }

    private TensorProto tensor(String name, long[] dims, double[] data) {
        boolean single = elemType == TensorProto.DataType.FLOAT_VALUE;
        ByteBuffer buf = ByteBuffer.allocate((single ? 4 : 8) * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) {
            if (single) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        buf.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(elemType).setRawData(ByteString.copyFrom(buf));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(elemType).setShape(shape)))
                .build();
    }
}
