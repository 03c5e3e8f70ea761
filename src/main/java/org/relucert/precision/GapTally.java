package org.relucert.precision;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of the checked boxes, merged in a fixed order. */
final class GapTally {
    int checked;
    int exact;
    int unsound;
    BoxGap unsoundExample;
    BoxGap best;
    final Map<String, Integer> byStrategy = new LinkedHashMap<>();

    void add(BoxGap g, String strategy) {
        if (g == null) {
            return;
        }
        checked++;
        byStrategy.merge(strategy, 1, Integer::sum);
        if (g.exactWithinTolerance()) {
            exact++;
        }
        if (g.unsound()) {
            unsound++;
            if (unsoundExample == null) {
                unsoundExample = g;
            }
        }
        if (best == null || g.gap() > best.gap()) {
            best = g;
        }
    }
}
