package org.relucert.report;

import java.util.List;

/** One section of the paper report: a title, its Markdown body, and the claims it checked. */
public record Section(String title, String markdown, List<Claim> claims) {

    public Section {
        claims = List.copyOf(claims);
    }

    /** Number of claims reproduced. */
    public long reproducedCount() {
        return count(Claim.Status.REPRODUCED);
    }

    /** Number of claims with the given status. */
    public long count(Claim.Status status) {
        return claims.stream().filter(c -> c.status() == status).count();
    }

    /** "12 claims: 10 reproduced, 1 not reproduced, 1 contradicted" (kinds with no claim left out). */
    public static String counts(List<Claim> claims) {
        StringBuilder sb = new StringBuilder(claims.size() + (claims.size() == 1 ? " claim" : " claims"));
        String sep = ": ";
        for (Claim.Status s : Claim.Status.values()) {
            long n = claims.stream().filter(c -> c.status() == s).count();
            if (n > 0) {
                sb.append(sep).append(n).append(' ').append(s.label());
                sep = ", ";
            }
        }
        return sb.toString();
    }
}
