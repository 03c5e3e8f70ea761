package org.relucert.precision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.TimeLimited;
import org.relucert.bounds.Relaxation;
import org.relucert.exact.Breakpoints;
import org.relucert.exact.PatternEnumeration;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * Searches the boxes of a domain X for the one where a relaxation's bounds are furthest from the exact range
 * (THEORY.md §2.3: a precise analysis is exact on every box). A search can find a witness of imprecision; it
 * can never prove precision, and its result says so.
 *
 * <p>Boxes are generated from the seed alone and evaluated in parallel into fixed slots, so the result does
 * not depend on thread timing.
 */
public final class PrecisionSearch {

    /** Search settings. {@code threads <= 0} means all available processors. */
    public record Options(int budget, long seed, Tolerance tolerance, int threads, int output, int maxUnstable) {
        public Options {
            if (budget < 1) {
                throw new InvalidInputException("--budget must be at least 1, got " + budget);
            }
        }

        /** 4000 boxes, seed 1, default tolerance, all cores, output 0. */
        public static Options defaults() {
            return new Options(4000, 1, Tolerance.DEFAULT, 0, 0, PatternEnumeration.DEFAULT_MAX_UNSTABLE);
        }

        public Options withBudget(int b) {
            return new Options(b, seed, tolerance, threads, output, maxUnstable);
        }

        public Options withSeed(long s) {
            return new Options(budget, s, tolerance, threads, output, maxUnstable);
        }

        public Options withTolerance(Tolerance t) {
            return new Options(budget, seed, t, threads, output, maxUnstable);
        }

        public Options withThreads(int t) {
            return new Options(budget, seed, tolerance, t, output, maxUnstable);
        }

        public Options withOutput(int o) {
            return new Options(budget, seed, tolerance, threads, o, maxUnstable);
        }

        public Options withMaxUnstable(int m) {
            return new Options(budget, seed, tolerance, threads, output, m);
        }

        int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    /** The outcome of a search. */
    public enum Verdict {
        /** A box was found where the domain's bounds are not exact (beyond the tolerance). */
        IMPRECISE,
        /** Every checked box was exact within the tolerance: evidence, not proof, of precision. */
        NO_GAP_FOUND
    }

    /**
     * A search result. {@code witness} is the box with the largest gap, re-computed fresh
     * ({@code verified} says the fresh gap matched the search's); {@code unsound} counts boxes where the domain
     * cut off an attained output, with one example.
     */
    public record Result(Verdict verdict, BoxGap witness, boolean verified, int boxesChecked, int exactBoxes,
                         int unsound, BoxGap unsoundExample, int failed, String firstFailure,
                         Map<String, Integer> boxesByStrategy, int threads, double seconds, Box over,
                         int skippedForTime) {

        /** True when the time limit passed before the whole budget was checked. */
        public boolean timeLimited() {
            return skippedForTime > 0;
        }

        /** Share of checked boxes whose bounds were exact within the tolerance. */
        public double exactFraction() {
            return boxesChecked == 0 ? Double.NaN : (double) exactBoxes / boxesChecked;
        }
    }

    private final Network net;
    private final Relaxation domain;
    private final Box over;
    private final Options options;

    public PrecisionSearch(Network net, Relaxation domain, Box over, Options options) {
        if (over.dim() != net.inputSize()) {
            throw new InvalidInputException("--over has " + over.dim() + " dimensions but the network has "
                    + net.inputSize() + " inputs");
        }
        if (options.output() < 0 || options.output() >= net.outputSize()) {
            throw new InvalidInputException("output index " + options.output() + " out of range: the network has "
                    + net.outputSize() + " outputs");
        }
        this.net = net;
        this.domain = domain;
        this.over = over;
        this.options = options;
        this.checks = new BoxChecks(options.budget());
    }

    private final BoxChecks checks;

    /**
     * Stops checking boxes once {@code d} passes: the remaining boxes, and boxes whose bounds fell back
     * because of it, are skipped (counted in {@link Result#skippedForTime()}), never counted as gaps.
     */
    public PrecisionSearch within(Deadline d) {
        checks.within(d);
        return this;
    }

    /**
     * Tells {@code listener} the number of boxes handled (checked or skipped) after each box, from any thread,
     * of a total of the budget (or of the count itself, where grid refinement handles more boxes).
     */
    public PrecisionSearch reporting(Progress listener) {
        checks.reporting(listener);
        return this;
    }

    /** Runs the search. */
    public Result run() {
        long t0 = System.nanoTime();
        checks.reset();
        ForkJoinPool pool = new ForkJoinPool(options.effectiveThreads());
        try {
            Function<Box, BoxGap> evaluate = evaluator();
            int firstStage = Math.max(1, (int) Math.round(options.budget() * 0.7));
            List<CandidateBoxes.Candidate> candidates = net.inputSize() == 1
                    ? CandidateBoxes.univariate(breakpoints().points(), over.lower()[0], over.upper()[0], firstStage)
                    : CandidateBoxes.multivariate(net, over, firstStage, options.seed(), checks.deadline());
            GapTally tally = new GapTally();
            BoxGap[] gaps = checks.evaluateAll(pool, candidates, evaluate);
            for (int i = 0; i < gaps.length; i++) {
                tally.add(gaps[i], candidates.get(i).strategy());
            }
            int remaining = options.budget() - candidates.size();
            if (remaining > 0 && tally.checked > 0) {
                refine(pool, tally, gaps, remaining, evaluate);
            }
            return finish(tally, t0);
        } finally {
            pool.shutdown();
        }
    }

    private Breakpoints cachedBreakpoints;

    private synchronized Breakpoints breakpoints() {
        if (cachedBreakpoints == null) {
            cachedBreakpoints = Breakpoints.of(net, options.output(), over.lower()[0], over.upper()[0]);
        }
        return cachedBreakpoints;
    }

    /** The gap of a box, or null when its exact range cannot be computed (the failure is recorded). */
    private Function<Box, BoxGap> evaluator() {
        if (net.inputSize() == 1) {
            Breakpoints bp = breakpoints();
            return box -> Gaps.withExact(net, box, new TimeLimited(domain, checks.deadline()), options.output(),
                    options.tolerance(), bp.range(box.lower()[0], box.upper()[0]));
        }
        return box -> Gaps.of(net, box, domain, options.output(), options.tolerance(), options.maxUnstable(),
                checks.deadline());
    }

    /** Local searches from the worst boxes found so far, run in parallel, each deterministic. */
    private void refine(ForkJoinPool pool, GapTally tally, BoxGap[] gaps, int remaining, Function<Box, BoxGap> evaluate) {
        List<BoxGap> starts = worst(gaps, Math.min(8, Math.max(1, remaining / 20)));
        int each = remaining / starts.size();
        @SuppressWarnings("unchecked")
        List<BoxGap>[] climbs = new List[starts.size()];
        checks.run(pool, () -> IntStream.range(0, starts.size()).parallel().forEach(k ->
                climbs[k] = LocalSearch.climb(starts.get(k), over, each, b -> checks.safely(evaluate, b))));
        for (List<BoxGap> climb : climbs) {
            for (BoxGap g : climb) {
                tally.add(g, CandidateBoxes.LOCAL);
            }
        }
    }

    /** The k boxes with the largest gaps, distinct, ties broken by position. */
    private static List<BoxGap> worst(BoxGap[] gaps, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < gaps.length; i++) {
            if (gaps[i] != null) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> -gaps[i].gap()).thenComparingInt(i -> i));
        List<BoxGap> out = new ArrayList<>();
        for (int i : idx) {
            if (out.size() == k) {
                break;
            }
            if (out.stream().noneMatch(g -> g.box().equals(gaps[i].box()))) {
                out.add(gaps[i]);
            }
        }
        return out;
    }

    private Result finish(GapTally tally, long t0) {
        Deadline deadline = checks.deadline();
        List<String> failures = checks.failures();
        if (tally.checked == 0 && checks.skippedForTime() > 0) {
            throw new Deadline.Expired(deadline);
        }
        if (tally.checked == 0) {
            throw new InvalidInputException("no box of " + over + " could be checked: "
                    + (failures.isEmpty() ? "no boxes" : failures.get(0)));
        }
        BoxGap found = tally.best;
        BoxGap fresh = deadline.expired() ? found
                : Gaps.of(net, found.box(), domain, options.output(), options.tolerance(), options.maxUnstable());
        double slack = 10 * options.tolerance().slack(fresh.exact().scale()) + 1e-12;
        boolean verified = fresh != found && Math.abs(fresh.lowerGap() - found.lowerGap()) <= slack
                && Math.abs(fresh.upperGap() - found.upperGap()) <= slack;
        Verdict verdict = fresh.exactWithinTolerance() ? Verdict.NO_GAP_FOUND : Verdict.IMPRECISE;
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(verdict, fresh, verified, tally.checked, tally.exact, tally.unsound, tally.unsoundExample,
                failures.size(), failures.isEmpty() ? null : java.util.Collections.min(failures), tally.byStrategy,
                options.effectiveThreads(), seconds, over, checks.skippedForTime());
    }
}
