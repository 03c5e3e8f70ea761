package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The extended formulation of {@link DisjunctiveHull} against brute force: the maximum of a random
 * linear function over the hull must equal its maximum over the graph, which is attained at a vertex of
 * some linear piece, i.e. at an intersection of n of the hyperplanes bounding the box, the optional
 * cutting row and the kinks z_i = 0.
 */
class DisjunctiveHullMatchesVertexEnumerationTest {

    @ParameterizedTest
    @CsvSource({"1, 2, 1, false", "2, 2, 2, false", "3, 2, 3, false", "4, 3, 2, false", "5, 2, 2, true",
        "6, 3, 3, true", "7, 2, 4, false", "8, 3, 1, true"})
    void hullMaximaEqualGraphMaxima(long seed, int n, int g, boolean cut) {
        Random rnd = new Random(seed);
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int c = 0; c < n; c++) {
            lo[c] = -1 - rnd.nextDouble();
            hi[c] = 1 + rnd.nextDouble();
        }
        double[][] w = new double[g][n];
        double[] b = new double[g];
        for (int i = 0; i < g; i++) {
            for (int c = 0; c < n; c++) {
                w[i][c] = rnd.nextGaussian();
            }
            b[i] = 0.3 * rnd.nextGaussian();
        }
        double[] cutRow = new double[n];
        for (int c = 0; c < n; c++) {
            cutRow[c] = rnd.nextGaussian();
        }
        double cutUb = 0.2;
        try (LpModel m = new LpModel()) {
            int[] x = new int[n];
            for (int c = 0; c < n; c++) {
                x[c] = m.addVariable(lo[c], hi[c]);
            }
            int[] y = new int[g];
            for (int i = 0; i < g; i++) {
                y[i] = m.addVariable(0, 100);
            }
            List<LpModel.Row> rows = cut ? List.of(new LpModel.Row(x, cutRow, Double.NEGATIVE_INFINITY, cutUb)) : List.of();
            int patterns = DisjunctiveHull.add(m, new DisjunctiveHull.CoupledSet(x, lo, hi, rows),
                    new DisjunctiveHull.Group(w, b, y), 1 << 14, "test group");
            assertTrue(patterns >= 1 && patterns <= 1 << g);
            List<double[]> vertices = candidates(n, lo, hi, w, b, cut ? cutRow : null, cutUb);
            assertTrue(!vertices.isEmpty());
            int[] all = new int[n + g];
            System.arraycopy(x, 0, all, 0, n);
            System.arraycopy(y, 0, all, n, g);
            for (int t = 0; t < 20; t++) {
                double[] dir = new double[n + g];
                for (int k = 0; k < dir.length; k++) {
                    dir[k] = rnd.nextGaussian();
                }
                double brute = Double.NEGATIVE_INFINITY;
                double bruteMin = Double.POSITIVE_INFINITY;
                for (double[] v : vertices) {
                    double s = 0;
                    for (int c = 0; c < n; c++) {
                        s += dir[c] * v[c];
                    }
                    for (int i = 0; i < g; i++) {
                        double z = b[i];
                        for (int c = 0; c < n; c++) {
                            z += w[i][c] * v[c];
                        }
                        s += dir[n + i] * Math.max(0, z);
                    }
                    brute = Math.max(brute, s);
                    bruteMin = Math.min(bruteMin, s);
                }
                LpModel.Outcome max = m.maximise(all, dir, 0);
                LpModel.Outcome min = m.minimise(all, dir, 0);
                assertTrue(max.ok() && min.ok());
                assertEquals(brute, max.bound(), 1e-6, "max, direction " + t);
                assertEquals(bruteMin, min.bound(), 1e-6, "min, direction " + t);
            }
        }
    }

    /** Points of the set where n of the candidate hyperplanes meet. */
    private static List<double[]> candidates(int n, double[] lo, double[] hi, double[][] w, double[] b,
                                             double[] cut, double cutUb) {
        List<double[]> planes = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            double[] e = new double[n + 1];
            e[c] = 1;
            e[n] = lo[c];
            planes.add(e);
            double[] f = e.clone();
            f[n] = hi[c];
            planes.add(f);
        }
        for (int i = 0; i < w.length; i++) {
            double[] p = java.util.Arrays.copyOf(w[i], n + 1);
            p[n] = -b[i];
            planes.add(p);
        }
        if (cut != null) {
            double[] p = java.util.Arrays.copyOf(cut, n + 1);
            p[n] = cutUb;
            planes.add(p);
        }
        List<double[]> out = new ArrayList<>();
        choose(planes, n, 0, new int[n], 0, out, lo, hi, cut, cutUb);
        return out;
    }

    private static void choose(List<double[]> planes, int n, int start, int[] pick, int depth, List<double[]> out,
                               double[] lo, double[] hi, double[] cut, double cutUb) {
        if (depth == n) {
            double[][] a = new double[n][n + 1];
            for (int r = 0; r < n; r++) {
                a[r] = planes.get(pick[r]).clone();
            }
            double[] x = solve(a, n);
            if (x == null) {
                return;
            }
            for (int c = 0; c < n; c++) {
                if (x[c] < lo[c] - 1e-9 || x[c] > hi[c] + 1e-9) {
                    return;
                }
            }
            if (cut != null) {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    s += cut[c] * x[c];
                }
                if (s > cutUb + 1e-9) {
                    return;
                }
            }
            out.add(x);
            return;
        }
        for (int k = start; k < planes.size(); k++) {
            pick[depth] = k;
            choose(planes, n, k + 1, pick, depth + 1, out, lo, hi, cut, cutUb);
        }
    }

    /** Gaussian elimination with partial pivoting on [A | rhs]; null when singular. */
    private static double[] solve(double[][] a, int n) {
        for (int col = 0; col < n; col++) {
            int best = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[best][col])) {
                    best = r;
                }
            }
            if (Math.abs(a[best][col]) < 1e-10) {
                return null;
            }
            double[] t = a[col];
            a[col] = a[best];
            a[best] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][n] / a[r][r];
        }
        return x;
    }
}
