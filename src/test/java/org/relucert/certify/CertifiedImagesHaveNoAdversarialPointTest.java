package org.relucert.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * Soundness on a seeded random network: no image is certified (by any method) at a radius where sampling
 * finds a point of its box that another class wins, every bounding method's margin is at most the smallest
 * sampled margin, and the verifier's counterexamples really are misclassified points of the box.
 */
class CertifiedImagesHaveNoAdversarialPointTest {
    @TempDir
    Path dir;

    @Test
    void certifiedMeansNoSampledPointIsMisclassified() throws Exception {
        CertifyFixtures.write(dir, 11, 15);
        CertifyPlan plan = CertifyFixtures.plan(dir, List.of(0.02, 0.06, 0.15), "ibp,deeppoly,alpha-crown,verify:5");
        Workload w = Workload.load(plan);
        Certifier certifier = new Certifier(w);
        Map<String, Integer> verdicts = new HashMap<>();
        Map<String, Double> deeppoly = new HashMap<>();
        Random rnd = new Random(5);
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
            if (r.certified()) {
                assertTrue(sampled > 0, "certified but a sampled point is misclassified: " + r + " sampled " + sampled);
            }
            if (!Double.isNaN(r.margin())) {
                assertTrue(r.margin() <= sampled + 1e-9, "margin above the sampled margin: " + r + " sampled " + sampled);
            }
            if (r.method().equals("deeppoly")) {
                deeppoly.put(r.image() + "|" + r.eps(), r.margin());
            }
            if (r.method().equals("alpha-crown")) {
                assertTrue(r.margin() >= deeppoly.get(r.image() + "|" + r.eps()) - 1e-12, "alpha-crown looser: " + r);
            }
            if (r.verdict().equals(Verdicts.FALSIFIED)) {
                assertTrue(sampled > Double.NEGATIVE_INFINITY);
            }
        }
        // not vacuous: some jobs are certified and some are not
        assertTrue(verdicts.getOrDefault(Verdicts.CERTIFIED, 0) > 10, verdicts.toString());
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
