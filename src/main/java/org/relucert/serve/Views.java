package org.relucert.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.relucert.InvalidInputException;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.LinearBounds;
import org.relucert.construct.Cpwl;
import org.relucert.construct.Encoders;
import org.relucert.construct.Encoding;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.Table1;
import org.relucert.construct.TargetFunction;
import org.relucert.domains.Domains;
import org.relucert.exact.Breakpoints;
import org.relucert.io.NetJson;
import org.relucert.net.Add;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.Select;

/**
 * The endpoints that describe rather than bound: the network as layers, the graph of h, DeepPoly's linear
 * bounds to draw, {@code encode}, {@code classify}, the examples and Table 1.
 */
final class Views {
    private static final int MAX_GRAPH_POINTS = 10_000;

    private Views() {
    }

    /** {@code network}: the layers of a network (and its function and construction when it was encoded). */
    static ObjectNode network(JsonNode req) {
        NetRequest nr = NetRequest.of(req);
        Network net = nr.network();
        ObjectNode o = Documents.MAPPER.createObjectNode();
        o.put("inputs", net.inputSize());
        o.put("outputs", net.outputSize());
        o.put("relu_neurons", net.reluCount());
        ArrayNode layers = o.putArray("layers");
        for (int j = 0; j < net.nodes().size(); j++) {
            Node n = net.node(j);
            ObjectNode l = layers.addObject();
            l.put("name", net.nameOf(j));
            l.put("op", n.accept(OP));
            l.put("size", net.sizeOf(j));
            ArrayNode from = l.putArray("from");
            for (int s : n.from()) {
                from.add(s == Network.INPUT ? Network.INPUT_NAME : net.nameOf(s));
            }
        }
        if (nr.function() != null) {
            o.put("function", nr.function().text());
            o.put("class", nr.function().shape().label());
            if (nr.function() instanceof Cpwl c) {
                o.put("x", interval(c.start(), c.end()));
                o.set("kinks", Documents.array(c.kinks()));
            }
        }
        if (nr.encoding() != null) {
            encodingFields(o, nr.encoding());
        }
        return o;
    }

    /**
     * {@code graph}: h on X. One input: the exact graph, every breakpoint of h on X ({@code "points": [[x, y]...]});
     * two inputs: h on a {@code resolution}² grid ({@code "x", "y", "z"[i][j] = h(x[i], y[j])}).
     */
    static ObjectNode graph(JsonNode req) {
        Network net = NetRequest.of(req).network();
        Box over = Fields.box(req, "over", net.inputSize());
        int output = Fields.integer(req, "output", 0, 0, net.outputSize() - 1);
        ObjectNode o = Documents.MAPPER.createObjectNode();
        o.put("dim", net.inputSize());
        if (net.inputSize() == 1) {
            Breakpoints bp = Breakpoints.of(net, output, over.lower()[0], over.upper()[0]);
            double[] xs = bp.points();
            double[] ys = bp.values();
            if (xs.length > MAX_GRAPH_POINTS) {
                throw new InvalidInputException("graph: h has " + xs.length + " breakpoints on X, more than the page draws ("
                        + MAX_GRAPH_POINTS + ")");
            }
            ArrayNode pts = o.putArray("points");
            for (int i = 0; i < xs.length; i++) {
                pts.addArray().add(xs[i]).add(ys[i]);
            }
            o.set("kinks", Documents.array(bp.kinks(1e-9)));
            return o;
        }
        if (net.inputSize() != 2) {
            throw new InvalidInputException("graph: the page draws networks of one or two inputs; this one has "
                    + net.inputSize());
        }
        int n = Fields.integer(req, "resolution", 41, 2, 201);
        double[] gx = grid(over.lower()[0], over.upper()[0], n);
        double[] gy = grid(over.lower()[1], over.upper()[1], n);
        o.set("x", Documents.array(gx));
        o.set("y", Documents.array(gy));
        ArrayNode z = o.putArray("z");
        for (double x : gx) {
            ArrayNode row = z.addArray();
            for (double y : gy) {
                row.add(net.evaluate(new double[] {x, y})[output]);
            }
        }
        return o;
    }

    /**
     * {@code lines}: for each DeepPoly-family domain among {@code domains} (deeppoly0, deeppoly1, deeppoly), the
     * linear bounds of the output over the input on {@code box}: {@code {"domain", "lower": {"coef", "const"},
     * "upper": {...}}}; other domains are left out (their regions are not one pair of lines).
     */
    static ObjectNode lines(JsonNode req) {
        Network net = NetRequest.of(req).network();
        Box box = Fields.box(req, "box", net.inputSize());
        int output = Fields.integer(req, "output", 0, 0, net.outputSize() - 1);
        ObjectNode o = Documents.MAPPER.createObjectNode();
        ArrayNode list = o.putArray("lines");
        String names = Fields.domains(req, false);
        for (String name : names.isBlank() ? new String[0] : names.split(",")) {
            String domain = Domains.parse(name).name();
            for (DeepPoly.SlopeRule rule : DeepPoly.SlopeRule.values()) {
                if (new DeepPoly(rule).name().equals(domain)) {
                    LinearBounds lb = DeepPoly.outputLines(net, box, rule);
                    ObjectNode l = list.addObject().put("domain", domain);
                    l.putObject("lower").put("const", lb.lowerConst()[output]).set("coef", Documents.array(lb.lowerRow(output)));
                    l.putObject("upper").put("const", lb.upperConst()[output]).set("coef", Documents.array(lb.upperRow(output)));
                }
            }
        }
        return o;
    }

    /** {@code encode}: the network {@code encode --function F --for T} builds, with its construction. */
    static ObjectNode encode(JsonNode req) {
        NetRequest nr = NetRequest.of(Documents.MAPPER.createObjectNode().set("net", req));
        ObjectNode o = Documents.MAPPER.createObjectNode();
        o.put("function", nr.function().text());
        o.put("inputs", nr.function().dim());
        o.put("class", nr.function().shape().label());
        o.put("table1_column", nr.function().shape().tableClass());
        encodingFields(o, nr.encoding());
        o.put("relu_neurons", nr.network().reluCount());
        o.put("nodes", nr.network().nodes().size());
        try {
            o.set("network", Documents.MAPPER.readTree(NetJson.write(nr.network())));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return o;
    }

    /** {@code classify}: the function's class and each target's Table 1 verdict, as {@code classify} prints them. */
    static ObjectNode classify(JsonNode req) {
        TargetFunction f = FunctionParser.parse(Fields.text(req, "function", "function"));
        ObjectNode o = Documents.MAPPER.createObjectNode();
        o.put("function", f.text());
        o.put("inputs", f.dim());
        o.put("class", f.shape().label());
        o.put("table1_column", f.shape().tableClass());
        if (f instanceof Cpwl c) {
            o.set("interval", Documents.array(new double[] {c.start(), c.end()}));
            o.set("kinks", Documents.array(c.kinks()));
        }
        ArrayNode targets = o.putArray("targets");
        for (Encoders.Verdict v : Encoders.verdicts(f)) {
            targets.addObject().put("target", v.target()).put("mark", v.mark()).put("text", v.text());
        }
        return o;
    }

    /** {@code table1}: the cells of Table 1 with each column's example function and the cell's construction. */
    static ObjectNode table1() {
        ObjectNode o = Documents.MAPPER.createObjectNode();
        o.set("rows", Documents.MAPPER.valueToTree(Table1.ROWS));
        o.set("columns", Documents.MAPPER.valueToTree(Table1.COLUMNS));
        ArrayNode cells = o.putArray("cells");
        for (Table1.Cell c : Table1.cells()) {
            TargetFunction f = Table1.example(c.space(), c.column());
            ObjectNode cell = cells.addObject().put("space", c.space()).put("domain", c.domain())
                    .put("column", c.column()).put("mark", c.mark()).put("origin", c.origin()).put("example", f.text());
            // the report checks the multi row with the layer hull P_1 (report.Table1Section)
            cell.put("analysis_domain", c.domain().equals("multi") ? "layer" : c.domain());
            if (f instanceof Cpwl cp) {
                cell.put("x", interval(cp.start(), cp.end()));
            } else {
                cell.put("x", "0:1,0:1");
            }
            try {
                Encoding e = Encoders.encode(f, c.domain());
                cell.put("construction", e.construction()).put("reference", e.reference());
            } catch (InvalidInputException e) {
                cell.putNull("construction");
                cell.put("refusal", e.getMessage());
            }
        }
        return o;
    }

    private static void encodingFields(ObjectNode o, Encoding e) {
        o.put("target", e.domain());
        o.put("construction", e.construction());
        o.put("reference", e.reference());
        ArrayNode notes = o.putArray("notes");
        e.notes().forEach(notes::add);
    }

    /** "a:b" with integers written without ".0". */
    private static String interval(double a, double b) {
        return num(a) + ":" + num(b);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static double[] grid(double a, double b, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = i == n - 1 ? b : a + (b - a) * i / (n - 1);
        }
        return g;
    }

    private static final Node.Visitor<String> OP = new Node.Visitor<>() {
        @Override
        public String affine(Affine node) {
            return "affine";
        }

        @Override
        public String relu(Relu node) {
            return "relu";
        }

        @Override
        public String conv(Conv node) {
            return "conv";
        }

        @Override
        public String add(Add node) {
            return "add";
        }

        @Override
        public String select(Select node) {
            return "select";
        }
    };
}
