package org.relucert.certify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.certify.CertifyFixtures;
import org.relucert.certify.CertifyPlan;
import org.relucert.certify.CertifyRun;
import org.relucert.certify.JobResult;
import org.relucert.certify.ResultsFile;
import org.relucert.certify.ThreadEngine;

/**
 * OUT/results.parquet read back with Spark has exactly the rows of results.csv, with the schema's types, also
 * after a run of the thread engine and after a resumed run that added jobs.
 */
class ParquetResultsEqualResultsCsvTest {
    @TempDir
    Path dir;

    @Test
    void parquetOfAResumedSparkRunEqualsEveryRowOfResultsCsv() throws Exception {
        CertifyFixtures.write(dir, 11, 6);
        Path out = dir.resolve("out");
        CertifyPlan first = CertifyFixtures.plan(dir, List.of(0.02, 0.08), "ibp");
        CertifyRun.run(first, out, false, new ThreadEngine(), 2, null, true, CertifyRun.Listener.NONE);
        assertEquals(sorted(ResultsFile.read(out.resolve("results.csv"))), sorted(readBack(out)));

        CertifyPlan more = CertifyFixtures.plan(dir, List.of(0.02, 0.08), "ibp,deeppoly");
        CertifyRun.Outcome o = CertifyRun.run(more, out, true, CertifyRun.engine("spark"), 2, "local[2]", true,
                CertifyRun.Listener.NONE);
        assertEquals(6 * 2, o.ran());
        List<JobResult> csv = ResultsFile.read(out.resolve("results.csv"));
        assertEquals(6 * 2 * 2, csv.size());
        assertEquals(Files.readAllLines(out.resolve("results.csv")).size() - 1, csv.size());
        assertEquals(sorted(csv), sorted(readBack(out)));
    }

    /** The Parquet rows as results (null margin as NaN, eps as results.csv writes it). */
    private static List<JobResult> readBack(Path out) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read back")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> frame = spark.read().parquet(out.resolve("results.parquet").toString());
            assertEquals(List.of("image", "eps", "method", "verdict", "margin", "seconds", "version", "message"),
                    List.of(frame.schema().fieldNames()));
            assertEquals(List.of("string", "double", "string", "string", "double", "double", "string", "string"),
                    List.of(frame.schema().fields()).stream().map(f -> f.dataType().typeName()).toList());
            List<Row> rows = frame.collectAsList();
            List<JobResult> results = new ArrayList<>();
            for (Row r : rows) {
                results.add(new JobResult(r.getString(0), r.isNullAt(1) ? "" : Double.toString(r.getDouble(1)),
                        r.getString(2), r.getString(3), r.isNullAt(4) ? Double.NaN : r.getDouble(4), r.getDouble(5),
                        r.getString(6), r.getString(7)));
            }
            return results;
        } finally {
            spark.stop();
        }
    }

    private static List<String> sorted(List<JobResult> rows) {
        return rows.stream().map(JobResult::csvLine).sorted().toList();
    }
}
