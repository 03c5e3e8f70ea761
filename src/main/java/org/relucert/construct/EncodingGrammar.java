package org.relucert.construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.relucert.net.Network;

/**
 * A grammar of ReLU encodings of a univariate CPWL function f on [a, b], for the encoding search
 * (docs/encoding-search.md). Every candidate computes f exactly (up to rounding).
 *
 * <p>Atoms for a function g: the one-layer forms (the base form and every Triangle orientation up to
 * {@link #MAX_ORIENTATION_KINKS} kinks, §5.4), the DP-0 and DP-1 minimal forms of a convex g and of -g for a
 * concave g (§5.2, §5.3), the clipped ramps of a monotone g (§5.1), the flip transform of the ramps and one
 * identity layer after the first ReLU of the base form and of the ramps. Composites, up to a depth:
 * <ul>
 * <li>{@code split[x..](..)}: f = sum of f_i - sum of f(s_k), f_i = f clamped to the i-th segment between the
 * split points s_k (at the local extrema: monotone pieces; at the changes of curvature: convex or concave
 * pieces; at every breakpoint; at each single breakpoint), each piece by a sub-encoding;</li>
 * <li>{@code dc(g, h)}: f = g - h with g, h convex (the positive and the negative jumps of f);</li>
 * <li>{@code max(g, h)} / {@code min(g, h)} at a local minimum / maximum x_k: g = f left of x_k continued
 * linearly, h = f right of x_k continued linearly, combined as h + R(g - h) or g - R(g - h) when the identity
 * holds on [a, b].</li>
 * </ul>
 * Products of sub-encodings above {@link #MAX_COMBINATIONS} are sampled with the seed.
 */
public final class EncodingGrammar {

    /** Most kinks for which all 2^n Triangle orientations are candidates. */
    public static final int MAX_ORIENTATION_KINKS = 6;
    /** Most combinations of sub-encodings per composite rule. */
    public static final int MAX_COMBINATIONS = 48;

    /** One candidate encoding: its name in the grammar and its network. */
    public record Candidate(String name, Network network) {
    }

    private final SplittableRandom random;

    private EncodingGrammar(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Every candidate up to {@code depth} levels of composites (0: atoms only), in a deterministic order. */
    public static List<Candidate> enumerate(Cpwl f, int depth, long seed) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        for (Candidate c : new EncodingGrammar(seed).encodings(f, depth)) {
            out.putIfAbsent(c.name(), c);
        }
        return List.copyOf(out.values());
    }

    private List<Candidate> encodings(Cpwl g, int depth) {
        List<Candidate> out = atoms(g);
        if (depth > 0 && g.kinks().length > 1) {
            for (double[] splits : splitSets(g)) {
                out.addAll(split(g, splits, depth - 1));
            }
            out.addAll(dc(g, depth - 1));
            out.addAll(maxMin(g, depth - 1));
        }
        return out;
    }

    /** The atoms of g. */
    static List<Candidate> atoms(Cpwl g) {
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate("base", UnivariateForms.base(g).toNetwork()));
        int n = g.kinks().length;
        if (n >= 1 && n <= MAX_ORIENTATION_KINKS) {
            for (String s : UnivariateForms.orientations(n)) {
                if (s.indexOf('-') >= 0) {
                    out.add(new Candidate("triangle[" + s + "]", UnivariateForms.oriented(g, s).toNetwork()));
                }
            }
        }
        Shape shape = g.shape();
        if (shape.convex()) {
            out.add(new Candidate("dp0", UnivariateForms.deepPoly0(g).toNetwork()));
            out.add(new Candidate("dp1", UnivariateForms.deepPoly1(g).toNetwork()));
        }
        if (shape.concave() && !shape.convex()) {
            out.add(new Candidate("-dp0(-f)", UnivariateForms.deepPoly0(g.negate()).negate().toNetwork()));
            out.add(new Candidate("-dp1(-f)", UnivariateForms.deepPoly1(g.negate()).negate().toNetwork()));
        }
        if (shape.monotone()) {
            Network ramps = ClippedRamps.network(g);
            out.add(new Candidate("ramps", ramps));
            if (firstRelu(ramps) != null) {
                out.add(new Candidate("flip(ramps)", FlipTransform.apply(ramps)));
                out.add(new Candidate("id(ramps)", IdentityLayers.apply(ramps, null, 1)));
            }
        }
        Network base = out.get(0).network();
        if (firstRelu(base) != null) {
            out.add(new Candidate("id(base)", IdentityLayers.apply(base, null, 1)));
        }
        return out;
    }

    private static String firstRelu(Network net) {
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.relu(j) != null) {
                return net.nameOf(j);
            }
        }
        return null;
    }

    /** Split-point sets: local extrema, curvature changes, every breakpoint, each single breakpoint. */
    private static List<double[]> splitSets(Cpwl g) {
        double[] k = g.kinks();
        List<Double> extrema = new ArrayList<>();
        List<Double> curvature = new ArrayList<>();
        for (int i = 0; i < k.length; i++) {
            double left = g.slope(i + 1);
            double right = g.slope(i + 2);
            if (left * right < 0 || (left == 0) != (right == 0)) {
                extrema.add(k[i]);
            }
            if (i > 0 && Math.signum(g.jump(i)) * Math.signum(g.jump(i + 1)) < 0) {
                curvature.add(k[i]);
            }
        }
        List<double[]> out = new ArrayList<>();
        addSet(out, extrema);
        addSet(out, curvature);
        out.add(k.clone());
        for (double x : k) {
            out.add(new double[] {x});
        }
        return out;
    }

    private static void addSet(List<double[]> out, List<Double> xs) {
        if (!xs.isEmpty()) {
            out.add(xs.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** f = sum of the clamped pieces minus f at the split points. */
    private List<Candidate> split(Cpwl g, double[] at, int depth) {
        List<Cpwl> pieces = new ArrayList<>();
        double lo = g.start();
        for (int i = 0; i <= at.length; i++) {
            double hi = i < at.length ? at[i] : g.end();
            pieces.add(Pieces.clamped(g, lo, hi));
            lo = hi;
        }
        double constant = 0;
        for (double x : at) {
            constant -= g.at(x);
        }
        List<List<Candidate>> options = new ArrayList<>();
        for (Cpwl p : pieces) {
            options.add(encodings(p, depth));
        }
        double[] weights = new double[pieces.size()];
        java.util.Arrays.fill(weights, 1);
        String label = "split" + points(at);
        List<Candidate> out = new ArrayList<>();
        for (List<Candidate> combo : combinations(options)) {
            out.add(new Candidate(label + "(" + names(combo) + ")", Combine.sum(networks(combo), weights, constant)));
        }
        return out;
    }

    /** f = g - h, g and h convex. */
    private List<Candidate> dc(Cpwl f, int depth) {
        double[] k = f.kinks();
        double[] gy = new double[f.xs().length];
        double[] hy = new double[gy.length];
        double[] xs = f.xs();
        for (int p = 0; p < xs.length; p++) {
            double g = f.ys()[0] + f.slope(1) * (xs[p] - xs[0]);
            double h = 0;
            for (int i = 0; i < k.length; i++) {
                double j = f.jump(i + 1);
                double r = Math.max(0, xs[p] - k[i]);
                if (j > 0) {
                    g += j * r;
                } else {
                    h -= j * r;
                }
            }
            gy[p] = g;
            hy[p] = h;
        }
        Cpwl g = Cpwl.of(xs, gy);
        Cpwl h = Cpwl.of(xs, hy);
        if (g.kinks().length == 0 || h.kinks().length == 0) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (List<Candidate> combo : combinations(List.of(encodings(g, depth), encodings(h, depth)))) {
            out.add(new Candidate("dc(" + names(combo) + ")", Combine.sum(networks(combo), new double[] {1, -1}, 0)));
        }
        return out;
    }

    /** max/min of the two linear continuations at each interior local extremum. */
    private List<Candidate> maxMin(Cpwl f, int depth) {
        List<Candidate> out = new ArrayList<>();
        double[] k = f.kinks();
        for (int i = 0; i < k.length; i++) {
            double left = f.slope(i + 1);
            double right = f.slope(i + 2);
            boolean isMax = left > 0 && right < 0;
            boolean isMin = left < 0 && right > 0;
            if (!isMax && !isMin) {
                continue;
            }
            Cpwl g = Pieces.continued(f, k[i], true);
            Cpwl h = Pieces.continued(f, k[i], false);
            if (!Pieces.combines(f, g, h, isMin)) {
                continue;
            }
            String op = isMin ? "max" : "min";
            for (List<Candidate> combo : combinations(List.of(encodings(g, depth), encodings(h, depth)))) {
                Network net = Combine.maxMin(combo.get(0).network(), combo.get(1).network(), isMin);
                out.add(new Candidate(op + "@" + num(k[i]) + "(" + names(combo) + ")", net));
            }
        }
        return out;
    }

    /** The product of the options, or MAX_COMBINATIONS of it sampled with the seed (the first always kept). */
    private List<List<Candidate>> combinations(List<List<Candidate>> options) {
        long total = 1;
        for (List<Candidate> o : options) {
            total = Math.min(Long.MAX_VALUE / 64, total * o.size());
        }
        List<List<Candidate>> out = new ArrayList<>();
        if (total <= MAX_COMBINATIONS) {
            for (long code = 0; code < total; code++) {
                out.add(decode(options, code));
            }
            return out;
        }
        out.add(decode(options, 0));
        for (int t = 1; t < MAX_COMBINATIONS; t++) {
            List<Candidate> combo = new ArrayList<>();
            for (List<Candidate> o : options) {
                combo.add(o.get(random.nextInt(o.size())));
            }
            out.add(combo);
        }
        return out;
    }

    private static List<Candidate> decode(List<List<Candidate>> options, long code) {
        List<Candidate> combo = new ArrayList<>();
        for (List<Candidate> o : options) {
            combo.add(o.get((int) (code % o.size())));
            code /= o.size();
        }
        return combo;
    }

    private static List<Network> networks(List<Candidate> combo) {
        return combo.stream().map(Candidate::network).toList();
    }

    private static String names(List<Candidate> combo) {
        return String.join(", ", combo.stream().map(Candidate::name).toList());
    }

    private static String points(double[] at) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < at.length; i++) {
            s.append(i > 0 ? "," : "").append(num(at[i]));
        }
        return s.append(']').toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
