package org.relucert.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.spec.Property;

/**
 * Soundness on a seeded random network: no image is certified (by any method) at a radius where sampling
 * finds a point of its box that another class wins, every method's margin (verify's proved bound included,
 * non-negative when certified) is at most the smallest
 * sampled margin, and no (image, eps) is both certified by one method and falsified by the verifier.
 */
class CertifiedImagesHaveNoAdversarialPointTest {
    @TempDir
    Path dir;

    /** 16 inputs: intermediate bounds from the forward symbolic pass (QueryBounder.FORWARD_MAX_DIM). */
    @Test
    void certifiedMeansNoSampledPointIsMisclassifiedOnALowDimensionalNetwork() throws Exception {
        CertifyFixtures.write(dir, 11, 15);
        check(List.of(0.02, 0.06, 0.15), "ibp,deeppoly,alpha-crown,verify:5");
    }

    /** 48 inputs: interval bounds refined by back-substitution, as on MNIST. */
    @Test
    void certifiedMeansNoSampledPointIsMisclassifiedOnAWiderNetwork() throws Exception {
        CertifyFixtures.write(dir, RandomNetworks.fullyConnected(12, 48, new int[] {30, 30}, 4), 12, 15);
        check(List.of(0.01, 0.03, 0.08), "ibp,deeppoly,alpha-crown,verify:3");
    }

    private void check(List<Double> radii, String methods) throws Exception {
        CertifyPlan plan = CertifyFixtures.plan(dir, radii, methods);
        Workload w = Workload.load(plan);
        Certifier certifier = new Certifier(w);
        Map<String, Integer> verdicts = new HashMap<>();
        Map<String, Double> deeppoly = new HashMap<>();
        Random rnd = new Random(5);
        Set<String> certifiedCells = new HashSet<>();
        Set<String> falsifiedCells = new HashSet<>();
        for (Job job : w.jobs()) {
            JobResult r = certifier.run(job);
            verdicts.merge(r.verdict(), 1, Integer::sum);
            Workload.Item item = w.items().get(job.item());
            if (r.verdict().equals(Verdicts.MISCLASSIFIED)) {
                assertTrue(item.image().line() % 5 == 0, "only the wrongly labelled images: " + r);
                continue;
            }
            Property p = w.property(item, job.eps());
            double sampled = sampledMargin(item.net(), p, rnd);
            (r.certified() ? certifiedCells : r.verdict().equals(Verdicts.FALSIFIED) ? falsifiedCells : new HashSet<String>())
                    .add(r.image() + "|" + r.eps());
            if (r.certified()) {
                assertTrue(sampled > 0, "certified but a sampled point is misclassified: " + r + " sampled " + sampled);
            }
            if (!Double.isNaN(r.margin())) {
                assertTrue(r.margin() <= sampled + 1e-9, "margin above the sampled margin: " + r + " sampled " + sampled);
            }
            if (r.certified() && r.method().startsWith("verify")) {
                assertTrue(r.margin() >= 0, "a certified verify job without a non-negative proved bound: " + r);
            }
            if (r.method().equals("deeppoly")) {
                deeppoly.put(r.image() + "|" + r.eps(), r.margin());
            }
            if (r.method().equals("alpha-crown")) {
                assertTrue(r.margin() >= deeppoly.get(r.image() + "|" + r.eps()) - 1e-12, "alpha-crown looser: " + r);
            }
        }
        falsifiedCells.retainAll(certifiedCells);
        assertTrue(falsifiedCells.isEmpty(), "certified and falsified: " + falsifiedCells);
        // not vacuous: some jobs are certified and some are not
        assertTrue(verdicts.getOrDefault(Verdicts.CERTIFIED, 0) > 5, verdicts.toString());
        assertTrue(verdicts.getOrDefault(Verdicts.UNKNOWN, 0) + verdicts.getOrDefault(Verdicts.FALSIFIED, 0) > 5,
                verdicts.toString());
        assertEquals(3 * 4 * 3, verdicts.get(Verdicts.MISCLASSIFIED), verdicts.toString());
    }

    /** The smallest margin min over cases of max over rows (c·y - d) at random points and corners of the box. */
    private static double sampledMargin(Network net, Property p, Random rnd) {
        Box box = p.cases().get(0).input();
        double worst = Double.POSITIVE_INFINITY;
        for (int s = 0; s < 3000; s++) {
            double[] x = new double[box.dim()];
            for (int i = 0; i < x.length; i++) {
                double t = s % 3 == 0 ? rnd.nextInt(2) : rnd.nextDouble();
                x[i] = box.lower()[i] + t * (box.upper()[i] - box.lower()[i]);
            }
            double[] y = net.evaluate(x);
            for (Property.Case cs : p.cases()) {
                worst = Math.min(worst, cs.margin(y));
            }
        }
        return worst;
    }
}
