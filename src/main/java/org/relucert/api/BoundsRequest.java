package org.relucert.api;

import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * What to bound: a network over an input box, either its outputs ({@code rows} null) or the rows
 * C·y - d of {@link OutputRows}, under the domain given by name (see {@link Relucert#domains()}).
 *
 * @param network the network
 * @param box     the input set (a box; an L-infinity ball is a box, see {@link Relucert#ball})
 * @param rows    the linear functions of the output to bound, or {@code null} for the outputs themselves
 * @param domain  a domain name as accepted by {@code --domain}, e.g. "ibp", "crown", "alpha-crown:50",
 *                "multi:2", "exact"
 */
public record BoundsRequest(Network network, Box box, OutputRows rows, String domain) {

    /** Bounds of the outputs of {@code network} over {@code box} under {@code domain}. */
    public static BoundsRequest of(Network network, Box box, String domain) {
        return new BoundsRequest(network, box, null, domain);
    }

    /** The same request for other rows. */
    public BoundsRequest withRows(OutputRows other) {
        return new BoundsRequest(network, box, other, domain);
    }

    /** The same request under another domain. */
    public BoundsRequest withDomain(String other) {
        return new BoundsRequest(network, box, rows, other);
    }
}
