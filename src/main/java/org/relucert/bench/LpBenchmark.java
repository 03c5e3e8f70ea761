package org.relucert.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.exact.MilpExact;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.relax.LpModel;

/**
 * The LP benchmark behind {@code relucert bench lp}: median seconds of triangle, multi:2, layer and
 * exact on seeded random fully connected networks, triangle on an ACAS Xu-shaped network
 * (5-50x6-5), and LP solves per second. The MILP gets {@value #EXACT_SECONDS} s per solve here; a solve
 * that hits the limit shows as a note. Prints; asserts nothing.
 */
public final class LpBenchmark {

    /** One network shape: input size, hidden widths, output size, and the domains to time. */
    public record Shape(int inputs, int[] hidden, int outputs, List<String> domains) {
        String label() {
            StringBuilder sb = new StringBuilder().append(inputs);
            for (int h : hidden) {
                sb.append('-').append(h);
            }
            return sb.append('-').append(outputs).toString();
        }
    }

    /** Whole-layer hulls beyond width 8 get a lower pattern limit so that the benchmark ends. */
    private static final List<String> WIDE = List.of("triangle", "multi:2", "layer:patterns=256", "exact");

    /** The default shapes: input 2-5, 2-4 hidden layers of width 8-50, and the ACAS Xu shape. */
    public static List<Shape> defaultShapes() {
        return List.of(
                new Shape(5, new int[] {50, 50, 50, 50, 50, 50}, 5, List.of("triangle", "triangle-dp")),
                new Shape(2, new int[] {8, 8}, 1, List.of("triangle", "multi:2", "layer", "exact")),
                new Shape(3, new int[] {20, 20, 20}, 1, WIDE),
                new Shape(4, new int[] {30, 30}, 2, WIDE),
                new Shape(5, new int[] {50, 50, 50, 50}, 1, List.of("triangle", "multi:2", "exact")));
    }

    /** Per-solve MILP time limit of the benchmark; a solve that hits it is counted in the notes column. */
    static final double EXACT_SECONDS = 60;

    private LpBenchmark() {
    }

    /** {@link #run(PrintWriter, List, int, Deadline)} without a time limit. */
    public static void run(PrintWriter out, List<Shape> shapes, int repeats) {
        run(out, shapes, repeats, Deadline.NONE);
    }

    /**
     * Runs every shape on {@code repeats} seeded network/box pairs and prints one line per domain. A shape/domain
     * pair not started before {@code deadline} is skipped; a running one gets the deadline (its analyses end with
     * sound looser bounds, counted in the notes column).
     *
     * @return the pairs skipped, as "shape domain"
     */
    public static List<String> run(PrintWriter out, List<Shape> shapes, int repeats, Deadline deadline) {
        return run(out, shapes, repeats, deadline, Progress.NONE);
    }

    /**
     * {@link #run(PrintWriter, List, int, Deadline)}, telling {@code pairsDone} the number of shape/domain pairs
     * handled (run or skipped), of all pairs, after each.
     */
    public static List<String> run(PrintWriter out, List<Shape> shapes, int repeats, Deadline deadline,
                                   Progress pairsDone) {
        List<String> skipped = new ArrayList<>();
        if (deadline.expired()) {
            shapes.forEach(s -> s.domains().forEach(d -> skipped.add(s.label() + " " + d)));
            return skipped;
        }
        // Warm-up: loads the native solver libraries outside the timings.
        Domains.parse("exact").analyse(RandomNetworks.fullyConnected(1, 2, new int[] {4}, 1), Box.cube(2, -1, 1));
        out.printf("%-22s %-12s %10s %10s %12s  %s%n", "network", "domain", "median s", "max s", "LP solves/s", "notes");
        int done = 0;
        int pairs = shapes.stream().mapToInt(s -> s.domains().size()).sum();
        for (Shape shape : shapes) {
            for (String domain : shape.domains()) {
                if (deadline.expired()) {
                    skipped.add(shape.label() + " " + domain);
                } else {
                    runOne(out, shape, domain, repeats, deadline);
                    out.flush();
                }
                pairsDone.update(++done, pairs);
            }
        }
        return skipped;
    }

    private static void runOne(PrintWriter out, Shape shape, String domain, int repeats, Deadline deadline) {
        Relaxation r = domain.equals("exact") ? new MilpExact(EXACT_SECONDS) : Domains.parse(domain);
        double[] times = new double[repeats];
        long solves = 0;
        double total = 0;
        int notes = 0;
        int limited = 0;
        String refused = null;
        for (int k = 0; k < repeats; k++) {
            Network net = RandomNetworks.fullyConnected(1000 + k, shape.inputs(), shape.hidden(), shape.outputs());
            Box box = RandomNetworks.box(2000 + k, shape.inputs(), 1.0);
            long s0 = LpModel.solveCount();
            long t0 = System.nanoTime();
            try {
                Analysis a = r.analyse(net, box, deadline);
                notes += a.notes().size();
                limited += a.timeLimited() ? 1 : 0;
            } catch (InvalidInputException e) {
                refused = e.getMessage();
            }
            times[k] = (System.nanoTime() - t0) / 1e9;
            total += times[k];
            solves += LpModel.solveCount() - s0;
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        String rate = solves == 0 ? "-" : String.format("%.0f", solves / total);
        List<String> remarks = new ArrayList<>();
        if (notes > 0) {
            remarks.add(notes + " solver notes");
        }
        if (limited > 0) {
            remarks.add(limited + "/" + repeats + " runs hit the time limit (looser bounds, times cut short)");
        }
        if (refused != null) {
            remarks.add("refused: " + refused);
        }
        out.printf("%-22s %-12s %10.3f %10.3f %12s  %s%n", shape.label(), domain, sorted[repeats / 2], sorted[repeats - 1],
                rate, String.join("; ", remarks));
    }
}
