package org.relucert.verify;

import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * Counterexample search inside branch-and-bound subproblems. Input splitting: every {@value #INPUT_EVERY}th
 * subproblem (per worker) gets a short PGD run from its best known point, polished by coordinate descent,
 * and every {@value #REGION_EVERY}th of those also a few LPs along linear regions ({@link RegionSearch}).
 * Attacking every subproblem cost 17% of ACAS Xu 3_3 property 2 (one thread, 45,591 subproblems either
 * way: 184 s with, 149 s without, 158 s every 4th), and every sat instance of acasxu and rl_benchmarks and
 * those of reach_prob_density decided at 0.02x were also found with no attack under input splitting at all,
 * by the first falsification pass or at a child's best points ({@link #bestOf}). It is kept on every
 * {@value #INPUT_EVERY}th because it finds what those miss: reach_prob_density robot_0's counterexample (a
 * thin tube that 10^7 samples missed) came from it, after 132 s and 54,863 subproblems. ReLU splitting
 * (BaB-attack): every
 * {@value #RELU_EVERY}th subproblem gets a short PGD run from its best known point and a sign-PGD run
 * ({@link SignAttack}) from the minimiser of its bound, the corner where its relaxation comes closest to
 * violating the property, so that the attack follows the open subdomains with the weakest bounds. Every
 * child's minimising corner, centre and inherited point are also checked ({@link #bestOf}).
 */
final class SubproblemAttack {
    /** With input splitting, every this many subproblems (per worker) are attacked. */
    static final int INPUT_EVERY = 16;
    /** With input splitting, every this many attacked subproblems also get region LPs. */
    static final int REGION_EVERY = 4;
    /** With ReLU splitting, every this many subproblems (per worker) are attacked. */
    static final int RELU_EVERY = 16;
    /** Sign-PGD steps of the attack from a ReLU-splitting subproblem's minimiser. */
    static final int SIGN_STEPS = 20;

    private final Falsifier falsifier;
    private final RegionSearch region;
    private final SignAttack sign;
    private final boolean inputSplitting;

    SubproblemAttack(Network net, Falsifier falsifier, boolean inputSplitting) {
        this.falsifier = falsifier;
        this.region = new RegionSearch(net, falsifier);
        this.sign = new SignAttack(falsifier);
        this.inputSplitting = inputSplitting;
    }

    /** The best point the search found in s (the {@code processed}-th subproblem of a worker), or null when s is not searched. */
    Falsifier.Point search(Subproblem s, Property.Case cs, long processed, long deadline) {
        boolean attacked = inputSplitting ? processed % INPUT_EVERY == 0 : processed % RELU_EVERY == RELU_EVERY - 1;
        if (!attacked) {
            return null;
        }
        Property.Case local = new Property.Case(s.box(), cs.c(), cs.d());
        Falsifier.Point p = falsifier.descend(local, s.bestPoint(), 8);
        if (inputSplitting) {
            p = falsifier.polish(local, p, 40);
            if (processed % (INPUT_EVERY * REGION_EVERY) == 0) {
                p = region.improve(local, p, 3);
            }
        } else if (p.margin() > 0 && s.minimiser() != null) {
            Falsifier.Point q = sign.attack(local, s.minimiser(), 1, SIGN_STEPS, processed, deadline);
            if (q.margin() < p.margin()) {
                p = q;
            }
        }
        return p;
    }

    /**
     * The best of a bounded child's minimising corner, its box's centre and the inherited hint (when it lies
     * in the box), or null when the child is refuted or has no minimiser.
     */
    Falsifier.Point bestOf(Property.Case cs, Box box, QueryBounds qb, double[] hint) {
        if (qb.verified() || qb.minimiser() == null) {
            return null;
        }
        Falsifier.Point best = null;
        double[] inherited = hint != null && box.contains(hint, 0) ? hint : box.centre();
        for (double[] x : new double[][] {qb.minimiser(), box.centre(), inherited}) {
            Falsifier.Point p = falsifier.evaluate(cs, x);
            if (best == null || p.margin() < best.margin()) {
                best = p;
            }
            if (p.margin() <= 0 && cs.input().contains(p.x(), 0)) {
                return p;
            }
        }
        return best;
    }
}
