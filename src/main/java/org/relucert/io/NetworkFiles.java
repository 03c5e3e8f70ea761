package org.relucert.io;

import java.nio.file.Path;
import org.relucert.net.Network;

/** Loads a network from a file, choosing the reader by the file name's ending. */
public final class NetworkFiles {
    private NetworkFiles() {
    }

    /** Reads a relucert-net/1 JSON file (any ending other than those listed below). */
    public static Network read(Path file) {
        return NetJson.read(file);
    }
}
