package org.relucert.construct;

import java.util.List;

/** A max/min expression over affine functions of x_1..x_d (the syntax tree of {@link MaxMinFunction}). */
public sealed interface Expr permits Expr.Affine, Expr.Call {

    /** Exact value at x (x[0] is x_1). */
    double evaluate(double[] x);

    /** Highest variable index used (1-based), 0 for a constant. */
    int dim();

    /** Text in the parser's syntax. */
    String text();

    /** a . x + constant; {@code coef[i]} multiplies x_{i+1}, missing entries are 0. */
    record Affine(double[] coef, double constant) implements Expr {
        public Affine {
            coef = coef.clone();
        }

        /** Coefficient of x_{i+1}. */
        public double coef(int i) {
            return i < coef.length ? coef[i] : 0.0;
        }

        @Override
        public double evaluate(double[] x) {
            double s = constant;
            for (int i = 0; i < coef.length; i++) {
                s += coef[i] * x[i];
            }
            return s;
        }

        @Override
        public int dim() {
            for (int i = coef.length - 1; i >= 0; i--) {
                if (coef[i] != 0) {
                    return i + 1;
                }
            }
            return 0;
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < coef.length; i++) {
                double c = coef[i];
                if (c == 0) {
                    continue;
                }
                if (c < 0) {
                    sb.append('-');
                } else if (sb.length() > 0) {
                    sb.append('+');
                }
                double a = Math.abs(c);
                if (a != 1) {
                    sb.append(Format.number(a)).append('*');
                }
                sb.append('x').append(i + 1);
            }
            if (constant != 0 || sb.length() == 0) {
                if (sb.length() > 0 && constant >= 0) {
                    sb.append('+');
                }
                sb.append(Format.number(constant));
            }
            return sb.toString();
        }
    }

    /** max(args) or min(args). */
    record Call(boolean max, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public double evaluate(double[] x) {
            double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (Expr e : args) {
                double v = e.evaluate(x);
                best = max ? Math.max(best, v) : Math.min(best, v);
            }
            return best;
        }

        @Override
        public int dim() {
            int d = 0;
            for (Expr e : args) {
                d = Math.max(d, e.dim());
            }
            return d;
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder(max ? "max(" : "min(");
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(args.get(i).text());
            }
            return sb.append(')').toString();
        }
    }
}
