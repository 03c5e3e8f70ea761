package org.relucert.io;

import java.nio.file.Path;
import org.relucert.InputFiles;
import org.relucert.net.Network;

/** Loads a network from a file, choosing the reader by the file name's ending. */
public final class NetworkFiles {
    private NetworkFiles() {
    }

    /**
     * Reads an ONNX model (ending ".onnx" or ".onnx.gz", any case) or else a relucert-net/1 JSON file;
     * gzipped files are decompressed ({@link InputFiles}).
     */
    public static Network read(Path file) {
        if (isOnnx(file)) {
            return org.relucert.io.onnx.OnnxReader.read(file);
        }
        return NetJson.read(file);
    }

    /** Writes an ONNX model (ending ".onnx", any case) or else a relucert-net/1 JSON file. */
    public static void write(Network net, Path file) {
        if (isOnnx(file)) {
            org.relucert.io.onnx.OnnxWriter.write(net, file);
        } else {
            NetJson.write(net, file);
        }
    }

    /** True when the file name ends with ".onnx" or ".onnx.gz" (any case). */
    public static boolean isOnnx(Path file) {
        return InputFiles.formatName(file).endsWith(".onnx");
    }
}
