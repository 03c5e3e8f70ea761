package org.relucert.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.api.BoundsRequest;
import org.relucert.api.BoundsResult;
import org.relucert.api.Relucert;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.exact.ExactRange;
import org.relucert.exact.Range;
import org.relucert.exact.PatternEnumeration;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.GapMap;
import org.relucert.precision.Gaps;
import org.relucert.precision.PrecisionSearch;
import org.relucert.precision.Tolerance;
import org.relucert.relax.Hulls;

/**
 * The computing endpoints: {@code bounds}, {@code gap}, {@code precision} and {@code gapmap}, each answering the
 * document of the CLI command's {@code --json} (built by {@link Documents}). Each runs in {@link Jobs}.
 */
final class Analyses {
    private final Jobs jobs;

    Analyses(Jobs jobs) {
        this.jobs = jobs;
    }

    /** {@code bounds}: {"net", "box", "domains", "over"?, "hull_set"?}. */
    ObjectNode bounds(JsonNode req) {
        Network net = NetRequest.of(req).network();
        Box box = box(req, net);
        String names = Hulls.withHullSet(Fields.domains(req, true), Fields.text(req, "hull_set", "hull_set", "box"));
        List<Relaxation> relaxations = Domains.parseList(names);
        return jobs.run(id(req), relaxations.size(), p -> {
            List<ObjectNode> rows = new ArrayList<>();
            for (String d : names.split(",")) {
                if (d.isBlank()) {
                    continue;
                }
                p.stage(d.trim());
                BoundsResult r = Relucert.bounds(BoundsRequest.of(net, box, d.trim()));
                rows.add(Documents.boundsRow(r, false, false));
                p.stepDone();
            }
            return Documents.bounds(rows);
        });
    }

    /** {@code gap}: {"net", "box", "domains"? (none: the exact range only), "tolerance"?, "output"?}. */
    ObjectNode gap(JsonNode req) {
        Network net = NetRequest.of(req).network();
        Box box = box(req, net);
        String names = Fields.domains(req, false);
        List<Relaxation> relaxations = names.isBlank() ? List.of() : Domains.parseList(names);
        Tolerance tol = tolerance(req);
        int output = output(req, net);
        int maxUnstable = Fields.integer(req, "max_unstable", PatternEnumeration.DEFAULT_MAX_UNSTABLE, 0, 24);
        return jobs.run(id(req), relaxations.size() + 1, p -> {
            p.stage("exact range");
            Range exact = ExactRange.of(net, box, output, maxUnstable);
            p.stepDone();
            List<ObjectNode> rows = new ArrayList<>();
            for (Relaxation r : relaxations) {
                p.stage(r.name());
                rows.add(Documents.gapRow(r.name(), Gaps.withExact(net, box, r, output, tol, exact)));
                p.stepDone();
            }
            return Documents.gap(Documents.exact(exact, tol), rows);
        });
    }

    /** {@code precision}: {"net", "domain", "over", "budget"?, "seed"?, "tolerance"?, "output"?}. */
    ObjectNode precision(JsonNode req) {
        Network net = NetRequest.of(req).network();
        Relaxation r = Domains.parse(Fields.text(req, "domain", "domain"));
        Box over = Fields.box(req, "over", net.inputSize());
        PrecisionSearch.Options options = PrecisionSearch.Options.defaults()
                .withBudget(Fields.integer(req, "budget", 4000, 1, 200_000))
                .withSeed(Fields.integer(req, "seed", 1, 0, Integer.MAX_VALUE))
                .withTolerance(tolerance(req))
                .withOutput(output(req, net));
        PrecisionSearch search = new PrecisionSearch(net, r, over, options);
        return jobs.run(id(req), 1, p -> {
            p.stage("searching " + options.budget() + " boxes");
            ObjectNode doc = Documents.precision(search.run());
            p.stepDone();
            return doc;
        });
    }

    /** {@code gapmap}: {"net", "domains", "over", "resolution"? (default 41), "tolerance"?, "output"?}. */
    ObjectNode gapMap(JsonNode req) {
        Network net = NetRequest.of(req).network();
        if (net.inputSize() != 1) {
            throw new InvalidInputException("a gap map needs a network with one input; this one has " + net.inputSize());
        }
        List<Relaxation> relaxations = Domains.parseList(Fields.domains(req, true));
        Box over = Fields.box(req, "over", 1);
        int resolution = Fields.integer(req, "resolution", 41, 2, 201);
        Tolerance tol = tolerance(req);
        int output = output(req, net);
        return jobs.run(id(req), relaxations.size(), p -> {
            ObjectNode root = Documents.MAPPER.createObjectNode();
            for (Relaxation r : relaxations) {
                p.stage(r.name());
                root.withArray("maps").add(Documents.gapMap(GapMap.compute(net, r, over, resolution, output, tol, 0)));
                p.stepDone();
            }
            return root;
        });
    }

    private static Box box(JsonNode req, Network net) {
        Box box = Fields.box(req, "box", net.inputSize());
        if (req.has("over") && !req.get("over").isNull()) {
            Fields.inside(box, Fields.box(req, "over", net.inputSize()));
        }
        return box;
    }

    private static String id(JsonNode req) {
        return req.has("request_id") ? Fields.text(req, "request_id", "request_id") : null;
    }

    private static Tolerance tolerance(JsonNode req) {
        try {
            return new Tolerance(Fields.number(req, "tolerance", Tolerance.DEFAULT.relative()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("tolerance: " + e.getMessage());
        }
    }

    private static int output(JsonNode req, Network net) {
        int o = Fields.integer(req, "output", 0, 0, Integer.MAX_VALUE);
        if (o >= net.outputSize()) {
            throw new InvalidInputException("output index " + o + " out of range: the network has "
                    + net.outputSize() + " outputs");
        }
        return o;
    }
}
