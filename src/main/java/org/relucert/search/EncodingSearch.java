package org.relucert.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bounds.Relaxation;
import org.relucert.construct.Cpwl;
import org.relucert.construct.EncodingGrammar;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.PrecisionSearch;
import org.relucert.precision.Tolerance;

/**
 * Searches the encodings of a univariate CPWL f that {@link EncodingGrammar} enumerates for ones a domain
 * analyses precisely: each candidate is checked to compute f (at every breakpoint and at
 * {@value #CHECK_POINTS} seeded random points), then ranked by the largest gap a {@link PrecisionSearch}
 * finds over f's interval (verdict, then gap, then fewer ReLUs, then enumeration order). Candidates are
 * searched in parallel, one single-threaded precision search each, so the ranking is the same for a seed
 * whatever the number of threads; candidates not started before the time limit are skipped (counted).
 */
public final class EncodingSearch {

    /** Random points on which every candidate is checked against f. */
    public static final int CHECK_POINTS = 1000;

    /**
     * @param budget         at most this many candidates (all atoms of f first, the rest sampled with the seed)
     * @param boxes          boxes per precision search
     * @param depth          levels of composites in the grammar
     * @param seed           seed of the sampling and of the precision searches
     * @param threads        worker threads (0: all cores)
     * @param timeoutSeconds no candidate is started after this many seconds (0: no limit)
     */
    public record Options(int budget, int boxes, int depth, long seed, int threads, double timeoutSeconds) {
        public Options {
            if (budget < 1) {
                throw new InvalidInputException("--budget must be at least 1, got " + budget);
            }
            if (boxes < 1) {
                throw new InvalidInputException("--boxes must be at least 1, got " + boxes);
            }
            if (depth < 0 || depth > 3) {
                throw new InvalidInputException("--depth must be 0..3, got " + depth);
            }
        }

        public static Options defaults() {
            return new Options(200, 300, 2, 1, 0, 600);
        }
    }

    /** One searched candidate: the encoding, its ReLU count and the precision search's result. */
    public record Ranked(EncodingGrammar.Candidate candidate, int relus, PrecisionSearch.Result result) {
        /** True when the precision search found no gap (evidence, not proof). */
        public boolean noGapFound() {
            return result.verdict() == PrecisionSearch.Verdict.NO_GAP_FOUND;
        }

        /** The largest gap found. */
        public double gap() {
            return result.witness().gap();
        }
    }

    /**
     * The outcome: candidates ranked best first, how many the grammar enumerated, how many were searched,
     * skipped at the time limit, or dropped because they did not compute f (a bug in the grammar if non-zero).
     */
    public record Result(String domain, List<Ranked> ranked, int enumerated, int searched, int skipped,
                         int wrongFunction, double seconds) {
        /** The candidates without a gap. */
        public List<Ranked> withoutGap() {
            return ranked.stream().filter(Ranked::noGapFound).toList();
        }
    }

    private EncodingSearch() {
    }

    /** The candidates for f under the options' budget, every one checked to compute f. */
    public static List<EncodingGrammar.Candidate> candidates(Cpwl f, Options o) {
        List<EncodingGrammar.Candidate> all = EncodingGrammar.enumerate(f, o.depth(), o.seed());
        if (all.size() <= o.budget()) {
            return all;
        }
        int atoms = EncodingGrammar.enumerate(f, 0, o.seed()).size();
        List<EncodingGrammar.Candidate> head = new ArrayList<>(all.subList(0, Math.min(atoms, o.budget())));
        List<EncodingGrammar.Candidate> rest = new ArrayList<>(all.subList(head.size(), all.size()));
        SplittableRandom rnd = new SplittableRandom(o.seed());
        for (int i = rest.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            EncodingGrammar.Candidate t = rest.get(i);
            rest.set(i, rest.get(j));
            rest.set(j, t);
        }
        head.addAll(rest.subList(0, o.budget() - head.size()));
        return head;
    }

    /** Largest |candidate(x) - f(x)| over f's breakpoints and CHECK_POINTS random points. */
    public static double maxError(Network net, Cpwl f, long seed) {
        double worst = 0;
        for (double x : f.xs()) {
            worst = Math.max(worst, Math.abs(net.evaluate(new double[] {x})[0] - f.at(x)));
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < CHECK_POINTS; k++) {
            double x = f.start() + (f.end() - f.start()) * rnd.nextDouble();
            worst = Math.max(worst, Math.abs(net.evaluate(new double[] {x})[0] - f.at(x)));
        }
        return worst;
    }

    /** Runs the search; {@code progress} receives the candidates done, of all candidates. */
    public static Result run(Cpwl f, Relaxation domain, Options o, Progress progress) {
        long t0 = System.nanoTime();
        List<EncodingGrammar.Candidate> cands = candidates(f, o);
        int enumerated = EncodingGrammar.enumerate(f, o.depth(), o.seed()).size();
        double scale = 1;
        for (double y : f.ys()) {
            scale = Math.max(scale, Math.abs(y));
        }
        double tol = 1e-9 * scale;
        Box over = new Box(new double[] {f.start()}, new double[] {f.end()});
        PrecisionSearch.Options ps = new PrecisionSearch.Options(o.boxes(), o.seed(), Tolerance.DEFAULT, 1, 0, 14);
        int threads = o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors();
        long deadline = o.timeoutSeconds() > 0 ? t0 + (long) (o.timeoutSeconds() * 1e9) : Long.MAX_VALUE;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "encoding-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Ranked>> futures = new ArrayList<>();
            for (EncodingGrammar.Candidate c : cands) {
                futures.add(pool.submit(() -> {
                    try {
                        if (System.nanoTime() > deadline) {
                            skipped.incrementAndGet();
                            return null;
                        }
                        if (maxError(c.network(), f, o.seed()) > tol) {
                            wrong.incrementAndGet();
                            return null;
                        }
                        PrecisionSearch.Result r = new PrecisionSearch(c.network(), domain, over, ps).run();
                        return new Ranked(c, relus(c.network()), r);
                    } finally {
                        progress.update(done.incrementAndGet(), cands.size());
                    }
                }));
            }
            List<Ranked> ranked = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                Ranked r = futures.get(i).get();
                if (r != null) {
                    ranked.add(r);
                }
            }
            List<Ranked> sorted = new ArrayList<>(ranked);
            sorted.sort(Comparator.comparing((Ranked r) -> r.noGapFound() ? 0 : 1)
                    .thenComparingDouble(Ranked::gap).thenComparingInt(Ranked::relus));
            return new Result(domain.name(), List.copyOf(sorted), enumerated, ranked.size(), skipped.get(), wrong.get(),
                    (System.nanoTime() - t0) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("encoding search interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Number of ReLU entries. */
    static int relus(Network net) {
        int n = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            if (net.relu(j) != null) {
                n += net.sizeOf(j);
            }
        }
        return n;
    }
}
