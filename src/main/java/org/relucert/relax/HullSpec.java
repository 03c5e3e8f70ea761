package org.relucert.relax;

import org.relucert.InvalidInputException;

/**
 * What one family of multi-neuron hulls couples, over which set, and how neurons are grouped.
 *
 * <p>Domain syntax: {@code multi:K[:OPT...]}, {@code layer[:OPT...]}, {@code krelu:K[:OPT...]} with
 * options {@code box} (default), {@code exact} or {@code reach} (the hull set), {@code overlap} (overlapping groups)
 * and {@code patterns=N} (the pattern limit, default 2^14).
 *
 * @param coupling     which variables a hull couples with the group's ReLU outputs
 * @param groupSize    at most this many unstable neurons per group ({@link Integer#MAX_VALUE}: the layer)
 * @param hullSet      over which set the hull is taken
 * @param overlap      false: consecutive disjoint groups; true: windows of K with stride max(1, K/2)
 * @param maxPatterns  refuse a group whose hull needs more activation patterns than this
 */
public record HullSpec(Coupling coupling, int groupSize, HullSet hullSet, boolean overlap, int maxPatterns) {

    /** Default limit on the activation patterns of one hull. */
    public static final int DEFAULT_MAX_PATTERNS = 1 << 14;

    /** The variables coupled with a group's outputs. */
    public enum Coupling {
        /**
         * The inputs of the linear node (affine, conv, residual sum) feeding the ReLU node (all its
         * sources, i.e. the layer's inputs; the ReLU's source itself when it is the input or a ReLU): P2's M_K.
         */
        LAYER_INPUTS,
        /** The group's own pre-activations (k-ReLU / PRIMA style). */
        PRE_ACTIVATIONS
    }

    /** The set a hull is taken over. */
    public enum HullSet {
        /**
         * The box of the current bounds of the coupled variables (LP bounds where computed, otherwise
         * IBP/DeepPoly bounds).
         */
        BOX,
        /**
         * The whole LP polytope built before the ReLU node (input box, all earlier nodes, their triangle
         * and hull constraints): the hull is over that polytope's points together with the exact ReLU
         * outputs of the group. The coupled set is then every earlier LP variable, so the coupling choice
         * makes no difference.
         */
        EXACT,
        /**
         * The exact reachable set of the coupled variables: the union over the activation regions of the
         * earlier ReLUs of one polytope each, computed exactly ({@link ReachableHull}); refused above
         * {@code relucert.reach.maxRegions} regions.
         */
        REACH
    }

    /** The domain name of this spec, e.g. "multi:2", "layer:exact", "krelu:3:overlap". */
    public String domainName() {
        String base = switch (coupling) {
            case LAYER_INPUTS -> groupSize == Integer.MAX_VALUE ? "layer" : "multi:" + groupSize;
            case PRE_ACTIVATIONS -> groupSize == Integer.MAX_VALUE ? "krelu:layer" : "krelu:" + groupSize;
        };
        if (hullSet == HullSet.EXACT) {
            base += ":exact";
        } else if (hullSet == HullSet.REACH) {
            base += ":reach";
        }
        if (overlap) {
            base += ":overlap";
        }
        if (maxPatterns != DEFAULT_MAX_PATTERNS) {
            base += ":patterns=" + maxPatterns;
        }
        return base;
    }

    /**
     * Parses the argument of "multi:ARG", "krelu:ARG" (K first, then options) or "layer:ARG" (options only).
     *
     * @throws InvalidInputException on a bad K or an unknown option
     */
    public static HullSpec parse(String domain, Coupling coupling, boolean wholeLayer, String arg) {
        String[] parts = arg == null || arg.isBlank() ? new String[0] : arg.split(":");
        int at = 0;
        int k = Integer.MAX_VALUE;
        if (!wholeLayer) {
            if (parts.length == 0) {
                throw new InvalidInputException("domain '" + domain + "' needs a group size, e.g. '" + domain + ":2'");
            }
            k = parseK(domain, parts[0]);
            at = 1;
        }
        HullSet set = HullSet.BOX;
        boolean overlap = false;
        int max = DEFAULT_MAX_PATTERNS;
        for (; at < parts.length; at++) {
            String p = parts[at].trim();
            if (p.equals("box")) {
                set = HullSet.BOX;
            } else if (p.equals("exact")) {
                set = HullSet.EXACT;
            } else if (p.equals("reach")) {
                set = HullSet.REACH;
            } else if (p.equals("overlap")) {
                overlap = true;
            } else if (p.startsWith("patterns=")) {
                max = parsePositive(domain, p.substring("patterns=".length()), "pattern limit");
            } else {
                throw new InvalidInputException("domain '" + domain + ":" + arg + "': unknown option '" + p
                        + "' (expected box, exact, reach, overlap or patterns=N)");
            }
        }
        return new HullSpec(coupling, k, set, overlap, max);
    }

    private static int parseK(String domain, String s) {
        if (s.trim().equals("layer")) {
            return Integer.MAX_VALUE;
        }
        return parsePositive(domain, s, "group size K");
    }

    private static int parsePositive(String domain, String s, String what) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("domain '" + domain + "': " + what + " must be a positive integer, got '" + s + "'");
    }
}
