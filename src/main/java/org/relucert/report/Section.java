package org.relucert.report;

import java.util.List;

/** One section of the paper report: a title, its Markdown body, and the claims it checked. */
public record Section(String title, String markdown, List<Claim> claims) {

    public Section {
        claims = List.copyOf(claims);
    }

    /** Number of claims reproduced. */
    public long reproducedCount() {
        return claims.stream().filter(Claim::reproduced).count();
    }
}
