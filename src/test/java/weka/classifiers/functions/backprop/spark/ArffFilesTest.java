package weka.classifiers.functions.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * ARFF files on Spark: every instance read as Weka reads it, also from a gzip file (which Hadoop cannot split,
 * so it is repartitioned after parsing), and a bad line reported with the part of the file it is in.
 */
class ArffFilesTest {

  private static Path creditG() {
    return Paths.get(System.getProperty("basedir", "."), "target", "data", "credit-g.arff");
  }

  @Test
  void aGzipFileIsReadWhole() throws Exception {
    Path folder = Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target", "spark-arff"));
    Path gzip = folder.resolve("credit-g.arff.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      Files.copy(creditG(), out);
    }
    JavaSparkContext context = LocalSpark.context();
    Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), gzip.toString());
    JavaRDD<RawRow> rows = ArffFiles.readRows(context, gzip.toString(), header, 3);
    assertEquals(3, rows.getNumPartitions(), "repartitioned to the partitions asked for");
    List<RawRow> read = rows.collect();
    Instances expected = DataSource.read(creditG().toString());
    assertEquals(expected.numInstances(), read.size());
    // the same rows (repartitioning changes their order): compare sorted value sums
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int k = 0; k < read.size(); k++) {
      a.add(java.util.Arrays.stream(read.get(k).values()).sum());
      b.add(java.util.Arrays.stream(expected.instance(k).toDoubleArray()).sum());
    }
    a.sort(null);
    b.sort(null);
    assertEquals(b, a);
  }

  @Test
  void aBadLineIsReportedWithItsPartOfTheFile() throws Exception {
    Path folder = Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target", "spark-arff"));
    Path bad = folder.resolve("bad.arff");
    List<String> lines = new ArrayList<>(List.of("@relation bad", "@attribute x numeric",
        "@attribute class {a,b}", "@data"));
    for (int k = 0; k < 200; k++) {
      lines.add(k + ",a");
    }
    lines.add("7,c");
    Files.write(bad, lines);
    JavaSparkContext context = LocalSpark.context();
    Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), bad.toString());
    Exception e = assertThrows(Exception.class,
        () -> ArffFiles.readRows(context, bad.toString(), header, 2).count());
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("of the file (line numbers count from the start of that part"), message);
  }
}
