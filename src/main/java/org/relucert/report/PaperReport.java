package org.relucert.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.relucert.FileErrors;
import org.relucert.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.relucert.bounds.Deadline;

/**
 * Regenerates the papers' claims (P1 Table 1 and T2-T6, P2-v3 Thm 3.3, 5.1, Prop. 5.6) with evidence computed on
 * the spot, as one Markdown report (report.md) with PNG figures in an output directory.
 */
public final class PaperReport {

    /**
     * The written report: its file, the sections run (with their claims), the sections not started before the
     * deadline (their names; they count as neither reproduced nor not reproduced), the Table 1 rows (empty when
     * Table 1 was not run), and the run time.
     */
    public record Result(Path report, List<Section> sections, List<String> notRun, List<Table1Section.Row> table1,
                         List<Path> figures, double seconds) {
        /** Claims reproduced. */
        public long reproduced() {
            return sections.stream().mapToLong(Section::reproducedCount).sum();
        }

        /** All claims checked. */
        public long claims() {
            return sections.stream().mapToLong(s -> s.claims().size()).sum();
        }

        /** Claims with the given status. */
        public long count(Claim.Status status) {
            return sections.stream().mapToLong(s -> s.count(status)).sum();
        }

        /**
         * "164 claims: 160 reproduced, 4 not reproduced" (see {@link Section#counts}), followed by
         * "; 3 sections not run (time limit)" when the deadline skipped some.
         */
        public String counts() {
            String c = Section.counts(sections.stream().flatMap(s -> s.claims().stream()).toList());
            return notRun.isEmpty() ? c : c + "; " + notRun.size() + " of " + SECTIONS + " sections not run (time limit)";
        }
    }

    private PaperReport() {
    }

    /** The number of sections {@link #write} runs and reports on progress, one line each. */
    public static final int SECTIONS = 9;

    /** The short names of the sections, in the order they run (for the ones not run). */
    public static final List<String> SECTION_NAMES = List.of("Table 1 of P1", "Solution-space count", "Nested max",
            "Phantom point", "Layer hull readings", "Completeness claims", "Partition counts", "max(x1, x2) impossibility",
            "Encoding search");

    /** {@link #write(Path, PaperSettings, Deadline, Consumer)} without a time limit. */
    public static Result write(Path dir, PaperSettings settings, Consumer<String> progress) {
        return write(dir, settings, Deadline.NONE, progress);
    }

    /**
     * Runs every section and writes DIR/report.md and the figures. A section not started before {@code deadline}
     * is skipped and listed as not run (time limit); a section already running when it passes finishes.
     *
     * @param progress receives one line per finished or skipped section (may be a no-op)
     */
    public static Result write(Path dir, PaperSettings settings, Deadline deadline, Consumer<String> progress) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("--out " + dir + ": cannot create the directory (" + FileErrors.reason(e) + ")");
        }
        List<Section> sections = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        List<String> timings = new ArrayList<>();
        List<Table1Section.Row> table1 = new ArrayList<>();
        List<Supplier<Section>> runs = List.of(
                () -> {
                    table1.addAll(Table1Section.rows(settings));
                    return Table1Section.section(table1, settings);
                },
                () -> SolutionSpaceSection.run(settings, dir),
                () -> NestedMaxSection.run(settings, dir),
                () -> PhantomSection.run(settings, dir),
                () -> HullReadingsSection.run(settings),
                () -> CompletenessClaimSection.run(settings),
                () -> PartitionSection.run(settings, dir),
                () -> MaxEncodingsSection.run(settings, dir),
                () -> EncodingSearchSection.run(settings, dir));
        for (int k = 0; k < runs.size(); k++) {
            if (deadline.expired()) {
                String line = SECTION_NAMES.get(k) + ": not run (time limit)";
                notRun.add(SECTION_NAMES.get(k));
                timings.add(line);
                progress.accept(line);
                continue;
            }
            long s0 = System.nanoTime();
            Evidence.reset();
            sections.add(timed(Evidence.qualify(runs.get(k).get()), s0, timings, progress));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path report = dir.resolve("report.md");
        try {
            Files.writeString(report, render(settings, deadline, sections, notRun, timings, seconds), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(report + ": cannot write (" + FileErrors.reason(e) + ")");
        }
        List<Path> figures = new ArrayList<>();
        for (String f : List.of("nested_max.png", "phantom_error.png", "partition_error.png", "solution_space.png",
                "max_witness_gaps.png")) {
            if (Files.exists(dir.resolve(f)) || notRun.isEmpty()) {
                figures.add(dir.resolve(f));
            }
        }
        return new Result(report, sections, List.copyOf(notRun), List.copyOf(table1), List.copyOf(figures), seconds);
    }

    private static Section timed(Section s, long start, List<String> timings, Consumer<String> progress) {
        String line = s.title() + ": " + Section.counts(s.claims()) + ", " + Markdown.seconds((System.nanoTime() - start) / 1e9);
        timings.add(line);
        progress.accept(line);
        return s;
    }

    private static String render(PaperSettings settings, Deadline deadline, List<Section> sections, List<String> notRun,
                                 List<String> timings, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# relucert: the papers' claims, checked\n\n");
        md.append("Generated by `relucert paper` on ").append(Instant.now()).append(" in ").append(Markdown.seconds(seconds))
                .append(" (").append(Runtime.getRuntime().availableProcessors()).append(" cores).\n\n");
        md.append("Effort: ").append(settings.describe()).append("; ").append(deadline).append(".\n\n");
        if (!notRun.isEmpty()) {
            md.append("**Partial report:** the time limit passed before ").append(notRun.size()).append(" of ")
                    .append(SECTIONS).append(" sections started; they were not run (time limit) and count as neither "
                    + "reproduced nor not reproduced: ").append(String.join("; ", notRun)).append(".\n\n");
        }
        md.append("Sources: P1 = Baader, Müller, Mao, Vechev, ICLR 2024; P2-v3 = Mao, Zhang, Vechev, arXiv:2410.06816 v3/v4; "
                + "expected values from THEORY.md. A search that finds no gap is evidence, never a proof.\n\n");
        md.append("## Summary\n\n");
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("section", "claims"));
        for (Claim.Status st : Claim.Status.values()) {
            header.add(st.label());
        }
        for (Section s : sections) {
            List<String> row = new ArrayList<>(List.of(s.title(), Integer.toString(s.claims().size())));
            for (Claim.Status st : Claim.Status.values()) {
                row.add(Long.toString(s.count(st)));
            }
            rows.add(row);
        }
        for (String name : notRun) {
            List<String> row = new ArrayList<>(List.of(name, "not run (time limit)"));
            for (Claim.Status st : Claim.Status.values()) {
                row.add("-");
            }
            rows.add(row);
        }
        md.append(Markdown.table(header, rows)).append('\n');
        List<Claim> all = sections.stream().flatMap(s -> s.claims().stream()).toList();
        md.append("In all, ").append(Section.counts(all));
        if (!notRun.isEmpty()) {
            md.append(" in the ").append(sections.size()).append(sections.size() == 1 ? " section run; " : " sections run; ")
                    .append(notRun.size())
                    .append(" not run (time limit)");
        }
        md.append(".\n\n");
        List<Claim> failed = all.stream().filter(c -> !c.reproduced()).toList();
        if (failed.isEmpty()) {
            md.append(notRun.isEmpty() ? "Every claim checked was reproduced.\n\n"
                    : "Every claim checked in the sections run was reproduced.\n\n");
        } else {
            md.append("Not reproduced or contradicted:\n\n");
            failed.forEach(c -> md.append(c.markdown()).append('\n'));
            md.append('\n');
        }
        md.append("Time per section:\n\n");
        timings.forEach(t -> md.append("- ").append(t).append('\n'));
        md.append('\n');
        int k = 1;
        for (Section s : sections) {
            md.append("## ").append(k++).append(". ").append(s.title()).append("\n\n");
            md.append(s.markdown()).append('\n');
            md.append("Claims:\n\n");
            s.claims().forEach(c -> md.append(c.markdown()).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }
}
