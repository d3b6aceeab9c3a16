package weka.classifiers.functions.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study tool's analysis on hand-made results whose ordering is known, so that the direction of the
 * significance marks is checked: for accuracy and correlation higher is better, for RRSE and RMSE lower.
 */
class AccuracyStudyTest {

  /** A small deterministic wobble, different for each fold and each learner, so differences have a variance. */
  private static double wobble(int i, int salt) {
    return ((i * 7 + salt * 3) % 10 - 4.5) * 0.3; // each 10 folds run through 0..9: mean 0
  }

  /** 10 runs × 10 folds of one regression data set: RRSE around rrse, RMSE around rmse, correlation around r. */
  private static List<String> regression(String dataset, double rrse, double rmse, double r, int salt) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      double w = wobble(i, salt);
      lines.add(String.format(Locale.ROOT, "%s\t%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f", dataset, i / 10 + 1,
          i % 10 + 1, rrse + w, 0.5, 0.01, 0.5, rmse + w / 10, r + w / 100, rmse * 0.7 + w / 10));
    }
    return lines;
  }

  private static List<String> classification(String dataset, double accuracy, int salt) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(String.format(Locale.ROOT, "%s\t%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f", dataset, i / 10 + 1, i % 10 + 1,
          accuracy + wobble(i, salt), 0.5, 0.01, 0.5));
    }
    return lines;
  }

  private static String analyze(Path dir, String... labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      AccuracyStudy.analyze(dir, List.of(labels), out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** @return the row of a data set in the table that follows the line starting with title */
  private static String row(String report, String title, String dataset) {
    String table = report.substring(report.indexOf(title));
    int at = table.indexOf("| " + dataset + " |");
    return table.substring(at, table.indexOf('\n', at));
  }

  @Test
  void lowerErrorIsMarkedBetterAndHigherCorrelationToo(@TempDir Path dir) throws IOException {
    // base: RRSE 50, RMSE 5, r 0.80; good: clearly lower errors and a higher correlation; bad: the opposite
    Files.write(dir.resolve("base.tsv"), regression("toy", 50, 5, 0.80, 0));
    Files.write(dir.resolve("good.tsv"), regression("toy", 30, 3, 0.90, 1));
    Files.write(dir.resolve("bad.tsv"), regression("toy", 70, 7, 0.70, 2));
    Files.write(dir.resolve("same.tsv"), regression("toy", 50, 5, 0.80, 3));
    String report = analyze(dir, "base", "good", "bad", "same");

    assertTrue(report.startsWith("Regression: root relative squared error"), report);
    assertEquals("| toy | 50.00 | 30.00 v | 70.00 * | 50.00 |", row(report, "Regression:", "toy"), report);
    assertEquals("| toy | 5.000 | 3.000 v | 7.000 * | 5.000 |", row(report, "Root mean squared", "toy"), report);
    assertEquals("| toy | 0.8000 | 0.9000 v | 0.7000 * | 0.8000 |", row(report, "Correlation", "toy"), report);
    // the baseline loses to good, beats bad, ties with same, in every table
    String wtl = "| base wins/ties/losses against | – | 0/0/1 | 1/0/0 | 0/1/0 |";
    assertEquals(3, report.split(java.util.regex.Pattern.quote(wtl), -1).length - 1, report);
    assertTrue(report.contains("| **mean** | **50.00** | **30.00** | **70.00** | **50.00** |"), report);
    assertTrue(report.contains("Training CPU time per data set"), report);
  }

  @Test
  void classificationFilesLoadAsBeforeAndMixWithRegression(@TempDir Path dir) throws IOException {
    List<String> base = new ArrayList<>(classification("iris", 90, 0));
    base.addAll(regression("toy", 50, 5, 0.8, 0));
    List<String> other = new ArrayList<>(classification("iris", 95, 1));
    other.addAll(regression("toy", 60, 6, 0.7, 1));
    Files.write(dir.resolve("base.tsv"), base);
    Files.write(dir.resolve("other.tsv"), other);
    String report = analyze(dir, "base", "other");

    assertTrue(report.startsWith("Accuracy (%) over 100 train/test pairs"), report);
    assertEquals("| iris | 90.00 | 95.00 v |", row(report, "Accuracy", "iris"), report);
    assertEquals("| toy | 50.00 | 60.00 * |", row(report, "Regression:", "toy"), report);
    assertTrue(!row(report, "Accuracy", "iris").contains("toy"));
  }

  @Test
  void aLineOfAnotherWidthIsRefused(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("broken.tsv"), List.of("toy\t1\t1\t50.0\t0.5\t0.01\t0.5\t5.0"));
    IOException e = assertThrows(IOException.class, () -> analyze(dir, "broken"));
    assertTrue(e.getMessage().contains("8 columns"), e.getMessage());
  }

  @Test
  void runWritesTheRegressionColumnsForANumericClass(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    StringBuilder arff = new StringBuilder("@relation line\n@attribute x numeric\n@attribute y numeric\n@data\n");
    for (int i = 0; i < 30; i++) {
      arff.append(i).append(',').append(2.0 * i + 1 + ((i * 5) % 7 - 3) * 0.1).append('\n');
    }
    Files.write(data.resolve("line.arff"), arff.toString().getBytes(StandardCharsets.UTF_8));
    Path results = dir.resolve("results");
    AccuracyStudy.run(data, results, "linear", AccuracyStudy.KNOWN.get("linear"), new String[0], 1, 2, 3, null);

    List<String> lines = Files.readAllLines(results.resolve("linear.tsv"));
    assertEquals(2 * 3, lines.size());
    for (String line : lines) {
      String[] f = line.split("\t");
      assertEquals(10, f.length, line);
      assertTrue(Double.parseDouble(f[3]) < 10, "a near-exact line fits with a small RRSE: " + line);
      assertTrue(Double.parseDouble(f[8]) > 0.99, "and a correlation near 1: " + line);
    }
    assertTrue(analyze(results, "linear").contains("| line |"));
  }
}
