package org.relucert.io.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;

/** The attributes of one ONNX node by name, with defaults. */
final class Attributes {
    private final Map<String, AttributeProto> map = new LinkedHashMap<>();

    Attributes(NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            map.put(a.getName(), a);
        }
    }

    boolean has(String name) {
        return map.containsKey(name);
    }

    AttributeProto get(String name) {
        return map.get(name);
    }

    long i(String name, long fallback) {
        AttributeProto a = map.get(name);
        return a == null ? fallback : a.getI();
    }

    double f(String name, double fallback) {
        AttributeProto a = map.get(name);
        return a == null ? fallback : a.getF();
    }

    String s(String name, String fallback) {
        AttributeProto a = map.get(name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** The integers of a list attribute, or null when it is absent. */
    long[] ints(String name) {
        AttributeProto a = map.get(name);
        if (a == null) {
            return null;
        }
        long[] out = new long[a.getIntsCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = a.getInts(k);
        }
        return out;
    }

    /** The integers of a list attribute of the given length, or {@code fallback} repeated when it is absent. */
    long[] ints(String name, int length, long fallback) {
        long[] v = ints(name);
        if (v == null) {
            v = new long[length];
            java.util.Arrays.fill(v, fallback);
        }
        if (v.length != length) {
            throw new IllegalArgumentException("attribute " + name + " has " + v.length + " entries, expected "
                    + length);
        }
        return v;
    }
}
