package org.relucert.io.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Writes a {@link Network} as an ONNX model (IR version 7, opset 13) in double precision: the input
 * "input" has shape [1, n]; each affine node becomes a Gemm (transB=1, weight [out, in] and bias as
 * DOUBLE initializers in raw_data) named after the node, preceded by a Concat on axis 1 when it reads
 * several sources; each ReLU node becomes a Relu. Tensor names are the node names, so reading the
 * model back with {@link OnnxReader} gives the same node names.
 */
public final class OnnxWriter {
    /** ONNX IR version written. */
    public static final long IR_VERSION = 7;
    /** Default-domain opset written. */
    public static final long OPSET = 13;

    private OnnxWriter() {
    }

    /** The model for a network. */
    public static ModelProto toModel(Network net) {
        Set<String> used = new HashSet<>();
        used.add(Network.INPUT_NAME);
        for (Node n : net.nodes()) {
            used.add(n.name());
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("relucert");
        g.addInput(valueInfo(Network.INPUT_NAME, net.inputSize()));
        for (Node n : net.nodes()) {
            if (n instanceof Relu r) {
                g.addNode(NodeProto.newBuilder().setOpType("Relu").setName(r.name())
                        .addInput(net.nameOf(r.source())).addOutput(r.name()));
            } else {
                addAffine(g, net, (Affine) n, used);
            }
        }
        g.addOutput(valueInfo(net.nameOf(net.output()), net.outputSize()));
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
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, toModel(net).toByteArray());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write: " + e.getMessage());
        }
    }

    private static void addAffine(GraphProto.Builder g, Network net, Affine a, Set<String> used) {
        int[] from = a.from();
        String in;
        if (from.length == 1) {
            in = net.nameOf(from[0]);
        } else {
            in = fresh(a.name() + "/concat", used);
            NodeProto.Builder concat = NodeProto.newBuilder().setOpType("Concat").setName(in).addOutput(in)
                    .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                            .setI(1));
            for (int f : from) {
                concat.addInput(net.nameOf(f));
            }
            g.addNode(concat);
        }
        String w = fresh(a.name() + "/weight", used);
        String b = fresh(a.name() + "/bias", used);
        g.addInitializer(tensor(w, new long[] {a.size(), a.inputWidth()}, a.weight()));
        g.addInitializer(tensor(b, new long[] {a.size()}, a.bias()));
        g.addNode(NodeProto.newBuilder().setOpType("Gemm").setName(a.name())
                .addInput(in).addInput(w).addInput(b).addOutput(a.name())
                .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT)
                        .setI(1)));
    }

    private static String fresh(String wanted, Set<String> used) {
        String name = wanted;
        for (int k = 2; !used.add(name); k++) {
            name = wanted + "_" + k;
        }
        return name;
    }

    private static TensorProto tensor(String name, long[] dims, double[] data) {
        ByteBuffer buf = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) {
            buf.putDouble(v);
        }
        buf.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.DOUBLE_VALUE).setRawData(ByteString.copyFrom(buf));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name, int size) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size))
                .build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.DOUBLE_VALUE).setShape(shape)))
                .build();
    }
}
