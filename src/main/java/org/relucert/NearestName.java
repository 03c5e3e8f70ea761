package org.relucert;

import java.util.Locale;

/**
 * The known name a mistyped one most likely meant, for "did you mean" suggestions (domains, methods,
 * options): the candidate at the smallest edit distance, at most 2, ignoring case; a candidate that starts
 * with the typed name counts as distance 1, so that an abbreviation finds its name. Ties go to the smaller
 * edit distance, then to the earlier candidate.
 */
public final class NearestName {
    /** Names further than this many edits are not suggested. */
    private static final int MAX_EDITS = 2;

    private NearestName() {
    }

    /** The candidate nearest to {@code name}, or null when none is within {@value #MAX_EDITS} edits. */
    public static String of(String name, Iterable<String> candidates) {
        String typed = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = MAX_EDITS + 1;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String known = c.toLowerCase(Locale.ROOT);
            int d = distance(typed, known);
            int score = !typed.isEmpty() && known.startsWith(typed) ? Math.min(d, 1) : d;
            if (score < bestScore || (score == bestScore && d < bestDistance)) {
                bestScore = score;
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Edit (Levenshtein) distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
