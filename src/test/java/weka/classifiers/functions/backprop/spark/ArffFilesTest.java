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

  /** A wide file whose header spans several of the parts Spark reads: the header is skipped by byte offset. */
  @Test
  void aHeaderLargerThanOnePartIsSkippedWhereverTheFileIsCut() throws Exception {
    Path folder = Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target", "spark-arff"));
    Path wide = folder.resolve("wide.arff");
    int attributes = 2000;
    List<String> lines = new ArrayList<>();
    lines.add("@relation wide");
    for (int a = 0; a < attributes; a++) {
      lines.add("@attribute a_rather_long_attribute_name_" + a + " numeric");
    }
    lines.add("@attribute class {yes,no}");
    lines.add("@data");
    java.util.Random random = new java.util.Random(5);
    for (int k = 0; k < 40; k++) {
      StringBuilder row = new StringBuilder();
      for (int a = 0; a < attributes; a++) {
        row.append(random.nextInt(100)).append(',');
      }
      lines.add(row.append(k % 2 == 0 ? "yes" : "no").toString());
    }
    Files.write(wide, lines);
    long headerBytes = ArffFiles.dataOffset(LocalSpark.context().hadoopConfiguration(), wide.toString());
    JavaSparkContext context = LocalSpark.context();
    Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), wide.toString());
    JavaRDD<RawRow> rows = ArffFiles.readRows(context, wide.toString(), header, 20);
    long fileBytes = Files.size(wide);
    assertTrue(headerBytes > 2 * fileBytes / rows.getNumPartitions(), "the header (" + headerBytes
        + " bytes) must span more than one part of " + fileBytes / rows.getNumPartitions() + " bytes");
    List<RawRow> read = rows.collect();
    Instances expected = DataSource.read(wide.toString());
    assertEquals(40, read.size());
    for (int k = 0; k < 40; k++) {
      assertEquals(java.util.Arrays.toString(expected.instance(k).toDoubleArray()),
          java.util.Arrays.toString(read.get(k).values()), "row " + k);
    }
  }

  /** Lines ended by a bare carriage return (old Mac files) are lines too, as Weka and Hadoop read them. */
  @Test
  void carriageReturnLineEndingsAreRead() throws Exception {
    Path folder = Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target", "spark-arff"));
    Path mac = folder.resolve("mac.arff");
    Files.write(mac, "@relation mac\r@attribute x numeric\r@attribute class {a,b}\r@data\r1,a\r2,b\r3,a\r"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    JavaSparkContext context = LocalSpark.context();
    Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), mac.toString());
    List<RawRow> rows = ArffFiles.readRows(context, mac.toString(), header, 2).collect();
    assertEquals(3, rows.size());
    assertEquals(2.0, rows.get(1).values()[0]);
    assertEquals(1.0, rows.get(1).values()[1]);
  }

  /** A bzip2 file, which Hadoop could split, with a header larger than a bzip2 block: read whole, then spread. */
  @Test
  void aWideBzip2FileIsReadWhole() throws Exception {
    Path folder = Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target", "spark-arff"));
    Path bzip2 = folder.resolve("wide.arff.bz2");
    int attributes = 30000;
    org.apache.hadoop.io.compress.BZip2Codec codec = new org.apache.hadoop.io.compress.BZip2Codec();
    codec.setConf(new org.apache.hadoop.conf.Configuration());
    java.util.Random random = new java.util.Random(9);
    try (java.io.Writer out = new java.io.OutputStreamWriter(codec.createOutputStream(Files.newOutputStream(bzip2)),
        java.nio.charset.StandardCharsets.UTF_8)) {
      out.write("@relation wide\n");
      for (int a = 0; a < attributes; a++) {
        out.write("@attribute attribute_" + Long.toHexString(random.nextLong()) + "_" + a + " numeric\n");
      }
      out.write("@attribute class {yes,no}\n@data\n");
      for (int k = 0; k < 30; k++) {
        for (int a = 0; a < attributes; a++) {
          out.write(random.nextInt(10) + ",");
        }
        out.write(k % 2 == 0 ? "yes\n" : "no\n");
      }
    }
    JavaSparkContext context = LocalSpark.context();
    Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), bzip2.toString());
    assertEquals(attributes + 1, header.numAttributes());
    JavaRDD<RawRow> rows = ArffFiles.readRows(context, bzip2.toString(), header, 40);
    assertEquals(30, rows.count());
    assertEquals(40, rows.getNumPartitions());
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
