package org.relucert.report;

import java.util.ArrayList;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * Every analysis of the report runs here, so that the notes of one whose bounds fell back (a solve that failed
 * or ran out of time, a MILP stopped early) are kept for the section being computed: claims resting on looser
 * fallback bounds must not count as reproduced or contradicted ({@link #qualify}).
 */
final class Evidence {
    /** Notes kept per section at most (the paragraph lists the first ten distinct ones). */
    private static final int MAX_NOTES = 1000;
    private static final ThreadLocal<List<String>> NOTES = ThreadLocal.withInitial(ArrayList::new);

    private Evidence() {
    }

    /** {@code r.analyse(net, box)}, keeping its notes for the section being computed on this thread. */
    static Analysis analyse(Relaxation r, Network net, Box box) {
        Analysis a = r.analyse(net, box);
        List<String> kept = NOTES.get();
        for (String n : a.notes()) {
            if (kept.size() < MAX_NOTES) {
                kept.add(r.name() + ": " + n);
            }
        }
        return a;
    }

    /** Forgets the notes kept so far on this thread (a section starts). */
    static void reset() {
        NOTES.get().clear();
    }

    /**
     * The section as computed, or, when some of its analyses noted fallback bounds, the section with every
     * reproduced or contradicted claim turned into "not reproduced" (its evidence may be a looser bound than
     * the domain's own) and a paragraph listing the notes. Forgets the notes.
     */
    static Section qualify(Section s) {
        List<String> notes = List.copyOf(NOTES.get());
        reset();
        if (notes.isEmpty()) {
            return s;
        }
        List<Claim> claims = new ArrayList<>();
        for (Claim c : s.claims()) {
            claims.add(c.status() == Claim.Status.NOT_REPRODUCED ? c : new Claim(c.what(), c.expected(),
                    c.observed() + " (" + c.status().label() + " on bounds that include fallbacks: not counted)",
                    Claim.Status.NOT_REPRODUCED));
        }
        StringBuilder md = new StringBuilder(s.markdown());
        md.append("\n\n**Fallback bounds.** Some analyses of this section kept looser sound bounds where a solve "
                + "failed or ran out of time, so its claims count as not reproduced. The notes (" + notes.size() + "):\n\n");
        notes.stream().distinct().limit(10).forEach(n -> md.append("- ").append(n).append('\n'));
        return new Section(s.title(), md.toString(), claims);
    }
}
