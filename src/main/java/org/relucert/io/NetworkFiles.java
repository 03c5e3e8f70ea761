package org.relucert.io;

import java.nio.file.Path;
import org.relucert.net.Network;

/** Loads a network from a file, choosing the reader by the file name's ending. */
public final class NetworkFiles {
    private NetworkFiles() {
    }

    /** Reads an ONNX model (ending ".onnx", any case) or else a relucert-net/1 JSON file. */
    public static Network read(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            return org.relucert.io.onnx.OnnxReader.read(file);
        }
        return NetJson.read(file);
    }
}
