package org.relucert.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relucert.domains.Domains;
import org.relucert.io.BoxParser;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The reproducers of issue 15 defect 2 (src/test/resources/repro/exact_unsound_*, thin boxes and large or
 * mixed weights): at each witness point, the network's exact value (recomputed here in exact rational
 * arithmetic) lies inside the bounds of ibp, deeppoly, triangle and exact. Before sound rounding, exact
 * missed all of them and deeppoly missed 115_1 (upper) and 127_1 (lower) by a few ulps.
 */
class ReproWitnessesLieInsideEveryBoundTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ReproWitnessesLieInsideEveryBoundTest.class.getResource("/repro/" + name).toURI());
    }

    @Test
    void everyWitnessIsInsideEveryDomainsBounds() throws Exception {
        JsonNode witnesses = new ObjectMapper().readTree(resource("exact_unsound_witnesses.json").toFile());
        List<String> bad = new ArrayList<>();
        int checks = 0;
        for (JsonNode w : witnesses) {
            Network net = NetJson.read(resource(w.get("net").asText()));
            Box box = BoxParser.read(resource(w.get("box").asText()), net.inputSize());
            double[] x = new double[w.get("x").size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = w.get("x").get(i).asDouble();
            }
            int out = w.get("output").asInt();
            BigDecimal exact = ExactArithmetic.evaluate(net, x)[out];
            for (String d : new String[] {"ibp", "deeppoly", "triangle", "exact"}) {
                Bounds b = Domains.parse(d).analyse(net, box).output();
                checks++;
                if (!ExactArithmetic.atMost(b.lower()[out], exact) || !ExactArithmetic.atLeast(b.upper()[out], exact)) {
                    bad.add(w.get("net").asText() + " " + d + ": [" + b.lower()[out] + ", " + b.upper()[out]
                            + "] misses " + exact);
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + checks + ": " + bad);
    }
}
