package org.relucert.io.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of valid files: bit and byte flips, inserted and deleted bytes, truncation, splicing of
 * two inputs, a chunk repeated many times (deep nesting, long lists), digit runs replaced by huge, negative
 * or non-finite numbers, and whole-input wrapping in deep brackets. One to four mutations per input.
 */
final class Mutator {
    private static final String[] NUMBERS = {"0", "-1", "1e308", "-1e308", "1e309", "NaN", "Infinity", "2147483648",
            "4294967296", "99999999999999999999", "1e-320", "-0", "65536", "1000000000", "9223372036854775807"};
    private static final String[] TOKENS = {"[", "]", "{", "}", "(", ")", ",", ":", "\"", "\\", "\u0000", "\uFFFF",
            "(assert", "(declare-const X_2147483647 Real)", "(or", "(and", "\"op\":", "\"from\":", "1e400"};

    private final SplittableRandom rnd;
    private final List<byte[]> corpus;

    Mutator(long seed, List<byte[]> corpus) {
        this.rnd = new SplittableRandom(seed);
        this.corpus = corpus;
    }

    byte[] next() {
        byte[] b = corpus.get(rnd.nextInt(corpus.size())).clone();
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            b = mutate(b);
        }
        return b;
    }

    private byte[] mutate(byte[] b) {
        if (b.length == 0) {
            return new byte[] {(byte) rnd.nextInt(256)};
        }
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(10)) {
            case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[at] = (byte) rnd.nextInt(256);
            case 2 -> {
                return splice(b, at, rnd.nextInt(Math.min(16, b.length - at) + 1), bytes(TOKENS[rnd.nextInt(TOKENS.length)]));
            }
            case 3 -> {
                return java.util.Arrays.copyOf(b, at);
            }
            case 4 -> {
                byte[] other = corpus.get(rnd.nextInt(corpus.size()));
                int from = rnd.nextInt(other.length + 1);
                byte[] head = java.util.Arrays.copyOf(b, at);
                byte[] tail = java.util.Arrays.copyOfRange(other, from, other.length);
                return concat(head, tail);
            }
            case 5 -> {
                int len = 1 + rnd.nextInt(Math.min(32, b.length - at));
                byte[] chunk = java.util.Arrays.copyOfRange(b, at, at + len);
                int times = 1 << (4 + rnd.nextInt(11));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                for (int t = 0; t < times; t++) {
                    out.write(chunk, 0, chunk.length);
                }
                out.write(b, at, b.length - at);
                return out.toByteArray();
            }
            case 6, 7 -> {
                int start = at;
                while (start < b.length && !Character.isDigit(b[start])) {
                    start++;
                }
                int end = start;
                while (end < b.length && (Character.isDigit(b[end]) || b[end] == '.' || b[end] == 'e' || b[end] == '-')) {
                    end++;
                }
                return splice(b, start, end - start, bytes(NUMBERS[rnd.nextInt(NUMBERS.length)]));
            }
            case 8 -> {
                int depth = 1 << (3 + rnd.nextInt(15));
                String open = rnd.nextBoolean() ? "[" : rnd.nextBoolean() ? "{\"a\":" : "(";
                String close = open.equals("[") ? "]" : open.equals("(") ? ")" : "}";
                return concat(bytes(open.repeat(depth)), concat(b, bytes(close.repeat(depth))));
            }
            default -> {
                int len = rnd.nextInt(Math.min(64, b.length - at) + 1);
                return splice(b, at, len, new byte[0]);
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
