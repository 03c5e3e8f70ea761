package org.relucert.verify;

import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * Complete verification of a {@link Property} on a {@link Network}: falsification first (sampling and
 * PGD, and on low-dimensional inputs LPs along linear regions), then the incomplete check (DeepPoly with the output constraint folded in, then optimised slopes)
 * on every case, then branch and bound on what is left ({@link BranchAndBound}).
 */
public final class Verifier {

    /**
     * @param timeoutSeconds wall-clock budget for the whole property
     * @param threads        worker threads for branch and bound
     * @param rootAlphaSteps slope-optimisation iterations on each case's root
     * @param leafAlphaSteps slope-optimisation iterations on each subproblem
     * @param seed           seed of the random sampling
     * @param branchCandidates under ReLU splitting, how many neurons of best cheap score the filtered smart
     *                       branching score compares ({@link FsbScore}; 1: the cheap score alone;
     *                       {@link #AUTO_CANDIDATES}: chosen by the network, {@link BranchCandidates})
     */
    public record Options(double timeoutSeconds, int threads, int rootAlphaSteps, int leafAlphaSteps, long seed,
                          int branchCandidates) {
        /**
         * Branching candidates chosen by the network ({@link BranchCandidates}): FSB with
         * {@value BranchCandidates#SPATIAL} candidates on networks with a spatial (convolutional) ReLU layer,
         * where the intercept score alone kept choosing splits that did not move the bound, else 1, the
         * intercept score alone (FSB with 8 needed 15 times fewer subproblems on random networks but solved no
         * more MNIST FC instances at 30 s and one fewer at 120 s, measured under load).
         */
        public static final int AUTO_CANDIDATES = 0;
        /** The default: {@link #AUTO_CANDIDATES}. */
        public static final int BRANCH_CANDIDATES = AUTO_CANDIDATES;

        /** The options with {@value #BRANCH_CANDIDATES} branching candidates. */
        public Options(double timeoutSeconds, int threads, int rootAlphaSteps, int leafAlphaSteps, long seed) {
            this(timeoutSeconds, threads, rootAlphaSteps, leafAlphaSteps, seed, BRANCH_CANDIDATES);
        }

        /** Defaults: all cores, 30 root iterations, leaf iterations chosen by the branching mode (10 input, 32 ReLU: with warm starts from the parent, more steps paid off on MNIST FC). */
        public static Options defaults(double timeoutSeconds) {
            return new Options(timeoutSeconds, Runtime.getRuntime().availableProcessors(), 30, -1, 1);
        }

        /** These options with another number of branching candidates. */
        public Options withBranchCandidates(int candidates) {
            return new Options(timeoutSeconds, threads, rootAlphaSteps, leafAlphaSteps, seed, candidates);
        }
    }

    /** Region LPs (see {@link RegionSearch}) after the first sampling/PGD search of a low-dimensional case. */
    static final int REGION_ROUNDS = 10;

    private Verifier() {
    }

    /** Share of the time limit that the first falsification pass may use. */
    static final double FALSIFY_SHARE = 0.25;

    /** Longest time limit honoured as given (about 73 years); longer ones, and infinity, mean "no limit". */
    static final long MAX_NANOS = Long.MAX_VALUE / 4;

    /**
     * The System.nanoTime() deadline {@code seconds} from now, saturated at {@link #MAX_NANOS} so that a huge
     * or infinite limit never overflows into the past (which answered "timeout" at once).
     */
    static long deadlineAfter(double seconds) {
        double nanos = seconds * 1e9;
        long offset = nanos >= MAX_NANOS ? MAX_NANOS : (long) Math.max(0, nanos);
        return System.nanoTime() + offset;
    }

    /** Decides the property; never reports sat without a forward-pass-checked counterexample. */
    public static Verdict verify(Network net, Property property, Options options, Progress progress) {
        checkSizes(net, property);
        long deadline = deadlineAfter(options.timeoutSeconds());
        Falsifier falsifier = new Falsifier(net);
        // the first search gets at most a quarter of the time (PGD on open subproblems continues later)
        long falsifyUntil = deadlineAfter(FALSIFY_SHARE * options.timeoutSeconds());
        boolean lowDim = net.inputSize() <= Falsifier.POLISH_MAX_DIM;
        // on image-sized inputs, only the cases the root bound does not refute are searched; the screen takes at
        // most half of the first search's share
        boolean[] refuted = lowDim ? new boolean[property.cases().size()]
                : CaseScreen.refuted(net, property, deadlineAfter(FALSIFY_SHARE / 2 * options.timeoutSeconds()));
        Verdict attacked = attackEveryCase(net, property, falsifier, options.seed(), falsifyUntil, refuted);
        if (attacked != null) {
            return attacked;
        }
        FalsifyPlan plan = FalsifyPlan.forNetwork(net);
        int k = 0;
        for (Property.Case cs : property.cases()) {
            if (refuted[k]) {
                k++;
                continue;
            }
            Falsifier.Point p = firstSearch(net, falsifier, cs, plan, options.seed() + k++, falsifyUntil);
            if (p.margin() <= 0) {
                return new Verdict(Verdict.Kind.SAT, p.x(), p.y(), 0, plan.regionRounds() > 0
                        ? "falsified by sampling, PGD and region LPs" : "falsified by sampling/PGD");
            }
            if (System.nanoTime() > deadline) {
                return new Verdict(Verdict.Kind.TIMEOUT, null, null, 0, "time out during falsification");
            }
        }
        return new BranchAndBound(net, property, options, deadline, progress).run();
    }

    /**
     * The first search of one case for a counterexample: sampling, PGD and polish, then region LPs, with the
     * counts of {@code plan} ({@link FalsifyPlan#forNetwork}) and stopping at {@code stopAt}; the best point.
     */
    static Falsifier.Point firstSearch(Network net, Falsifier falsifier, Property.Case cs, FalsifyPlan plan,
                                       long seed, long stopAt) {
        Falsifier.Point p = falsifier.search(cs, plan, seed, stopAt);
        if (plan.regionRounds() > 0 && p.margin() > 0) {
            p = new RegionSearch(net, falsifier).improve(cs, p, plan.regionRounds(), stopAt);
        }
        return p;
    }

    /** Sign-PGD restarts per case in the first pass on high-dimensional inputs. */
    static final int ATTACK_RESTARTS = 3;
    /** Sign-PGD steps per restart in the first pass. */
    static final int ATTACK_STEPS = 40;

    /**
     * On high-dimensional inputs, a few sign-PGD runs ({@link SignAttack}) on every case not {@code refuted}
     * by its root bound before the slower search spends its time on the first cases; the sat verdict when one
     * finds a counterexample, else null.
     */
    private static Verdict attackEveryCase(Network net, Property property, Falsifier falsifier, long seed,
                                           long stopAt, boolean[] refuted) {
        if (net.inputSize() <= Falsifier.POLISH_MAX_DIM) {
            return null;
        }
        SignAttack attack = new SignAttack(falsifier);
        int k = 0;
        for (Property.Case cs : property.cases()) {
            if (cs.c().length == 0 || refuted[k]) {
                k++;
                continue;
            }
            Falsifier.Point p = attack.attack(cs, cs.input().centre(), ATTACK_RESTARTS, ATTACK_STEPS,
                    seed + 7919L * ++k, stopAt);
            if (p.margin() <= 0) {
                return new Verdict(Verdict.Kind.SAT, p.x(), p.y(), 0, "falsified by sign PGD");
            }
        }
        return null;
    }

    /**
     * Checks the property's input and output counts against the network.
     *
     * @throws InvalidInputException naming the count that differs
     */
    public static void checkSizes(Network net, Property property) {
        if (property.inputs() != net.inputSize()) {
            throw new InvalidInputException("the property declares " + property.inputs()
                    + " inputs (X_i) but the network has " + net.inputSize());
        }
        if (property.outputs() != net.outputSize()) {
            throw new InvalidInputException("the property declares " + property.outputs()
                    + " outputs (Y_j) but the network has " + net.outputSize());
        }
        for (Property.Case cs : property.cases()) {
            if (cs.input().dim() != net.inputSize()) {
                throw new InvalidInputException("a case of the property has a box of dimension "
                        + cs.input().dim() + " but the network has " + net.inputSize() + " inputs");
            }
        }
    }
}
