package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

class SignAttackReturnsCheckedPointsTest {

    /**
     * On random 40-input networks with the threshold set at the 5% quantile of sampled values of the row,
     * the attack returns a point of the box whose margin is its exact forward pass's, no worse than its start,
     * and at most the sampled quantile (a counterexample exists among the samples, so it must find one).
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6"})
    void theAttackFindsAPointAtLeastAsViolatingAsTheSamplesAndReportsItsTrueMargin(long seed) {
        RandomQueries q = new RandomQueries(seed, 40);
        double[][] c = {q.c[0]};
        double[] values = Sampler.points(q.box, 200, seed, 0).stream()
                .mapToDouble(x -> q.row(0, q.net.evaluate(x)) + q.d[0]).sorted().toArray();
        double[] d = {values[values.length / 20]};
        Property.Case cs = new Property.Case(q.box, c, d);
        Falsifier falsifier = new Falsifier(q.net);
        double[] start = q.box.centre();
        Falsifier.Point p = new SignAttack(falsifier).attack(cs, start, 4, 40, seed, Verifier.deadlineAfter(60));
        assertTrue(q.box.contains(p.x(), 0), "the point left the box");
        assertEquals(cs.margin(q.net.evaluate(p.x())), p.margin(), 0.0, "margin is not the forward pass's");
        assertTrue(p.margin() <= falsifier.evaluate(cs, start).margin(), "worse than the start");
        assertTrue(p.margin() <= 0, "no counterexample found although 5% of the samples are; margin " + p.margin());
    }
}
