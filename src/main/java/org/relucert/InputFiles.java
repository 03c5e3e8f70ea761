package org.relucert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads input files, un-gzipping them transparently: a file whose first two bytes are the gzip magic
 * number (as VNN-COMP's {@code .onnx.gz} and {@code .vnnlib.gz}) is decompressed, whatever its name; a
 * missing file {@code F} is read from {@code F.gz} when that exists (VNN-COMP's instances.csv names the
 * unzipped files of benchmarks shipped gzipped). Every failure is an {@link InvalidInputException} naming
 * the file.
 */
public final class InputFiles {
    /** Largest decompressed size read (2 GiB, the limit of a Java array). */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private InputFiles() {
    }

    /** The file's bytes, decompressed if it is gzipped. */
    public static byte[] readBytes(Path file) {
        byte[] raw;
        try {
            Path zipped = file.resolveSibling(file.getFileName() + ".gz");
            Path actual = !Files.exists(file) && Files.isRegularFile(zipped) ? zipped : file;
            Limits.checkFileSize(file, Files.size(actual));
            raw = Files.readAllBytes(actual);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException | OutOfMemoryError e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
        if (!isGzip(raw)) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            byte[] out = in.readNBytes((int) MAX_BYTES);
            if (in.read() >= 0) {
                throw new InvalidInputException(file + ": decompresses to more than 2 GiB");
            }
            Limits.checkFileSize(file, out.length);
            return out;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a valid gzip file (" + e.getMessage() + ")");
        }
    }

    /** The file's text (UTF-8), decompressed if it is gzipped; invalid UTF-8 is an error naming the file. */
    public static String readString(Path file) {
        byte[] bytes = readBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not a UTF-8 text file (" + e.getMessage() + ")");
        }
    }

    /** The file name without a trailing ".gz" (any case), lower-cased: what decides the file's format. */
    public static String formatName(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return s.endsWith(".gz") ? s.substring(0, s.length() - 3) : s;
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }
}
