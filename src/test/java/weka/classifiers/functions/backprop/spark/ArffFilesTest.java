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
 * ARFF files on Spark: every instance read as Weka reads it, in file order, also from a gzip file (which Hadoop
 * cannot split: it is parsed whole into one partition, and the trainer spreads its blocks), and a bad line reported
 * with its line in the whole file, its column and its attribute.
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
    assertEquals(1, rows.getNumPartitions(), "parsed whole, in one partition");
    List<RawRow> read = rows.collect();
    Instances expected = DataSource.read(creditG().toString());
    assertEquals(expected.numInstances(), read.size());
    for (int k = 0; k < read.size(); k++) {
      assertEquals(java.util.Arrays.toString(expected.instance(k).toDoubleArray()),
          java.util.Arrays.toString(read.get(k).values()), "row " + k + ", in file order");
    }
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

  /** A bzip2 file, which Hadoop could split, with a header larger than a bzip2 block: read whole. */
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
    assertEquals(1, rows.getNumPartitions());
  }

  /** Reads a file with one bad line in 2 or 7 parts (or gzip-compressed, in one); returns the message. */
  private static String badLineMessage(String name, String badLine, int partitions, boolean gzip) throws Exception {
    Path folder = Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target", "spark-arff"));
    Path bad = folder.resolve(name + (gzip ? ".arff.gz" : ".arff"));
    List<String> lines = new ArrayList<>(List.of("@relation bad", "% a comment line", "@attribute x numeric",
        "@attribute y numeric", "@attribute class {a,b}", "", "@data"));
    for (int k = 0; k < 3000; k++) {
      lines.add(k == 1076 ? badLine : k + "," + (k % 7) + "," + (k % 3 == 0 ? "a" : "b"));
    }
    byte[] text = (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (gzip) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bad))) {
        out.write(text);
      }
    } else {
      Files.write(bad, text);
    }
    JavaSparkContext context = LocalSpark.context();
    Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), bad.toString());
    Exception e = assertThrows(Exception.class,
        () -> ArffFiles.readRows(context, bad.toString(), header, partitions).count());
    return SparkMain.message(e);
  }

  @Test
  void aBadLineIsReportedWithItsLineInTheWholeFileAndItsCell() throws Exception {
    // the bad line is line 7 + 1077 = 1084 of the file, in the first, a middle or the only part
    for (int partitions : new int[] {2, 7}) {
      String message = badLineMessage("bad-number", "5,x7,a", partitions, false);
      assertTrue(message.endsWith("bad-number.arff, line 1084: column 2 (attribute 'y'): 'x7' is not a number"),
          partitions + " parts: " + message);
    }
    String gzip = badLineMessage("bad-number", "5,x7,a", 3, true);
    assertTrue(gzip.endsWith("bad-number.arff.gz, line 1084: column 2 (attribute 'y'): 'x7' is not a number"),
        gzip);
    String nominal = badLineMessage("bad-nominal", "5,1,c", 3, false);
    assertTrue(nominal.endsWith("line 1084: column 3 (attribute 'class'): 'c' is not one of the values the header "
        + "declares {a,b}"), nominal);
    String short_ = badLineMessage("bad-short", "5,1", 3, false);
    assertTrue(short_.contains("line 1084: "), short_);
  }
}
