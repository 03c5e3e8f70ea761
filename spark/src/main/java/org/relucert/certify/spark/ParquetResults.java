package org.relucert.certify.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.relucert.certify.JobResult;
import org.relucert.certify.ResultsFile;

/**
 * OUT/results.parquet: every row of results.csv (so a resumed run's copy is complete), same columns in the
 * same order, as a Parquet data set written by Spark's DataFrame writer (a folder with one part file). Types:
 * image, method, verdict, version, message strings; eps, margin, seconds doubles, eps null for VNN-LIB
 * instances and margin null where results.csv leaves it empty.
 */
final class ParquetResults {
    /** The columns: those of results.csv. */
    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("image", DataTypes.StringType, false),
        DataTypes.createStructField("eps", DataTypes.DoubleType, true),
        DataTypes.createStructField("method", DataTypes.StringType, false),
        DataTypes.createStructField("verdict", DataTypes.StringType, false),
        DataTypes.createStructField("margin", DataTypes.DoubleType, true),
        DataTypes.createStructField("seconds", DataTypes.DoubleType, false),
        DataTypes.createStructField("version", DataTypes.StringType, false),
        DataTypes.createStructField("message", DataTypes.StringType, false),
    });

    private ParquetResults() {
    }

    /** Replaces {@code target} with the rows of {@code resultsCsv}. */
    static void write(JavaSparkContext sc, Path resultsCsv, Path target) {
        List<Row> rows = new ArrayList<>();
        for (JobResult r : ResultsFile.read(resultsCsv)) {
            rows.add(row(r));
        }
        SparkSession session = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        Dataset<Row> frame = session.createDataFrame(rows, SCHEMA).coalesce(1);
        frame.write().mode(SaveMode.Overwrite).parquet(target.toAbsolutePath().toUri().toString());
    }

    /** One result as a row of {@link #SCHEMA}. */
    static Row row(JobResult r) {
        Double eps = r.eps().isEmpty() ? null : Double.valueOf(r.eps());
        Double margin = Double.isNaN(r.margin()) ? null : r.margin();
        return RowFactory.create(r.image(), eps, r.method(), r.verdict(), margin, r.seconds(), r.version(),
                r.message());
    }
}
