package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;

/** The pieces {@link EncodingGrammar} cuts a CPWL into: clamped segments and linear continuations. */
final class Pieces {
    private Pieces() {
    }

    /** g(min(max(x, lo), hi)) on g's interval. */
    static Cpwl clamped(Cpwl g, double lo, double hi) {
        List<double[]> pts = new ArrayList<>();
        if (lo > g.start()) {
            pts.add(new double[] {g.start(), g.at(lo)});
        }
        for (double x : g.xs()) {
            if (x >= lo && x <= hi) {
                pts.add(new double[] {x, g.at(x)});
            }
        }
        if (hi < g.end()) {
            pts.add(new double[] {g.end(), g.at(hi)});
        }
        return fromPoints(pts);
    }

    /** f left (or right) of x continued linearly with the slope of the adjacent piece over f's interval. */
    static Cpwl continued(Cpwl f, double x, boolean left) {
        List<double[]> pts = new ArrayList<>();
        double fx = f.at(x);
        if (left) {
            for (double p : f.xs()) {
                if (p <= x) {
                    pts.add(new double[] {p, f.at(p)});
                }
            }
            double s = (fx - f.at(prev(f, x))) / (x - prev(f, x));
            pts.add(new double[] {f.end(), fx + s * (f.end() - x)});
        } else {
            double s = (f.at(next(f, x)) - fx) / (next(f, x) - x);
            pts.add(new double[] {f.start(), fx - s * (x - f.start())});
            for (double p : f.xs()) {
                if (p >= x) {
                    pts.add(new double[] {p, f.at(p)});
                }
            }
        }
        return fromPoints(pts);
    }

    static double prev(Cpwl f, double x) {
        double best = f.start();
        for (double p : f.xs()) {
            if (p < x) {
                best = p;
            }
        }
        return best;
    }

    static double next(Cpwl f, double x) {
        for (double p : f.xs()) {
            if (p > x) {
                return p;
            }
        }
        return f.end();
    }

    /** max(g, h) = f (or min) at every breakpoint of f, g, h and at the crossings, within 1e-9. */
    static boolean combines(Cpwl f, Cpwl g, Cpwl h, boolean max) {
        int n = 4000;
        for (int t = 0; t <= n; t++) {
            double x = f.start() + (f.end() - f.start()) * t / n;
            double v = max ? Math.max(g.at(x), h.at(x)) : Math.min(g.at(x), h.at(x));
            if (Math.abs(v - f.at(x)) > 1e-9 * (1 + Math.abs(f.at(x)))) {
                return false;
            }
        }
        return true;
    }

    static Cpwl fromPoints(List<double[]> pts) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return Cpwl.of(x, y);
    }
}
