package weka.classifiers.functions.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.SerializationHelper;

/**
 * The command line's answers to bad input, each one line naming what is wrong (what {@code SparkMain.main} prints
 * after "BackpropOneHidden on Spark: "): a non-numeric cell in a numeric CSV column, in a small file and in one
 * with more distinct values than a nominal attribute may have (line in the file, column, cell), unless
 * {@code -mixed-as-nominal} allows the column to become nominal; an empty CSV or ARFF file, a CSV file with only
 * its header line, a missing file; a master nothing listens on (within seconds); an unknown -c; and -c naming an
 * ARFF attribute, numeric ones too (a regression that Weka loads). Run in this JVM on the tests' local Spark.
 */
class SparkMainTest {

  /** SparkMain.run uses the session this JVM runs: the tests' local[2] one, started first. */
  @BeforeAll
  static void startTheTestsSpark() {
    LocalSpark.context();
  }

  private static Path folder() throws Exception {
    return Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target", "spark-main"));
  }

  /** A CSV file of n rows (x1, x2, label) whose row {@code badRow} (0-based) has {@code badCell} as x2. */
  private static Path csv(String name, int n, int badRow, String badCell) throws Exception {
    Random random = new Random(1);
    List<String> lines = new ArrayList<>();
    lines.add("x1,x2,label");
    for (int k = 0; k < n; k++) {
      String x2 = k == badRow ? badCell : String.format(java.util.Locale.ROOT, "%.6f", random.nextDouble());
      lines.add(String.format(java.util.Locale.ROOT, "%.6f,%s,%s", random.nextDouble(), x2, k % 2 == 0 ? "a" : "b"));
    }
    Path file = folder().resolve(name);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static String refusal(String... args) {
    Exception e = assertThrows(Exception.class, () -> SparkMain.run(args));
    String message = SparkMain.message(e);
    assertTrue(!message.contains("\n"), "more than one line: " + message);
    return message;
  }

  private static String model() throws Exception {
    return folder().resolve("model").toString();
  }

  @Test
  void aTextCellInANumericCsvColumnIsNamedByLineAndColumn() throws Exception {
    Path small = csv("small.csv", 50, 19, "oops");
    assertEquals(small + ", line 21, column 2 ('x2'): 'oops' is not a number, but the column's other values are: "
        + "fix the cell, or give -mixed-as-nominal to read the column as nominal",
        refusal("-t", small.toString(), "-d", model(), "-B", "0"));
    // more distinct values than a nominal attribute may have: the same answer, not "too many values"
    Path large = csv("large.csv", 3000, 2500, "n/a");
    String message = refusal("-t", large.toString(), "-d", model(), "-B", "0", "-partitions", "3");
    assertTrue(message.startsWith(large + ", line 2502, column 2 ('x2'): 'n/a' is not a number"), message);
  }

  @Test
  void mixedAsNominalLetsTheColumnBecomeNominal() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("x1,x2,label");
    for (int k = 0; k < 60; k++) {
      lines.add(k + "," + (k == 30 ? "none" : String.valueOf(k % 3)) + "," + (k % 2 == 0 ? "a" : "b"));
    }
    Path mixed = folder().resolve("mixed.csv");
    Files.write(mixed, lines, StandardCharsets.UTF_8);
    String report = SparkMain.run(new String[] {"-t", mixed.toString(), "-d", model(), "-B", "0", "-N", "3",
        "-mixed-as-nominal"});
    assertTrue(report.contains("model written to"), report);
    BackpropOneHidden trained = (BackpropOneHidden) SerializationHelper.read(model());
    // x1, and one input per value of x2: 0, 1, 2, none
    assertTrue(trained.toString().contains("Network: 5 inputs"), trained.toString());
  }

  @Test
  void emptyAndHeaderOnlyAndMissingFilesAreNamed() throws Exception {
    Path emptyCsv = folder().resolve("empty.csv");
    Files.write(emptyCsv, new byte[0]);
    assertEquals(emptyCsv + " is empty: nothing to train on", refusal("-t", emptyCsv.toString(), "-d", model()));
    Path emptyArff = folder().resolve("empty.arff");
    Files.write(emptyArff, new byte[0]);
    assertEquals(emptyArff + " is empty: nothing to train on", refusal("-t", emptyArff.toString(), "-d", model()));
    Path headerOnly = folder().resolve("header-only.csv");
    Files.write(headerOnly, "x1,x2,label\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(headerOnly + " has a header line but no data rows: nothing to train on",
        refusal("-t", headerOnly.toString(), "-d", model()));
    Path arffHeaderOnly = folder().resolve("header-only.arff");
    Files.write(arffHeaderOnly, "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals("nothing to train on: the data has no instances",
        refusal("-t", arffHeaderOnly.toString(), "-d", model(), "-B", "0"));
    Path missing = folder().resolve("no-such.arff");
    assertEquals("no such file: " + missing, refusal("-t", missing.toString(), "-d", model()));
  }

  @Test
  void aMasterNothingListensOnIsRefusedWithinSeconds() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // free once closed
    }
    long start = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkMain.checkMasterAnswers("spark://127.0.0.1:" + port));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(e.getMessage().startsWith("no Spark master answers at spark://127.0.0.1:" + port), e.getMessage());
    assertTrue(seconds < 10, seconds + " s");
    SparkMain.checkMasterAnswers("local[2]"); // nothing to check
  }

  @Test
  void theClassOfAnArffFileCanBeNamed() throws Exception {
    String creditG = Paths.get(System.getProperty("basedir", "."), "target", "data", "credit-g.arff").toString();
    String report = SparkMain.run(new String[] {"-t", creditG, "-d", model(), "-c", "foreign_worker", "-B", "0",
        "-N", "2", "-H", "2"});
    assertTrue(report.contains("Class: foreign_worker (2 values)"), report);
    String unknown = refusal("-t", creditG, "-d", model(), "-c", "no_such_attribute", "-B", "0");
    assertTrue(unknown.startsWith("-c: no column named 'no_such_attribute' (the columns: checking_status, "),
        unknown);
    assertTrue(refusal("-t", creditG, "-d", model(), "-spark-log", "LOUD").startsWith("-spark-log must be one of"));
  }

  @Test
  void aNumericClassOfAnArffFileTrainsARegressionThatWekaLoads() throws Exception {
    String creditG = Paths.get(System.getProperty("basedir", "."), "target", "data", "credit-g.arff").toString();
    String report = SparkMain.run(new String[] {"-t", creditG, "-d", model(), "-c", "credit_amount", "-B", "0",
        "-O", "lbfgs", "-N", "5", "-H", "2"});
    assertTrue(report.contains("-> 1 linear output") && report.contains("Class: credit_amount (numeric; "
        + "standardized for training with mean "), report);
    BackpropOneHidden trained = (BackpropOneHidden) SerializationHelper.read(model());
    weka.core.Instances data = weka.core.converters.ConverterUtils.DataSource.read(creditG);
    data.setClass(data.attribute("credit_amount"));
    double prediction = trained.classifyInstance(data.instance(0));
    assertTrue(prediction > 0 && prediction < 20000, "credit amount " + prediction);
  }
}
