package org.relucert.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.io.NetworkFiles;
import org.relucert.io.ResultFile;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Network;
import org.relucert.spec.Property;
import org.relucert.verify.Verdict;
import org.relucert.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert vnncomp}: runs a VNN-COMP benchmark folder and compares with its expected results. */
@Command(name = "vnncomp", mixinStandardHelpOptions = true,
        header = "Run a VNN-COMP instances.csv and compare with expected.csv.",
        description = {"Run every instance of a VNN-COMP instances.csv (onnx,vnnlib,timeout; paths relative to"
                + " the csv's folder), write onnx,vnnlib,result,seconds and compare with expected.csv beside it.",
                "Exit codes: 0 no wrong answer, 13 at least one wrong answer, 2 bad input (also: an instance could not be"
                        + " read; it is an error row and the run goes on)."})
final class VnncompCommand implements Callable<Integer> {
    static final int WRONG = 13;

    @Option(names = "--instances", required = true, paramLabel = "CSV", description = "the benchmark's instances.csv")
    Path instances;

    @Option(names = "--timeout-scale", defaultValue = "1", paramLabel = "F",
            description = "multiply every instance's time limit by F (default ${DEFAULT-VALUE})")
    double timeoutScale;

    @Option(names = "--out", defaultValue = "results.csv", paramLabel = "CSV", description = "results file (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--filter", paramLabel = "REGEX", description = "only instances whose \"onnx,vnnlib\" matches (find)")
    String filter;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--quiet", description = "no progress bar and no per-instance lines")
    boolean quiet;

    @Spec
    CommandSpec spec;

    record Instance(String onnx, String vnnlib, double timeout) {
    }

    @Override
    public Integer call() {
        if (!(timeoutScale > 0)) {
            throw new InvalidInputException("--timeout-scale must be positive, got " + timeoutScale);
        }
        if (threads != null && threads < 1) {
            throw new InvalidInputException("--threads must be 1 or more, got " + threads);
        }
        Pattern pattern = compile(filter);
        Path folder = instances.toAbsolutePath().getParent();
        List<Instance> list = new ArrayList<>();
        for (Instance in : readInstances(instances)) {
            if (pattern == null || pattern.matcher(in.onnx + "," + in.vnnlib).find()) {
                list.add(in);
            }
        }
        if (list.isEmpty()) {
            // an empty run would overwrite --out with a bare header
            throw new InvalidInputException(filter != null
                    ? "--filter '" + filter + "' matches none of the instances in " + instances + "; nothing run, nothing written"
                    : instances + " lists no instances; nothing run, nothing written");
        }
        Map<String, String> expected = readExpected(folder.resolve("expected.csv"));
        PrintWriter o = spec.commandLine().getOut();
        List<String> rows = new ArrayList<>();
        rows.add("onnx,vnnlib,result,seconds");
        List<String> wrong = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        double[] seconds = new double[list.size()];
        Map<String, Integer> counts = new LinkedHashMap<>();
        int solved = 0;
        try (ResultFile file = ResultFile.open(out, "--out");
             ProgressDisplay bar = ProgressDisplay.open("vnncomp", quiet, spec.commandLine().getErr())) {
            file.write(csv(rows));
            for (int k = 0; k < list.size(); k++) {
                Instance in = list.get(k);
                // a stopped run (SIGTERM) keeps the finished rows and writes this instance as a time-out
                file.onStop(csv(rows) + in.onnx + "," + in.vnnlib + ",timeout,"
                        + String.format(Locale.ROOT, "%.3f", in.timeout * timeoutScale) + "\n", null);
                long start = System.nanoTime();
                String res;
                String error = null;
                try {
                    res = run(folder, in).kind().vnnName();
                } catch (InvalidInputException e) {
                    res = "error";
                    error = e.getMessage();
                    errors.add(in.onnx + "," + in.vnnlib + ": " + error);
                }
                seconds[k] = (System.nanoTime() - start) / 1e9;
                counts.merge(res, 1, Integer::sum);
                String exp = expected.get(in.onnx + "," + in.vnnlib);
                boolean isWrong = exp != null && (res.equals("sat") || res.equals("unsat"))
                        && (exp.equals("sat") || exp.equals("unsat")) && !exp.equals(res);
                if (isWrong) {
                    wrong.add(in.onnx + "," + in.vnnlib + ": got " + res + ", expected " + exp);
                } else if (res.equals("sat") || res.equals("unsat")) {
                    solved++;
                }
                rows.add(in.onnx + "," + in.vnnlib + "," + res + "," + String.format(Locale.ROOT, "%.3f", seconds[k]));
                file.write(csv(rows));
                if (!quiet) {
                    bar.clear();
                    o.printf(Locale.ROOT, "%-45s %-18s %-8s %8.3f s  (expected %s)%s%n", in.onnx, in.vnnlib, res,
                            seconds[k], exp == null ? "?" : exp, isWrong ? "   <<< WRONG ANSWER" : "");
                    if (error != null) {
                        o.println("    error: " + error);
                    }
                    o.flush();
                }
                bar.update(k + 1, list.size());
            }
        }
        summary(o, list.size(), solved, counts, wrong, seconds);
        for (String e : errors) {
            o.println("error: " + e);
        }
        o.flush();
        return !wrong.isEmpty() ? WRONG : errors.isEmpty() ? 0 : Main.BAD_INPUT;
    }

    private static String csv(List<String> rows) {
        return String.join("\n", rows) + "\n";
    }

    private Verdict run(Path folder, Instance in) {
        Network network = NetworkFiles.read(folder.resolve(in.onnx));
        Property property = VnnLibReader.read(folder.resolve(in.vnnlib));
        VerifyCommand.checkSizes(network, folder.resolve(in.onnx), property, folder.resolve(in.vnnlib));
        Verifier.Options d = Verifier.Options.defaults(in.timeout * timeoutScale);
        Verifier.Options options = new Verifier.Options(d.timeoutSeconds(),
                threads == null ? d.threads() : threads, d.rootAlphaSteps(), d.leafAlphaSteps(), d.seed());
        return Verifier.verify(network, property, options, Progress.NONE);
    }

    private void summary(PrintWriter o, int total, int solved, Map<String, Integer> counts, List<String> wrong,
                         double[] seconds) {
        double sum = Arrays.stream(seconds).sum();
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted.length == 0 ? 0
                : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
        o.printf(Locale.ROOT, "instances: %d, solved: %d, results: %s%n", total, solved, counts);
        o.printf(Locale.ROOT, "total time: %.2f s, median: %.3f s%n", sum, median);
        if (wrong.isEmpty()) {
            o.println("wrong answers: 0");
        } else {
            o.println("!!!!!!!! WRONG ANSWERS: " + wrong.size() + " (release-blocking soundness bug) !!!!!!!!");
            for (String w : wrong) {
                o.println("!!! " + w);
            }
        }
        o.println("results written to " + out);
        o.flush();
    }

    private static Pattern compile(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("--filter is not a valid regular expression: " + e.getDescription());
        }
    }

    static List<Instance> readInstances(Path csv) {
        List<Instance> list = new ArrayList<>();
        List<String> lines = readLines(csv);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("onnx,")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 3) {
                throw new InvalidInputException(csv + " line " + (i + 1) + ": expected onnx,vnnlib,timeout, got \"" + line + "\"");
            }
            double seconds;
            try {
                seconds = Double.parseDouble(f[2].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(csv + " line " + (i + 1) + ": timeout \"" + f[2].trim() + "\" is not a number");
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new InvalidInputException(csv + " line " + (i + 1) + ": timeout " + f[2].trim()
                        + " must be a positive number of seconds");
            }
            list.add(new Instance(f[0].trim(), f[1].trim(), seconds));
        }
        return list;
    }

    /** "onnx,vnnlib" to expected result; empty when the file is absent. */
    static Map<String, String> readExpected(Path csv) {
        Map<String, String> map = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return map;
        }
        for (String line : readLines(csv)) {
            String[] f = line.trim().split(",");
            if (f.length == 3 && !f[0].equals("onnx")) {
                map.put(f[0].trim() + "," + f[1].trim(), f[2].trim());
            }
        }
        return map;
    }

    private static List<String> readLines(Path csv) {
        try {
            return Files.readAllLines(csv);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + csv + ": " + e.getMessage());
        }
    }
}
