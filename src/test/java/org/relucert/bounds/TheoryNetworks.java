package org.relucert.bounds;

import static org.relucert.net.NetBuilder.m;
import static org.relucert.net.NetBuilder.v;

import org.relucert.net.NetBuilder;
import org.relucert.net.Network;

/** The example networks of THEORY.md, built from their weights. */
final class TheoryNetworks {
    private TheoryNetworks() {
    }

    /** |x| = R(x) + R(-x) (DP-0 form, §9 item 2). */
    static Network absDp0() {
        return new NetBuilder(1)
                .reluLayer("r", m(v(1), v(-1)), v(0, 0), "input")
                .affine("y", m(v(1, 1)), v(0), "r")
                .output("y");
    }

    /** |x| = 2R(x) - x (§9 item 3), the linear term as a skip connection. */
    static Network absLinear() {
        return new NetBuilder(1)
                .reluLayer("r", m(v(1)), v(0), "input")
                .affine("y", m(v(2, -1)), v(0), "r", "input")
                .output("y");
    }

    /** Encoding A of max: x2 + R(x1 - x2) (§6.3). */
    static Network maxA() {
        return new NetBuilder(2)
                .reluLayer("r", m(v(1, -1)), v(0), "input")
                .affine("y", m(v(1, 0, 1)), v(0), "r", "input")
                .output("y");
    }

    /** Encoding B of max: (x1 + x2)/2 + R(x1 - x2)/2 + R(x2 - x1)/2 (§6.3). */
    static Network maxB() {
        return new NetBuilder(2)
                .reluLayer("r", m(v(1, -1), v(-1, 1)), v(0, 0), "input")
                .affine("y", m(v(0.5, 0.5, 0.5, 0.5)), v(0), "r", "input")
                .output("y");
    }

    /** Nested ramp h1 = 1 - R(1 - R(x - 1)) (§5.1, §10.1). */
    static Network rampNested() {
        return new NetBuilder(1)
                .reluLayer("r1", m(v(1)), v(-1), "input")
                .reluLayer("r2", m(v(-1)), v(1), "r1")
                .affine("y", m(v(-1)), v(1), "r2")
                .output("y");
    }

    /** Difference ramp h2 = R(x - 1) - R(x - 2) (§5.1, §10.1). */
    static Network rampDifference() {
        return new NetBuilder(1)
                .reluLayer("r", m(v(1), v(1)), v(-1, -2), "input")
                .affine("y", m(v(1, -1)), v(0), "r")
                .output("y");
    }

    /**
     * IBP 2-layer clipped-ramp construction (§5.1) for the values 0, 2, 2.5, 4 at x = 0..3:
     * 4 - sum_i R(beta_i - s_i R(x - x_{i-1})) with beta = s = (2, 0.5, 1.5).
     */
    static Network monotoneTwoLayer() {
        return new NetBuilder(1)
                .reluLayer("h1", m(v(1), v(1), v(1)), v(0, -1, -2), "input")
                .reluLayer("h2", m(v(-2, 0, 0), v(0, -0.5, 0), v(0, 0, -1.5)), v(2, 0.5, 1.5), "h1")
                .affine("y", m(v(-1, -1, -1)), v(4), "h2")
                .output("y");
    }

    /** The same function in one hidden layer: 2R(x) - 1.5R(x - 1) + R(x - 2) (§5.1). */
    static Network monotoneOneLayer() {
        return new NetBuilder(1)
                .reluLayer("h", m(v(1), v(1), v(1)), v(0, -1, -2), "input")
                .affine("y", m(v(2, -1.5, 1)), v(0), "h")
                .output("y");
    }

    /** f3 in DP-0 form: R(x) + R(-x) + 2R(x - 1) (§5.2). */
    static Network f3Dp0Form() {
        return new NetBuilder(1)
                .reluLayer("h", m(v(1), v(-1), v(1)), v(0, 0, -1), "input")
                .affine("y", m(v(1, 1, 2)), v(0), "h")
                .output("y");
    }

    /** f3 in DP-1 form: -2 + 2x + R(x) + R(-x) + 2R(1 - x) (§5.3). */
    static Network f3Dp1Form() {
        return new NetBuilder(1)
                .reluLayer("h", m(v(1), v(-1), v(-1)), v(0, 0, 1), "input")
                .affine("y", m(v(1, 1, 2, 2)), v(-2), "h", "input")
                .output("y");
    }

    /** f3 in the Triangle form (+,+): -x + 2R(x) + 2R(x - 1) (§5.4). */
    static Network f3TrianglePlusPlus() {
        return new NetBuilder(1)
                .reluLayer("h", m(v(1), v(1)), v(0, -1), "input")
                .affine("y", m(v(2, 2, -1)), v(0), "h", "input")
                .output("y");
    }

    /**
     * Nested max on d inputs (§5.5): m_2 = x_2 + R(x_1 - x_2), m_k = x_k + R(m_{k-1} - x_k); the x_k are
     * carried by skip connections from the input.
     */
    static Network nestedMax(int d) {
        NetBuilder b = new NetBuilder(d);
        double[] first = new double[d];
        first[0] = 1;
        first[1] = -1;
        b.reluLayer("r2", m(first), v(0), "input");
        b.affine("m2", m(unitAfter(1, 1, d)), v(0), "r2", "input");
        for (int k = 3; k <= d; k++) {
            double[] diff = new double[1 + d];
            diff[0] = 1;
            diff[k] = -1;
            b.reluLayer("r" + k, m(diff), v(0), "m" + (k - 1), "input");
            b.affine("m" + k, m(unitAfter(1, k - 1, d)), v(0), "r" + k, "input");
        }
        return b.output("m" + d);
    }

    /** Row [1, e_k] of length 1 + d: the ReLU plus input coordinate k (0-based). */
    private static double[] unitAfter(double reluWeight, int k, int d) {
        double[] row = new double[1 + d];
        row[0] = reluWeight;
        row[1 + k] = 1;
        return row;
    }

    /** Phantom-point network of §7.8 on [-1, 1]^2: |u1 - 1| + |u2 - 1| with u = R(±(x1 - x2)). */
    static Network phantom() {
        return new NetBuilder(2)
                .reluLayer("u", m(v(1, -1), v(-1, 1)), v(0, 0), "input")
                .reluLayer("w", m(v(1, 0), v(-1, 0), v(0, 1), v(0, -1)), v(-1, 1, -1, 1), "u")
                .affine("y", m(v(1, 1, 1, 1)), v(0), "w")
                .output("y");
    }
}
