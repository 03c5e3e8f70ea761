package org.relucert.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.serve.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert bounds}: bounds of every output under one or more domains. */
@Command(name = "bounds", mixinStandardHelpOptions = true,
        description = "Print lower and upper bounds of every network output over a box, one row per domain.")
final class BoundsCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Mixin
    Inputs.BoxOption box;

    @Option(names = "--domain", required = true, paramLabel = "D[,D2,...]", completionCandidates = DomainNames.class,
            description = "domains to run, comma-separated; known: ${COMPLETION-CANDIDATES}")
    String domains;

    @Option(names = "--hull-set", paramLabel = "box|exact", defaultValue = "box",
            description = "set each multi/layer/krelu hull is taken over: box (current bounds, default) or exact (the LP polytope so far)")
    String hullSet;

    /** The registered domain names, for the help text. */
    static final class DomainNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Domains.names().iterator();
        }
    }

    @Option(names = "--json", description = "print {\"results\": [{\"domain\", \"lower\", \"upper\", \"seconds\"}, ...]}")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Network network = net.load();
        Box b = box.load(network.inputSize());
        List<Relaxation> relaxations = Domains.parseList(org.relucert.relax.Hulls.withHullSet(domains, hullSet));
        PrintWriter out = spec.commandLine().getOut();
        List<ObjectNode> rows = new ArrayList<>();
        for (Relaxation r : relaxations) {
            long t0 = System.nanoTime();
            Analysis a = r.analyse(network, b);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (json) {
                rows.add(Documents.boundsRow(r, a, seconds));
            } else {
                out.printf("%-14s %s   (%.3f s)%n", r.name(), Format.intervals(a.lower(), a.upper()), seconds);
                for (String note : a.notes()) {
                    out.println("    note: " + note);
                }
            }
        }
        if (json) {
            out.println(Documents.text(Documents.bounds(rows)));
        }
        out.flush();
        return 0;
    }
}
