package org.relucert.certify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relucert.InvalidInputException;
import org.relucert.io.NetworkFiles;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * The items of a run, read and checked completely before any job starts: images of a data set (with the
 * network, its input layout and the robustness property per radius) or VNN-LIB instances (each with its
 * own network and property).
 */
public final class Workload {

    /**
     * One item.
     *
     * @param name     image number (1-based line) or the instance's vnnlib path
     * @param net      its network
     * @param image    the image (null for an instance)
     * @param property the instance's property (null for an image)
     * @param timeout  the instance's time limit (0 for images)
     */
    public record Item(String name, Network net, ImageCsv.Image image, Property property, double timeout) {
    }

    private final CertifyPlan plan;
    private final List<Item> items;
    private final InputLayout layout;

    private Workload(CertifyPlan plan, List<Item> items, InputLayout layout) {
        this.plan = plan;
        this.items = items;
        this.layout = layout;
    }

    /** Reads and checks every file and value of the plan; InvalidInputException on the first mistake. */
    public static Workload load(CertifyPlan plan) {
        for (double e : plan.eps()) {
            if (!(e > 0) || Double.isInfinite(e)) {
                throw new InvalidInputException("--eps: every radius must be positive and finite, got " + e);
            }
        }
        if (plan.methods().isEmpty()) {
            throw new InvalidInputException("--method: no method given");
        }
        if (plan.limit() != null && plan.limit() < 1) {
            throw new InvalidInputException("--limit must be at least 1, got " + plan.limit());
        }
        if (plan.instances() != null) {
            return new Workload(plan, instances(Path.of(plan.instances()), plan.limit()), null);
        }
        if (plan.net() == null || plan.data() == null) {
            throw new InvalidInputException("give --net and --data, or --instances");
        }
        if (plan.eps().isEmpty()) {
            throw new InvalidInputException("--eps: no radius given");
        }
        Network net = NetworkFiles.read(Path.of(plan.net()));
        InputLayout layout = InputLayout.of(net.inputSize(), plan.channels(), plan.normalise());
        List<Item> items = new ArrayList<>();
        for (ImageCsv.Image im : ImageCsv.read(Path.of(plan.data()), net.inputSize(), net.outputSize(), plan.limit())) {
            items.add(new Item(Integer.toString(im.line()), net, im, null, 0));
        }
        return new Workload(plan, items, layout);
    }

    private static List<Item> instances(Path csv, Integer limit) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new InvalidInputException(csv + ": cannot read: "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        Path dir = csv.toAbsolutePath().getParent();
        Map<String, Network> nets = new HashMap<>();
        List<Item> items = new ArrayList<>();
        for (int k = 0; k < lines.size() && (limit == null || items.size() < limit); k++) {
            String line = lines.get(k).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 3) {
                throw new InvalidInputException(csv + " line " + (k + 1) + ": expected onnx,vnnlib,timeout");
            }
            double timeout;
            try {
                timeout = Double.parseDouble(f[2].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(csv + " line " + (k + 1) + " field 3 (timeout): '" + f[2] + "' is not a number");
            }
            if (!(timeout > 0)) {
                throw new InvalidInputException(csv + " line " + (k + 1) + " field 3 (timeout): must be positive");
            }
            String onnx = f[0].trim();
            Network net = nets.computeIfAbsent(onnx, p -> NetworkFiles.read(dir.resolve(p)));
            Property property = VnnLibReader.read(dir.resolve(f[1].trim()));
            if (property.inputs() != net.inputSize() || property.outputs() != net.outputSize()) {
                throw new InvalidInputException(csv + " line " + (k + 1) + ": " + f[1].trim() + " declares "
                        + property.inputs() + " inputs and " + property.outputs() + " outputs, " + onnx + " has "
                        + net.inputSize() + " and " + net.outputSize());
            }
            items.add(new Item(onnx + ":" + f[1].trim(), net, null, property, timeout));
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(csv + ": no instances");
        }
        return items;
    }

    public List<Item> items() {
        return items;
    }

    public CertifyPlan plan() {
        return plan;
    }

    /** Every job: each item, radius (one NaN radius for instances) and method. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        List<Double> radii = layout == null ? List.of(Double.NaN) : plan.eps();
        for (double eps : radii) {
            for (Method m : plan.methods()) {
                for (int i = 0; i < items.size(); i++) {
                    jobs.add(new Job(i, items.get(i).name(), eps, m));
                }
            }
        }
        return jobs;
    }

    /** The network input of an image item. */
    public double[] cleanInput(Item item) {
        return layout.input(item.image().raw());
    }

    /** The property of an item at a radius: robustness of the image's label, or the instance's own. */
    public Property property(Item item, double eps) {
        if (item.property() != null) {
            return item.property();
        }
        return robustness(layout.box(item.image().raw(), eps), item.image().label(), item.net().outputSize());
    }

    /**
     * Robustness of {@code label} on the box as a VNN-LIB property: one case per other class j, unsafe when
     * y_label - y_j &lt;= 0.
     */
    public static Property robustness(Box box, int label, int outputs) {
        List<Property.Case> cases = new ArrayList<>();
        for (int j = 0; j < outputs; j++) {
            if (j == label) {
                continue;
            }
            double[] row = new double[outputs];
            row[label] = 1;
            row[j] = -1;
            cases.add(new Property.Case(box, new double[][] {row}, new double[] {0}));
        }
        return new Property(box.dim(), outputs, cases);
    }
}
