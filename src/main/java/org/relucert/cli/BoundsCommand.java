package org.relucert.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.relucert.InvalidInputException;
import org.relucert.api.BoundsRequest;
import org.relucert.api.BoundsResult;
import org.relucert.api.InputLines;
import org.relucert.api.NodeBounds;
import org.relucert.api.OutputRows;
import org.relucert.api.Relucert;
import org.relucert.bounds.Deadline;
import org.relucert.domains.Domains;
import org.relucert.io.BoxParser;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.relax.Hulls;
import org.relucert.serve.Documents;
import org.relucert.spec.Property;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert bounds}: bounds of every output (or of margin rows, or of a property's rows) under domains. */
@Command(name = "bounds", mixinStandardHelpOptions = true,
        description = {"Print lower and upper bounds of every network output over an input set, one row per domain.",
                "The input set: --box, --box-file, --center with --eps (L-inf ball, clipped to --valid), or --spec"
                        + " (each case's box; the case's output constraint rows c.y - d are bounded, folded in).",
                "--c-matrix bounds the rows c.y - d (margins) instead of the outputs."})
final class BoundsCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Mixin
    Inputs.BoxOption box;

    @Option(names = "--center", paramLabel = "x1,x2,...", description = "center of an L-infinity ball (with --eps)")
    String center;

    @Option(names = "--eps", paramLabel = "E", description = "radius of the L-infinity ball around --center")
    Double eps;

    @Option(names = "--valid", paramLabel = "l:u|l1:u1,...",
            description = "valid input range the ball is clipped to: one l:u for every input, or one per input")
    String valid;

    @Option(names = "--spec", paramLabel = "FILE", description = "VNN-LIB property: bound each case's output constraint rows")
    Path specFile;

    @Option(names = "--c-matrix", paramLabel = "ROWS|FILE",
            description = "rows of C to bound c.y - d: \"1,-1,0;0,1,-1\" (';' between rows, optional \"|d\" after a"
                    + " row) or a file with one row per line")
    String cMatrix;

    @Option(names = "--domain", required = true, paramLabel = "D[,D2,...]", completionCandidates = DomainNames.class,
            description = "domains to run, comma-separated; known: ${COMPLETION-CANDIDATES}")
    String domains;

    @Option(names = "--hull-set", paramLabel = "box|exact|reach", defaultValue = "box",
            description = "set each multi/layer/krelu hull is taken over: box (current bounds, default), exact (the LP polytope so far) or reach (the exact reachable set; small networks only)")
    String hullSet;

    @Option(names = "--steps", paramLabel = "N", description = "alpha-crown: optimisation steps per bound (default 20)")
    Integer steps;

    @Option(names = "--show", paramLabel = "intermediate|linear", split = ",",
            description = "also print every node's bounds (intermediate) and the linear bounds over the input of"
                    + " back-substitution domains (linear); both also go into --json")
    List<String> show = new ArrayList<>();

    /** The registered domain names, for the help text. */
    static final class DomainNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Domains.names().iterator();
        }
    }

    @Mixin
    Inputs.TimeLimit timeLimit;

    @Mixin
    Inputs.Quiet quiet = new Inputs.Quiet();

    @Option(names = "--json", description = "print {\"results\": [{\"domain\", \"lower\", \"upper\", \"seconds\","
            + " \"time_limited\", [\"proven\"], [\"case\"], [\"nodes\"], [\"linear\"], [\"notes\"]}, ...]};"
            + " \"proven\": {\"lower\": [..], \"upper\": [..]}, one flag per row, only when some bound is not"
            + " proven (exact: SCIP's widened dual bound)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (String s : show) {
            if (!s.trim().equals("intermediate") && !s.trim().equals("linear")) {
                throw new InvalidInputException("--show: unknown '" + s + "'; known: intermediate, linear");
            }
        }
        Network network = net.load();
        List<String> specs = domainSpecs();
        List<BoundsRequest> requests = new ArrayList<>();
        if (specFile != null) {
            if (box.box != null || box.boxFile != null || center != null || cMatrix != null) {
                throw new InvalidInputException("--spec gives the input boxes and rows; drop --box/--box-file/--center/--c-matrix");
            }
        } else {
            OutputRows rows = cMatrix == null ? null : rows(network.outputSize());
            requests.add(new BoundsRequest(network, inputSet(network.inputSize()), rows, specs.get(0)));
        }
        Property property = specFile == null ? null : Relucert.property(specFile);
        Inputs.preloadSolver(specs.stream().map(Domains::parse).toList());
        Deadline deadline = timeLimit.start();
        long total = (long) specs.size() * (property == null ? 1 : property.cases().size());
        AtomicLong runs = new AtomicLong();
        try (ProgressDisplay bar = ProgressDisplay.open("bounds", quiet.on, spec.commandLine().getErr())
                .limit(deadline.limitSeconds()).ticking(runs::get, total, "domain runs")) {
            print(network, specs, requests, property, deadline, bar.guard(spec.commandLine().getOut()),
                    found -> bar.update(runs.addAndGet(found), total, "domain runs"));
        }
        return 0;
    }

    private void print(Network network, List<String> specs, List<BoundsRequest> requests, Property property,
                       Deadline deadline, PrintWriter out, IntConsumer ran) throws Exception {
        boolean intermediate = show.stream().anyMatch(s -> s.trim().equals("intermediate"));
        boolean linear = show.stream().anyMatch(s -> s.trim().equals("linear"));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode results = root.putArray("results");
        boolean unproven = false;
        for (String d : specs) {
            List<BoundsResult> found = property != null ? Relucert.bounds(network, property, d, deadline)
                    : List.of(Relucert.bounds(requests.get(0).withDomain(d), deadline));
            ran.accept(found.size());
            for (int k = 0; k < found.size(); k++) {
                BoundsResult r = found.get(k);
                String label = found.size() > 1 || property != null ? r.domain() + " case " + (k + 1) : r.domain();
                if (json) {
                    ObjectNode o = Documents.boundsRow(r, intermediate, linear);
                    results.add(o);
                    if (property != null) {
                        o.put("case", k + 1);
                    }
                } else {
                    print(out, label, property != null ? 22 : 14, r, intermediate, linear);
                    unproven |= !r.allProven();
                }
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(root));
        } else if (unproven) {
            out.println(Format.UNPROVEN_FOOTNOTE);
        }
        out.flush();
    }

    private List<String> domainSpecs() {
        List<String> out = new ArrayList<>();
        boolean alpha = false;
        for (String s : Hulls.withHullSet(domains, hullSet).split(",")) {
            String d = s.trim();
            if (d.isEmpty()) {
                continue;
            }
            if (d.equals("alpha-crown") || d.startsWith("alpha-crown:")) {
                alpha = true;
                if (steps != null) {
                    if (steps < 0) {
                        throw new InvalidInputException("--steps must be 0 or more, got " + steps);
                    }
                    d = "alpha-crown:" + steps;
                }
            }
            Domains.parse(d);
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("no domain given");
        }
        if (steps != null && !alpha) {
            throw new InvalidInputException("--steps applies to alpha-crown only, which --domain does not list");
        }
        return out;
    }

    private Box inputSet(int dim) {
        if (center == null) {
            if (eps != null || valid != null) {
                throw new InvalidInputException("--eps and --valid need --center");
            }
            return box.load(dim);
        }
        if (box.box != null || box.boxFile != null) {
            throw new InvalidInputException("give either --box/--box-file or --center with --eps, not both");
        }
        if (eps == null) {
            throw new InvalidInputException("--center needs --eps");
        }
        double[] x = BoxParser.parsePoint(center, dim, "--center");
        Box range = null;
        if (valid != null) {
            range = valid.contains(",") || dim == 1 ? BoxParser.parse(valid, dim) : cube(BoxParser.parse(valid, 1), dim);
        }
        return Relucert.ball(x, eps, range);
    }

    private static Box cube(Box one, int dim) {
        return Box.cube(dim, one.lower()[0], one.upper()[0]);
    }

    private OutputRows rows(int outputs) {
        Path file = Path.of(cMatrix);
        if (!cMatrix.contains(",") && !cMatrix.contains(";") && Files.isRegularFile(file)) {
            return OutputRows.read(file, outputs);
        }
        if (!cMatrix.contains(",") && !cMatrix.contains(";") && outputs > 1) {
            throw new InvalidInputException("--c-matrix: " + cMatrix + ": no such file");
        }
        return OutputRows.parse(cMatrix, outputs, "--c-matrix");
    }

    private static void print(PrintWriter out, String label, int width, BoundsResult r, boolean intermediate,
                              boolean linear) {
        out.printf("%-" + width + "s %s   (%.3f s%s)%n", label,
                Format.intervals(r.lower(), r.upper(), r.lowerProven(), r.upperProven()), r.seconds(),
                r.timeLimited() ? ", time limit: looser sound bounds, see notes" : "");
        for (String note : r.notes()) {
            out.println("    note: " + note);
        }
        if (intermediate) {
            for (NodeBounds nb : r.nodes()) {
                out.println("    node " + nb.name() + ": " + Format.intervals(nb.lower(), nb.upper()));
            }
        }
        if (linear) {
            InputLines l = r.lines();
            if (l == null) {
                out.println("    linear bounds: none (not a back-substitution domain)");
            }
            for (int i = 0; l != null && i < r.size(); i++) {
                out.println("    row " + (i + 1) + ": " + form(l.lowerCoef()[i], l.lowerConst()[i]) + " <= y <= "
                        + form(l.upperCoef()[i], l.upperConst()[i]));
            }
        }
    }

    /** "a1*x1 - a2*x2 + b": each term after the first with its sign as the operator. */
    static String form(double[] coef, double constant) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < coef.length; k++) {
            if (coef[k] != 0) {
                term(sb, coef[k]).append("*x").append(k + 1);
            }
        }
        return term(sb, constant).toString();
    }

    private static StringBuilder term(StringBuilder sb, double v) {
        if (sb.length() == 0) {
            return sb.append(Format.num(v));
        }
        return sb.append(v < 0 ? " - " : " + ").append(Format.num(Math.abs(v)));
    }
}
