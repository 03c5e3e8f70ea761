package org.relucert.construct;

import java.util.List;
import org.relucert.net.Network;

/**
 * A network built to encode a function so that a relaxation analyses it precisely, with its provenance:
 * the target domain, the construction's name, the THEORY.md section and result it rests on, and notes
 * (e.g. "[derived]" steps or open questions).
 */
public record Encoding(Network network, String domain, String function, String construction,
                       String reference, List<String> notes) {

    public Encoding {
        notes = List.copyOf(notes);
    }
}
