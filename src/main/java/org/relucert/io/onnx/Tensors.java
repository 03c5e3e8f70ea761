package org.relucert.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.relucert.Limits;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto.DataType;

/** Decodes ONNX tensors (float, double, int32, int64; typed fields or little-endian raw_data) to doubles. */
final class Tensors {
    private Tensors() {
    }

    /** Number of entries of a shape (1 for a scalar). */
    /** Entries of a tensor; refused beyond {@link Limits#maxEntries()} or on overflow (IllegalArgumentException). */
    static long count(long[] shape) {
        return Limits.entries(shape);
    }

    static long[] shape(TensorProto t) {
        long[] s = new long[t.getDimsCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.getDims(i);
        }
        return s;
    }

    /**
     * The entries in row-major order.
     *
     * @throws IllegalArgumentException with a message saying what is wrong (the caller names the tensor)
     */
    static double[] values(TensorProto t) {
        long[] shape = shape(t);
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + java.util.Arrays.toString(shape));
            }
        }
        long n = count(shape);
        if (n > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("tensor too large (" + n + " entries)");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException("external tensor data is not supported (store the data inside the model)");
        }
        DataType type = DataType.forNumber(t.getDataType());
        if (type == null) {
            throw new IllegalArgumentException("unknown data type " + t.getDataType());
        }
        double[] out = switch (type) {
            case FLOAT -> !t.getRawData().isEmpty() ? raw(t, 4, (b, i) -> b.getFloat(i * 4)) : floats(t);
            case DOUBLE -> !t.getRawData().isEmpty() ? raw(t, 8, (b, i) -> b.getDouble(i * 8)) : doubles(t);
            case INT64 -> !t.getRawData().isEmpty() ? raw(t, 8, (b, i) -> b.getLong(i * 8)) : int64s(t);
            case INT32 -> !t.getRawData().isEmpty() ? raw(t, 4, (b, i) -> b.getInt(i * 4)) : int32s(t);
            default -> throw new IllegalArgumentException("data type " + type
                    + " is not supported (expected FLOAT, DOUBLE, INT32 or INT64)");
        };
        if (out.length != n) {
            throw new IllegalArgumentException("holds " + out.length + " values but its shape "
                    + java.util.Arrays.toString(shape) + " needs " + n);
        }
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("entry " + i + " is " + out[i] + "; weights and constants must be"
                        + " finite numbers");
            }
        }
        return out;
    }

    private interface Reader {
        double get(ByteBuffer b, int i);
    }

    private static double[] raw(TensorProto t, int width, Reader reader) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int bytes = b.remaining();
        if (bytes % width != 0) {
            throw new IllegalArgumentException("raw_data has " + bytes + " bytes, not a multiple of " + width);
        }
        b = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[bytes / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = reader.get(b, i);
        }
        return out;
    }

    private static double[] floats(TensorProto t) {
        double[] out = new double[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    private static double[] doubles(TensorProto t) {
        double[] out = new double[t.getDoubleDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getDoubleData(i);
        }
        return out;
    }

    private static double[] int64s(TensorProto t) {
        double[] out = new double[t.getInt64DataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getInt64Data(i);
        }
        return out;
    }

    private static double[] int32s(TensorProto t) {
        double[] out = new double[t.getInt32DataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getInt32Data(i);
        }
        return out;
    }
}
