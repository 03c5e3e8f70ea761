package org.relucert.precision;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.relucert.net.Box;

/**
 * Coordinate pattern search that maximises the gap over boxes inside a domain: it moves one face, or
 * shifts the box, along one axis by a step, keeps any move that increases the gap, and halves the steps
 * when no move helps. Deterministic.
 */
final class LocalSearch {
    private LocalSearch() {
    }

    /**
     * Climbs from {@code start} for at most {@code evaluations} boxes; returns every box evaluated (with a
     * null gap where the evaluation failed), the best last.
     *
     * @param evaluate the gap of a box, or null when it cannot be computed
     */
    static List<BoxGap> climb(BoxGap start, Box over, int evaluations, Function<Box, BoxGap> evaluate) {
        int d = over.dim();
        double[] step = new double[d];
        double[] minStep = new double[d];
        for (int i = 0; i < d; i++) {
            double w = over.upper()[i] - over.lower()[i];
            double bw = start.box().upper()[i] - start.box().lower()[i];
            step[i] = Math.max(0.25 * bw, 1e-3 * w);
            minStep[i] = 1e-10 * Math.max(w, 1e-300);
        }
        List<BoxGap> seen = new ArrayList<>();
        BoxGap best = start;
        int used = 0;
        while (used < evaluations) {
            boolean improved = false;
            for (int move = 0; move < 6 * d && used < evaluations; move++) {
                Box next = moved(best.box(), over, move, step);
                if (next == null) {
                    continue;
                }
                used++;
                BoxGap g = evaluate.apply(next);
                if (g != null) {
                    seen.add(g);
                    if (g.gap() > best.gap()) {
                        best = g;
                        improved = true;
                    }
                }
            }
            if (!improved) {
                boolean tiny = true;
                for (int i = 0; i < d; i++) {
                    step[i] *= 0.5;
                    tiny &= step[i] < minStep[i];
                }
                if (tiny) {
                    break;
                }
            }
        }
        seen.remove(best);
        seen.add(best);
        return seen;
    }

    /**
     * Move number {@code move}: dimension move / 6, then lower -, lower +, upper -, upper +, shift -, shift +.
     * Clipped to the domain; null when the move empties the box or changes nothing.
     */
    private static Box moved(Box box, Box over, int move, double[] step) {
        int i = move / 6;
        int kind = move % 6;
        double[] lo = box.lower().clone();
        double[] hi = box.upper().clone();
        double s = step[i];
        switch (kind) {
            case 0 -> lo[i] -= s;
            case 1 -> lo[i] += s;
            case 2 -> hi[i] -= s;
            case 3 -> hi[i] += s;
            case 4 -> { lo[i] -= s; hi[i] -= s; }
            default -> { lo[i] += s; hi[i] += s; }
        }
        lo[i] = Math.max(lo[i], over.lower()[i]);
        hi[i] = Math.min(hi[i], over.upper()[i]);
        if (lo[i] > hi[i] || (lo[i] == box.lower()[i] && hi[i] == box.upper()[i])) {
            return null;
        }
        return new Box(lo, hi);
    }
}
