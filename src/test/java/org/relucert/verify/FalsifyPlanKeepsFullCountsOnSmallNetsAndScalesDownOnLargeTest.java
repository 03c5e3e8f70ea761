package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.spec.Property;

/**
 * {@link FalsifyPlan}, checked on the work the {@link Falsifier} counts (forward-pass equivalents), never on
 * time: an ACAS Xu sized network (5 inputs, 6 x 50 ReLUs) keeps the full counts and its first search does at
 * least the full sampling stage; on a network with 16 inputs and 4000 ReLUs, where the full search would
 * evaluate more than {@value FalsifyPlan#WORK} ReLUs, the counts are scaled down and the counted search
 * stays within the budget. The case is never violated (threshold far below any output), so no search stops
 * early at a counterexample.
 */
class FalsifyPlanKeepsFullCountsOnSmallNetsAndScalesDownOnLargeTest {

    /** A case y_0 + 1e9 &lt;= 0, which no output of these networks satisfies. */
    private static Property.Case neverViolated(Network net, long seed) {
        Box box = RandomNetworks.box(seed, net.inputSize(), 1.0);
        double[][] c = {new double[net.outputSize()]};
        c[0][0] = 1;
        return new Property.Case(box, c, new double[] {-1e9});
    }

    private static long countedPasses(Network net, FalsifyPlan plan, long seed) {
        Falsifier falsifier = new Falsifier(net);
        Property.Case cs = neverViolated(net, seed);
        Falsifier.Point p = Verifier.firstSearch(net, falsifier, cs, plan, seed,
                Verifier.deadlineAfter(Double.POSITIVE_INFINITY));
        assertTrue(p.margin() > 0, "no counterexample can exist");
        return falsifier.passes();
    }

    @Test
    void acasSizedNetworksKeepTheFullCounts() {
        for (long seed = 1; seed <= 3; seed++) {
            Network net = RandomNetworks.fullyConnected(seed, 5, new int[] {50, 50, 50, 50, 50, 50}, 5);
            FalsifyPlan full = FalsifyPlan.full(net.inputSize());
            FalsifyPlan plan = FalsifyPlan.forNetwork(net);
            assertEquals(full, plan, "an ACAS-sized network keeps the full plan");
            assertTrue(plan.regionRounds() > 0 && plan.polishEvaluations() > 0, "low-dimensional full plan: " + plan);
            long passes = countedPasses(net, plan, seed);
            System.out.printf("ACAS-sized seed %d: %d ReLUs, plan %s, %d passes counted (plan bound %d)%n",
                    seed, net.reluCount(), plan, passes, plan.passes(net.inputSize()));
            assertTrue(passes > full.samples(), "the full sampling stage ran: " + passes);
        }
    }

    @Test
    void aLargeNetworkGetsScaledDownCountsWithinTheBudget() {
        Network net = RandomNetworks.fullyConnected(7, 16, new int[] {2000, 2000}, 5);
        FalsifyPlan full = FalsifyPlan.full(net.inputSize());
        double fullWork = (double) full.passes(net.inputSize()) * net.reluCount();
        assertTrue(fullWork > FalsifyPlan.WORK, "precondition: the full search exceeds the budget, " + fullWork);
        FalsifyPlan plan = FalsifyPlan.forNetwork(net);
        assertTrue(plan.samples() < full.samples() && plan.restarts() < full.restarts()
                && plan.polishEvaluations() < full.polishEvaluations(), "scaled down: " + plan + " vs " + full);
        double planned = (double) plan.passes(net.inputSize()) * net.reluCount();
        assertTrue(planned <= FalsifyPlan.WORK * 1.01, "the plan's own bound within the budget: " + planned);
        long passes = countedPasses(net, plan, 7);
        double counted = (double) passes * net.reluCount();
        System.out.printf("16 inputs, %d ReLUs: plan %s, %d passes counted = %.3g ReLU evaluations (full plan %.3g)%n",
                net.reluCount(), plan, passes, counted, fullWork);
        assertTrue(passes > plan.samples(), "the scaled sampling stage ran: " + passes);
        assertTrue(counted <= FalsifyPlan.WORK * 1.01, "counted work " + counted + " beyond the budget");
        assertTrue(passes <= plan.passes(net.inputSize()), "counted " + passes + " beyond the plan's bound");
    }
}
