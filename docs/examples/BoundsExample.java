import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.relucert.api.BoundsRequest;
import org.relucert.api.BoundsResult;
import org.relucert.api.InputLines;
import org.relucert.api.NodeBounds;
import org.relucert.api.OutputRows;
import org.relucert.api.Relucert;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.PrecisionSearch;
import org.relucert.spec.Property;
import org.relucert.verify.Verdict;

/**
 * relucert as a library (docs/library.md): bounds of a network over an L-infinity ball under three
 * domains, every node's bounds and the output's linear bounds, margins, a VNN-LIB property's rows, a
 * verification and a precision search. Usage: {@code BoundsExample NET [PROPERTY.vnnlib]}.
 */
public final class BoundsExample {
    public static void main(String[] args) {
        Network net = Relucert.network(Path.of(args[0]));      // JSON or ONNX, gzipped or not
        int d = net.inputSize();
        double[] center = new double[d];
        Arrays.fill(center, 0.5);
        Box ball = Relucert.ball(center, 0.25, Box.cube(d, 0, 1)); // |x - center| <= 0.25, inside [0, 1]^d

        for (String domain : List.of("ibp", "crown", "alpha-crown")) {
            BoundsResult r = Relucert.bounds(BoundsRequest.of(net, ball, domain));
            System.out.println(domain + ": lower " + Arrays.toString(r.lower()) + " upper " + Arrays.toString(r.upper()));
        }

        BoundsResult crown = Relucert.bounds(BoundsRequest.of(net, ball, "crown"));
        for (NodeBounds node : crown.nodes()) {
            System.out.println("  node " + node.name() + ": " + Arrays.toString(node.lower()) + " .. "
                    + Arrays.toString(node.upper()));
        }
        InputLines lines = crown.lines();                         // output 1 >= a.x + b over the ball
        System.out.println("  output 1 >= " + Arrays.toString(lines.lowerCoef()[0]) + ".x + " + lines.lowerConst()[0]);

        // the margin y1 - y2 (or -y1 for a single output), folded into the back-substitution
        double[] row = new double[net.outputSize()];
        row[0] = 1;
        if (row.length > 1) {
            row[1] = -1;
        } else {
            row[0] = -1;
        }
        BoundsResult margin = Relucert.bounds(BoundsRequest.of(net, ball, "crown")
                .withRows(OutputRows.of(new double[][] {row})));
        System.out.println("margin: [" + margin.lower()[0] + ", " + margin.upper()[0] + "]");

        if (args.length > 1) {
            Property property = Relucert.property(Path.of(args[1]));
            List<BoundsResult> cases = Relucert.bounds(net, property, "crown");
            System.out.println("property rows, case 1: lower " + Arrays.toString(cases.get(0).lower()));
            Verdict v = Relucert.verify(net, property, 10.0);
            System.out.println("verify: " + v.kind().vnnName());
        }

        PrecisionSearch.Result p = Relucert.precision(net, "deeppoly0", ball, 0, 40, 1);
        System.out.println("precision of deeppoly0 on output 1: " + p.verdict() + " in " + p.boxesChecked() + " boxes");
    }
}
