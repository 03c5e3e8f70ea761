package org.relucert.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;
import org.relucert.net.RandomConvNetworks;
import org.relucert.net.RandomNetworks;

/**
 * By default ({@link Verifier.Options#AUTO_CANDIDATES}) branching compares {@value BranchCandidates#SPATIAL}
 * FSB candidates on networks with a convolutional ReLU layer and uses the intercept score alone on fully
 * connected ones; a number the user gives is kept as it is.
 */
class BranchCandidatesChooseFsbOnConvolutionalNetworksTest {

    @Test
    void convolutionalNetworksGetFsbAndFullyConnectedOnesTheInterceptScore() {
        Network fc = RandomNetworks.fullyConnected(1, 40, new int[] {16, 16}, 3);
        assertEquals(1, BranchCandidates.resolve(fc, Verifier.Options.AUTO_CANDIDATES));
        assertEquals(BranchCandidates.SPATIAL,
                BranchCandidates.resolve(RandomConvNetworks.cifarBase(1), Verifier.Options.AUTO_CANDIDATES));
        assertEquals(BranchCandidates.SPATIAL,
                BranchCandidates.resolve(RandomConvNetworks.resnet2b(2), Verifier.Options.AUTO_CANDIDATES));
        // the same function as dense layers has flat ReLU inputs: the intercept score alone
        assertEquals(1, BranchCandidates.resolve(DenseLowering.lower(RandomNetworks.convolutional(4,
                new int[] {1, 5, 5}, 1, 2, 0.0, 2)), Verifier.Options.AUTO_CANDIDATES));
    }

    @Test
    void aRequestedNumberIsKept() {
        Network conv = RandomConvNetworks.cifarBase(1);
        assertEquals(1, BranchCandidates.resolve(conv, 1));
        assertEquals(3, BranchCandidates.resolve(RandomNetworks.fullyConnected(1, 40, new int[] {16}, 3), 3));
    }

    @Test
    void theDefaultOptionsLeaveTheChoiceToTheNetwork() {
        assertEquals(Verifier.Options.AUTO_CANDIDATES, Verifier.Options.defaults(10).branchCandidates());
        assertEquals(Verifier.Options.AUTO_CANDIDATES, new Verifier.Options(10, 1, 1, 1, 1).branchCandidates());
    }
}
