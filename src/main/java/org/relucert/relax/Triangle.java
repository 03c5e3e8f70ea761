package org.relucert.relax;

import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The triangle relaxation Delta (THEORY.md §3.4) as one LP over all neurons: every unstable ReLU gets
 * y >= 0, y >= z and the upper chord. With {@link LpSettings#lpIntermediate()} the pre-activation bounds
 * are themselves LP minima and maxima, node by node (domain {@code triangle}, the most precise
 * single-neuron relaxation); otherwise they are the IBP/DeepPoly-area bounds (domain {@code triangle-dp}:
 * faster, and possibly looser, so THEORY's claims about Delta need not hold for it).
 */
public final class Triangle implements Relaxation {

    private final LpSettings settings;

    public Triangle(LpSettings settings) {
        this.settings = settings;
    }

    /** Domain "triangle": LP intermediate bounds. */
    public static Triangle lpBounds() {
        return new Triangle(LpSettings.DEFAULT);
    }

    /** Domain "triangle-dp": DeepPoly intermediate bounds. */
    public static Triangle deepPolyBounds() {
        return new Triangle(LpSettings.DEEPPOLY_INTERMEDIATE);
    }

    @Override
    public String name() {
        return settings.lpIntermediate() ? "triangle" : "triangle-dp";
    }

    @Override
    public Analysis analyse(Network net, Box box) {
        return analyse(net, box, Deadline.NONE);
    }

    @Override
    public Analysis analyse(Network net, Box box, Deadline deadline) {
        return LayerByLayer.run(name(), net, box, settings, null, deadline);
    }
}
