package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.lp.LinearProgram;

/**
 * T4 checked without the Triangle domain of the LP branch: for a one-hidden-layer univariate form the
 * pre-activation bounds are exact intervals, so the Triangle LP (THEORY.md §3.4) is small enough to write
 * here over the LP adapter. Every orientation of a random convex function is exact on random boxes.
 */
class OneLayerTriangleTest {

    /** {lower, upper} of the Triangle relaxation of the form on [l, u]. */
    private static double[] triangle(OneLayerForm form, double l, double u) {
        double[] out = new double[2];
        for (int side = 0; side < 2; side++) {
            try (LinearProgram lp = LinearProgram.lp()) {
                int x = lp.addVariable(l, u, false);
                int n = form.neurons().size();
                int[] vars = new int[n + 1];
                double[] coefs = new double[n + 1];
                vars[n] = x;
                coefs[n] = form.linear();
                for (int i = 0; i < n; i++) {
                    OneLayerForm.Neuron nr = form.neurons().get(i);
                    // z = sign * x - sign * kink, exact bounds over [l, u]
                    double za = nr.sign() * (l - nr.kink());
                    double zb = nr.sign() * (u - nr.kink());
                    double zl = Math.min(za, zb);
                    double zu = Math.max(za, zb);
                    int y = lp.addVariable(0, Double.POSITIVE_INFINITY, false);
                    vars[i] = y;
                    coefs[i] = nr.weight();
                    if (zu <= 0) {
                        lp.addConstraint(new int[] {y}, new double[] {1}, 0, 0);
                    } else if (zl >= 0) {
                        lp.addConstraint(new int[] {y, x}, new double[] {1, -nr.sign()}, -nr.sign() * nr.kink(),
                                -nr.sign() * nr.kink());
                    } else {
                        // y >= z and y <= zu (z - zl) / (zu - zl)
                        lp.addConstraint(new int[] {y, x}, new double[] {1, -nr.sign()}, -nr.sign() * nr.kink(),
                                Double.POSITIVE_INFINITY);
                        double s = zu / (zu - zl);
                        lp.addConstraint(new int[] {y, x}, new double[] {1, -s * nr.sign()}, Double.NEGATIVE_INFINITY,
                                s * (-nr.sign() * nr.kink() - zl));
                    }
                }
                LinearProgram.Solution sol = lp.optimise(vars, coefs, form.bias(), side == 1, 10);
                assertTrue(sol.optimal(), "LP status " + sol.status());
                out[side] = sol.objective();
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyOrientationOfARandomConvexFunctionIsTriangleExact(long seed) {
        Cpwl f = RandomFunctions.convex(seed, 3);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (String signs : UnivariateForms.orientations(3)) {
            OneLayerForm form = UnivariateForms.oriented(f, signs);
            for (int k = 0; k < 40; k++) {
                double[] lu = RandomFunctions.subInterval(f, rnd);
                double[] exact = f.range(lu[0], lu[1]);
                double[] t = triangle(form, lu[0], lu[1]);
                assertEquals(exact[0], t[0], 1e-6, signs + " lower on " + lu[0] + ":" + lu[1]);
                assertEquals(exact[1], t[1], 1e-6, signs + " upper on " + lu[0] + ":" + lu[1]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void theDeepPolyFormsAreTriangleExactToo(long seed) {
        Cpwl f = RandomFunctions.convex(seed, 4);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (OneLayerForm form : new OneLayerForm[] {UnivariateForms.deepPoly0(f), UnivariateForms.deepPoly1(f)}) {
            for (int k = 0; k < 40; k++) {
                double[] lu = RandomFunctions.subInterval(f, rnd);
                double[] exact = f.range(lu[0], lu[1]);
                double[] t = triangle(form, lu[0], lu[1]);
                assertEquals(exact[0], t[0], 1e-6);
                assertEquals(exact[1], t[1], 1e-6);
            }
        }
    }
}
