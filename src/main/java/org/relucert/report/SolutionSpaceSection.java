package org.relucert.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.construct.Cpwl;
import org.relucert.construct.RandomFunctions;
import org.relucert.construct.Encoders;
import org.relucert.construct.Encoding;
import org.relucert.construct.UnivariateForms;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The solution-space count (P1 T2/T4, THEORY.md §4.2, §5.4): for random convex f with n = 1..N kinks, how many of
 * the 2^n one-neuron-per-kink orientations show no gap under DP-0, DP-1 and Triangle, plus whether the T2 minimal
 * DP-0 form (and its DP-1 flip) shows none.
 */
final class SolutionSpaceSection {
    static final List<String> DOMAINS = List.of("deeppoly0", "deeppoly1", "triangle");
    static final double TOLERANCE = 1e-7;

    private SolutionSpaceSection() {
    }

    static Section run(PaperSettings settings, Path dir) {
        List<Claim> claims = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        int nMax = settings.maxBreakpoints();
        double[] ns = new double[nMax];
        double[][] counts = new double[DOMAINS.size() + 1][nMax];
        double[][] endCounts = new double[DOMAINS.size()][nMax];
        for (int n = 1; n <= nMax; n++) {
            ns[n - 1] = n;
            counts[DOMAINS.size()][n - 1] = 1 << n;
            Cpwl kinked = RandomFunctions.convex(settings.seed() + n, n);
            Cpwl increasing = tilted(kinked);
            countRow(n, increasing, settings, rows, claims, endCounts);
            countRow(n, kinked, settings, rows, claims, counts);
        }
        List<Charts.Series> series = new ArrayList<>();
        for (int k = 0; k < DOMAINS.size(); k++) {
            double[] y = counts[k].clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(y[i], 0.5);
            }
            series.add(new Charts.Series(DOMAINS.get(k) + ", random f (0 drawn as 0.5)", ns, y));
            series.add(new Charts.Series(DOMAINS.get(k) + ", increasing f", ns, endCounts[k]));
        }
        series.add(new Charts.Series("2^n", ns, counts[DOMAINS.size()]));
        Charts.lines(dir.resolve("solution_space.png"), "Orientations without a gap, random convex f with n kinks", "n",
                "orientations", series, true);
        StringBuilder md = new StringBuilder();
        md.append("For each n, a random convex f with n kinks (`RandomFunctions.convex(seed + n, n)`) and the same f "
                + "tilted by a linear term so that it is increasing (minimiser at the left end); for each, its 2^n "
                + "one-neuron-per-kink networks b + c·x + Σ γ_i R(σ_i (x - x_i)) (§5.4), each checked on "
                + "every interval between two of {the ends, the midpoints of the pieces} ((n + 3)(n + 2)/2 boxes) plus "
                + settings.orientationBoxes() + " random sub-intervals (seed " + settings.seed() + ", relative tolerance "
                + TOLERANCE + "; the same boxes for every orientation of f). An orientation counts when no box shows a gap "
                + "(evidence, not proof). The last column checks the T2 minimal DP-0 form (n + 1 neurons when the "
                + "minimiser is a kink) under deeppoly0 and its flip under deeppoly1 on the same number of boxes.\n\n");
        md.append(Markdown.table(List.of("n", "f (kinks; slopes)", "minimiser", "2^n", "boxes per network", "deeppoly0", "deeppoly1", "triangle",
                "T2 form DP-0 / flip DP-1"), rows)).append('\n');
        md.append("Expected counts, one neuron per kink: Triangle 2^n (T4). DP-0 and DP-1: the issue's \"1\" counts the "
                + "unique minimal network of T2; among the orientations it appears only when the minimiser is a domain "
                + "end or a flat piece (then the end neuron is stable and acts as the linear term). When the minimiser "
                + "is a kink, T2's network needs two neurons there and no orientation is DP-0- or DP-1-precise "
                + "([derived], THEORY.md §5.4: none of the four f3 networks is); the unique precise network is then the "
                + "T2 form of the last column.\n\n");
        md.append("![solution space](solution_space.png)\n");
        return new Section("Solution-space count (P1 T2, T3, T4; THEORY.md §5.2-§5.4)", md.toString(), claims);
    }

    private static void countRow(int n, Cpwl f, PaperSettings settings, List<List<String>> rows, List<Claim> claims,
                                 double[][] counts) {
        boolean kinkMinimiser = minimiserAtKink(f);
        int expectedSingle = kinkMinimiser ? 0 : 1;
        List<double[]> boxes = boxes(f, settings);
        List<String> row = new ArrayList<>(List.of(Integer.toString(n), describe(f), kinkMinimiser ? "kink" : "end or flat",
                Integer.toString(1 << n), Integer.toString(boxes.size())));
        for (int k = 0; k < DOMAINS.size(); k++) {
            String dom = DOMAINS.get(k);
            List<String> withoutGap = withoutGap(f, Domains.parse(dom), boxes);
            int got = withoutGap.size();
            counts[k][n - 1] = got;
            String which = got > 0 && got <= 2 ? " " + withoutGap : "";
            row.add(got + which);
            int expected = dom.equals("triangle") ? 1 << n : expectedSingle;
            claims.add(new Claim(dom + ": orientations without gap, n = " + n + ", minimiser "
                    + (kinkMinimiser ? "at a kink" : "not at a kink") + (dom.equals("triangle") ? " (T4: all 2^n)"
                    : kinkMinimiser ? " (T2 [derived]: none; the T2 network has two neurons at the kink)"
                    : " (T2/T3: exactly one)"), Integer.toString(expected), Integer.toString(got), got == expected));
        }
        boolean dp0 = noGap(f, UnivariateForms.deepPoly0(f).toNetwork(), Domains.parse("deeppoly0"), boxes);
        boolean dp1 = noGap(f, UnivariateForms.deepPoly1(f).toNetwork(), Domains.parse("deeppoly1"), boxes);
        row.add((dp0 ? "no gap" : "GAP") + " / " + (dp1 ? "no gap" : "GAP"));
        claims.add(new Claim("T2 minimal DP-0 form under deeppoly0 and its flip under deeppoly1, n = " + n
                + (kinkMinimiser ? ", minimiser at a kink" : ", increasing f") + " (the one precise network of T2/T3)",
                "no gap / no gap", (dp0 ? "no gap" : "gap") + " / " + (dp1 ? "no gap" : "gap"), dp0 && dp1));
        rows.add(row);
    }

    /** f plus a linear term that makes every slope at least 0.5 (so the minimiser is the left end). */
    static Cpwl tilted(Cpwl f) {
        double add = Math.max(0, 0.5 - f.slope(1));
        double[] ys = f.ys().clone();
        for (int i = 0; i < ys.length; i++) {
            ys[i] += add * f.xs()[i];
        }
        return Cpwl.of(f.xs().clone(), ys);
    }

    /** "kinks -1.2, 0.3; slopes -2, 0.5, 1.5" with 3 decimals. */
    static String describe(Cpwl f) {
        StringBuilder s = new StringBuilder("kinks ");
        double[] k = f.kinks();
        for (int i = 0; i < k.length; i++) {
            s.append(i > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.3f", k[i]));
        }
        s.append("; slopes ");
        for (int i = 1; i <= f.pieces(); i++) {
            s.append(i > 1 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.3f", f.slope(i)));
        }
        return s.append(" on [").append(String.format(java.util.Locale.ROOT, "%.3f, %.3f", f.start(), f.end())).append(']')
                .toString();
    }

    /** True when some interior kink has a negative slope on its left and a positive one on its right. */
    static boolean minimiserAtKink(Cpwl f) {
        for (int i = 1; i < f.pieces(); i++) {
            if (f.slope(i) < 0 && f.slope(i + 1) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The orientations of f (§5.4) with no gap on any of the boxes. */
    static List<String> withoutGap(Cpwl f, Relaxation r, List<double[]> boxes) {
        List<Encoding> all = Encoders.triangleOrientations(f);
        List<String> signs = UnivariateForms.orientations(f.kinks().length);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (noGap(f, all.get(k).network(), r, boxes)) {
                out.add(signs.get(k));
            }
        }
        return out;
    }

    /**
     * Every interval between two of {ends, midpoints of the pieces} (each such interval contains whole kinks with room
     * on both sides), then the given number of random sub-intervals.
     */
    static List<double[]> boxes(Cpwl f, PaperSettings s) {
        List<Double> points = new ArrayList<>();
        points.add(f.start());
        for (int i = 0; i + 1 < f.xs().length; i++) {
            points.add(0.5 * (f.xs()[i] + f.xs()[i + 1]));
        }
        points.add(f.end());
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            for (int j = i + 1; j < points.size(); j++) {
                out.add(new double[] {points.get(i), points.get(j)});
            }
        }
        SplittableRandom rnd = new SplittableRandom(s.seed());
        for (int k = 0; k < s.orientationBoxes(); k++) {
            out.add(RandomFunctions.subInterval(f, rnd));
        }
        return out;
    }

    private static boolean noGap(Cpwl f, Network net, Relaxation r, List<double[]> boxes) {
        for (double[] lu : boxes) {
            double[] exact = f.range(lu[0], lu[1]);
            Analysis a = Evidence.analyse(r, net, new Box(new double[] {lu[0]}, new double[] {lu[1]}));
            if (a.lower()[0] < exact[0] - TOLERANCE * Math.max(1, Math.abs(exact[0]))
                    || a.upper()[0] > exact[1] + TOLERANCE * Math.max(1, Math.abs(exact[1]))) {
                return false;
            }
        }
        return true;
    }
}
