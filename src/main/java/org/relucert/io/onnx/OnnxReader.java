package org.relucert.io.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import org.relucert.InputFiles;
import org.relucert.InvalidInputException;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.net.Network;

/**
 * Reads ONNX models of feed-forward ReLU networks into the relucert {@link Network} model.
 *
 * <p>Supported operators (default ONNX domain): Gemm (alpha, beta, transA, transB), MatMul, Add, Sub,
 * Mul and Div where all but one operand are constant, Add and Sum of computed tensors of one shape (residual
 * connections), Relu, Conv (2-D and 1-D), BatchNormalization (inference), Pad (zero, constant mode),
 * AveragePool (count_include_pad 0 or 1, ceil_mode), GlobalAveragePool, MaxPool, Flatten, Reshape, Squeeze,
 * Unsqueeze, Transpose, Concat, Gather (constant indices), Constant, Identity
 * and Dropout ({@link Operators#SUPPORTED}). Tensors may be FLOAT or DOUBLE (INT32/INT64 for shapes), in
 * raw_data or the typed fields. Every linear operation is composed symbolically until a Relu, a convolution,
 * a residual sum or the graph output needs its value, so normalisation before the first layer and MatMul
 * followed by Add become one affine node, and a batch norm or per-channel normalisation folds into the
 * adjacent convolution; what cannot fold becomes a 1x1 depthwise Conv node, never a dense map of an image.
 *
 * <p>The graph must have one non-constant input and one output. The input tensor (for example
 * [1,5], [1,1,1,5], [1,784] or [1,1,28,28]; a symbolic leading batch dimension counts as 1) becomes
 * the network's input vector in ONNX's row-major order: entry i of the vector is entry i of the
 * tensor's flattened data, as in numpy's {@code reshape(-1)}. The output is flattened the same way.
 */
public final class OnnxReader {
    private OnnxReader() {
    }

    /** Reads an ONNX file, gzipped or not ({@link InputFiles}). @throws InvalidInputException naming the file (and node) on any problem */
    public static Network read(Path file) {
        return parse(InputFiles.readBytes(file), file.toString());
    }

    /** Decodes a serialised model; {@code source} names it in error messages. */
    public static Network parse(byte[] bytes, String source) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(source + ": not a valid ONNX model (protobuf decoding failed: "
                    + e.getMessage() + ")");
        }
        return toNetwork(model, source);
    }

    /** Maps a decoded model to a network; {@code source} names it in error messages. */
    public static Network toNetwork(ModelProto model, String source) {
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new InvalidInputException(source + ": not a usable ONNX model (no graph or no nodes)");
        }
        try {
            return new GraphLowering(source, model.getGraph()).network();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }
}
