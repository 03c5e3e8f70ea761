package org.relucert.relax;

import java.util.ArrayList;
import java.util.List;
import org.relucert.bounds.Relaxation;

/** Domain-spec helpers for the multi-neuron relaxations ({@code multi}, {@code layer}, {@code krelu}). */
public final class Hulls {

    private Hulls() {
    }

    /** The relaxation for domain {@code name} ("multi", "layer" or "krelu") with argument {@code arg}. */
    public static Relaxation domain(String name, String arg) {
        HullSpec spec = switch (name) {
            case "multi" -> HullSpec.parse(name, HullSpec.Coupling.LAYER_INPUTS, false, arg);
            case "layer" -> HullSpec.parse(name, HullSpec.Coupling.LAYER_INPUTS, true, arg);
            case "krelu" -> HullSpec.parse(name, HullSpec.Coupling.PRE_ACTIVATIONS, false, arg);
            default -> throw new IllegalArgumentException("not a hull domain: " + name);
        };
        return new MultiNeuron(spec);
    }

    /**
     * Applies {@code --hull-set box|exact|reach} to a comma-separated list of domain specs: each multi, layer
     * or krelu spec that names no hull set gets ":exact" or ":reach" appended; "box" changes nothing.
     *
     * @throws org.relucert.InvalidInputException for another value
     */
    public static String withHullSet(String specs, String hullSet) {
        if (hullSet == null || hullSet.equals("box")) {
            return specs;
        }
        if (!hullSet.equals("exact") && !hullSet.equals("reach")) {
            throw new org.relucert.InvalidInputException("--hull-set must be 'box', 'exact' or 'reach', got '" + hullSet + "'");
        }
        List<String> out = new ArrayList<>();
        for (String s : specs.split(",")) {
            String t = s.trim();
            String name = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
            boolean hull = name.equals("multi") || name.equals("layer") || name.equals("krelu");
            boolean named = (":" + t + ":").contains(":box:") || (":" + t + ":").contains(":exact:")
                    || (":" + t + ":").contains(":reach:");
            out.add(hull && !named ? t + ":" + hullSet : t);
        }
        return String.join(",", out);
    }
}
