package org.relucert.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.LinearBounds;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.io.BoxParser;
import org.relucert.io.NetworkFiles;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.PrecisionSearch;
import org.relucert.spec.Property;
import org.relucert.verify.Verdict;
import org.relucert.verify.Verifier;

/**
 * The entry point of the library: every method is static, thread-safe and reports a user's mistake as
 * an {@link InvalidInputException} with a one-line message naming the file, field or value.
 *
 * <pre>{@code
 * Network net = Relucert.network(Path.of("net.onnx"));               // .onnx, .json, also gzipped
 * Box ball = Relucert.ball(new double[] {0.5, 0.5}, 0.1, Relucert.box("0:1,0:1", 2));
 * BoundsResult r = Relucert.bounds(BoundsRequest.of(net, ball, "alpha-crown"));
 * double[] lower = r.lower(), upper = r.upper();                      // one entry per output
 * }</pre>
 */
public final class Relucert {
    private Relucert() {
    }

    /** Reads a network: relucert-net/1 JSON, or ONNX when the name ends in ".onnx"; gzipped files too. */
    public static Network network(Path file) {
        return NetworkFiles.read(file);
    }

    /** Reads a VNN-LIB property (gzipped or not). */
    public static Property property(Path file) {
        return VnnLibReader.read(file);
    }

    /** The box [lower, upper]. */
    public static Box box(double[] lower, double[] upper) {
        try {
            return new Box(lower, upper);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("box: " + e.getMessage());
        }
    }

    /** Parses a box "l1:u1,l2:u2,..." of {@code dim} dimensions. */
    public static Box box(String spec, int dim) {
        return BoxParser.parse(spec, dim);
    }

    /** The L-infinity ball of radius {@code eps} around {@code center}: every x with max_i |x_i - center_i| &lt;= eps. */
    public static Box ball(double[] center, double eps) {
        return ball(center, eps, null);
    }

    /**
     * The L-infinity ball of radius {@code eps} around {@code center}, intersected with {@code valid}
     * (e.g. the pixel range [0, 1]; {@code null} for none).
     *
     * @throws InvalidInputException when eps is negative or not finite, the sizes differ, or the center
     *                               lies outside the valid range
     */
    public static Box ball(double[] center, double eps, Box valid) {
        if (!(eps >= 0) || !Double.isFinite(eps)) {
            throw new InvalidInputException("--eps must be a finite number 0 or more, got " + eps);
        }
        if (valid != null && valid.dim() != center.length) {
            throw new InvalidInputException("--valid has " + valid.dim() + " dimensions, the center has "
                    + center.length);
        }
        double[] lo = new double[center.length];
        double[] hi = new double[center.length];
        for (int i = 0; i < center.length; i++) {
            lo[i] = center[i] - eps;
            hi[i] = center[i] + eps;
            if (valid != null) {
                if (center[i] < valid.lower()[i] || center[i] > valid.upper()[i]) {
                    throw new InvalidInputException("--center: entry " + (i + 1) + " = " + center[i]
                            + " lies outside the valid range [" + valid.lower()[i] + ", " + valid.upper()[i] + "]");
                }
                lo[i] = Math.max(lo[i], valid.lower()[i]);
                hi[i] = Math.min(hi[i], valid.upper()[i]);
            }
        }
        return box(lo, hi);
    }

    /** The domain names accepted by {@link BoundsRequest#domain()} ("name:ARG" for those with an argument). */
    public static List<String> domains() {
        return Domains.names();
    }

    /** Runs one domain on one request, without a time limit. */
    public static BoundsResult bounds(BoundsRequest request) {
        return bounds(request, Deadline.NONE);
    }

    /**
     * Runs one domain on one request within {@code deadline}: bounds that fell back because it passed are
     * sound but looser, and {@link BoundsResult#timeLimited()} says so.
     */
    public static BoundsResult bounds(BoundsRequest request, Deadline deadline) {
        Network net = request.network();
        if (request.box().dim() != net.inputSize()) {
            throw new InvalidInputException("the input box has " + request.box().dim()
                    + " dimensions but the network has " + net.inputSize() + " inputs");
        }
        Relaxation relaxation = Domains.parse(request.domain());
        Network target = request.rows() == null ? net : request.rows().appendTo(net);
        long t0 = System.nanoTime();
        Analysis a = relaxation.analyse(target, request.box(), deadline);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<NodeBounds> nodes = new ArrayList<>();
        Bounds[] all = a.nodes();
        for (int j = 0; all != null && j < net.nodes().size(); j++) {
            if (all[j] != null) {
                nodes.add(new NodeBounds(net.nameOf(j), all[j].lower(), all[j].upper()));
            }
        }
        // the output is the appended row node when there are rows, so the flags are the rows' flags
        boolean[] lowerProven = new boolean[a.lower().length];
        boolean[] upperProven = new boolean[a.upper().length];
        for (int i = 0; i < lowerProven.length; i++) {
            lowerProven[i] = a.lowerProven(i);
            upperProven[i] = a.upperProven(i);
        }
        return new BoundsResult(relaxation.name(), a.lower(), a.upper(), nodes, lines(a.outputLines()), a.notes(),
                seconds, lowerProven, upperProven);
    }

    /**
     * Bounds of the output constraint rows c_i·y - d_i of every case of a VNN-LIB property over the case's
     * input box, each row folded in: one result per case, in the property's order. A lower bound above 0
     * on some row proves that case cannot be satisfied. A case without output constraints gets a result
     * with no rows.
     */
    public static List<BoundsResult> bounds(Network net, Property property, String domain) {
        return bounds(net, property, domain, Deadline.NONE);
    }

    /** As {@link #bounds(Network, Property, String)}, every case within {@code deadline}. */
    public static List<BoundsResult> bounds(Network net, Property property, String domain, Deadline deadline) {
        if (property.outputs() != net.outputSize()) {
            throw new InvalidInputException("the property declares " + property.outputs()
                    + " outputs (Y_j) but the network has " + net.outputSize());
        }
        List<BoundsResult> out = new ArrayList<>();
        for (Property.Case cs : property.cases()) {
            if (cs.c().length == 0) {
                out.add(new BoundsResult(Domains.parse(domain).name(), new double[0], new double[0], List.of(), null,
                        List.of("this case constrains no output: every output is in its unsafe set"), 0));
            } else {
                out.add(bounds(new BoundsRequest(net, cs.input(), new OutputRows(cs.c(), cs.d()), domain), deadline));
            }
        }
        return out;
    }

    /**
     * Decides a VNN-LIB property (falsification, then branch and bound with optimised slopes) within
     * {@code timeoutSeconds}; a "sat" verdict carries a counterexample checked by a forward pass.
     */
    public static Verdict verify(Network net, Property property, double timeoutSeconds) {
        return verify(net, property, timeoutSeconds, Progress.NONE);
    }

    /** As {@link #verify(Network, Property, double)}, telling {@code progress} the share decided, as (f, 1). */
    public static Verdict verify(Network net, Property property, double timeoutSeconds, Progress progress) {
        if (!(timeoutSeconds > 0)) {
            throw new InvalidInputException("the time limit must be positive, got " + timeoutSeconds);
        }
        return Verifier.verify(net, property, Verifier.Options.defaults(timeoutSeconds), progress);
    }

    /**
     * Searches the boxes inside {@code over} for the one where {@code domain}'s bound of output
     * {@code output} is furthest from the exact range: "imprecise" with a re-checked witness box, or
     * "no gap found" in the boxes checked (never a proof of precision).
     */
    public static PrecisionSearch.Result precision(Network net, String domain, Box over, int output, int budget,
                                                   long seed) {
        return precision(net, domain, over, output, budget, seed, Progress.NONE);
    }

    /**
     * As {@link #precision(Network, String, Box, int, int, long)}, telling {@code progress} the boxes handled
     * of the budget.
     */
    public static PrecisionSearch.Result precision(Network net, String domain, Box over, int output, int budget,
                                                   long seed, Progress progress) {
        if (output < 0 || output >= net.outputSize()) {
            throw new InvalidInputException("output index " + output + " out of range: the network has "
                    + net.outputSize() + " outputs");
        }
        PrecisionSearch.Options options = PrecisionSearch.Options.defaults().withOutput(output).withBudget(budget)
                .withSeed(seed);
        return new PrecisionSearch(net, Domains.parse(domain), over, options).reporting(progress).run();
    }

    private static InputLines lines(LinearBounds lb) {
        if (lb == null) {
            return null;
        }
        int rows = lb.rows();
        double[][] lc = new double[rows][];
        double[][] uc = new double[rows][];
        for (int r = 0; r < rows; r++) {
            lc[r] = lb.lowerRow(r);
            uc[r] = lb.upperRow(r);
        }
        return new InputLines(lc, lb.lowerConst().clone(), uc, lb.upperConst().clone());
    }
}
