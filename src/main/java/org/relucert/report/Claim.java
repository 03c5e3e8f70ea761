package org.relucert.report;

/**
 * One claim of the papers (or of THEORY.md) checked against a value computed on the spot: what is claimed,
 * the expected value, the observed one, and whether they agree.
 */
public record Claim(String what, String expected, String observed, boolean reproduced) {

    /** One Markdown bullet: "reproduced" or "NOT reproduced" with both numbers. */
    public String markdown() {
        return "- " + (reproduced ? "**reproduced**" : "**NOT reproduced**") + ": " + what + " — expected "
                + expected + ", observed " + observed;
    }
}
