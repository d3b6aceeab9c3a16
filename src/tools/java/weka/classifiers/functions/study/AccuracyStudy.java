package weka.classifiers.functions.study;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.PairedStatsCorrected;

/**
 * The accuracy study: repeated stratified k-fold cross-validation (10 × 10 by default, folds made exactly as
 * Weka's Experimenter makes them: randomize with the run number as seed, stratify (a nominal class only),
 * trainCV/testCV) of one classifier over every ARFF file in a folder, and the analysis that compares the
 * classifiers with Weka's corrected resampled paired t-test ({@link PairedStatsCorrected}, Nadeau &amp; Bengio).
 * The class is the last attribute; a numeric class makes the data set a regression one. (The test folds are the
 * Experimenter's; the order of the training rows is not: trainCV is given a fresh Random(run), where the
 * Experimenter and Evaluation.crossValidateModel pass on the generator that randomized. A learner that depends on
 * row order, such as MultilayerPerceptron or MLPRegressor, therefore can score differently from Weka's own
 * 10-fold CV of the same seed: MLPRegressor on cpus, run 1, RRSE 34.0 % here, 47.8 % there.)
 *
 * <pre>
 *   run     DATASETS_DIR RESULTS_DIR LABEL [CLASSNAME [OPTIONS...]]   -runs R -from-run F -folds K -only a,b
 *           (options before DATASETS_DIR; runs F … R, so a long run can be split between processes)
 *   analyze RESULTS_DIR BASELINE_LABEL [OTHER_LABEL...]
 * </pre>
 * {@code run} appends one line per fold to RESULTS_DIR/LABEL.tsv: data set, run, fold, percent correct,
 * training seconds (wall clock of buildClassifier), testing seconds, training CPU seconds of the whole process
 * (all threads, so a multi-threaded build is counted in full; insensitive to other load on the machine). For a
 * numeric class the fourth column is the root relative squared error (%, relative to the training folds' mean,
 * as Weka's Evaluation computes it) instead of percent correct, and three more follow: root mean squared error,
 * correlation coefficient, mean absolute error; so a line of 10 columns is a regression fold, one of 7 a
 * classification fold. The known labels (backprop, mlp, logistic, mlpclassifier, j48; for regression linear,
 * m5p, mlpregressor) need no class name: each is that classifier with its defaults.
 * {@code analyze} prints a Markdown report: accuracy per data set with significance marks against the
 * baseline, the mean, wins/ties/losses, and training time; for the regression data sets RRSE in the same way
 * (lower is better, so v marks a significantly lower RRSE than the baseline's), then RMSE and the correlation
 * coefficient per data set with their own marks.
 *
 * <p>segment-test.arff is skipped: it is the test half of segment-challenge, not a data set of its own.
 */
public final class AccuracyStudy {

  /** The classifiers of the study, each with its defaults. */
  static final Map<String, String> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put("backprop", "weka.classifiers.functions.BackpropOneHidden");
    KNOWN.put("mlp", "weka.classifiers.functions.MultilayerPerceptron");
    KNOWN.put("logistic", "weka.classifiers.functions.Logistic");
    KNOWN.put("mlpclassifier", "weka.classifiers.functions.MLPClassifier");
    KNOWN.put("j48", "weka.classifiers.trees.J48");
    KNOWN.put("linear", "weka.classifiers.functions.LinearRegression");
    KNOWN.put("m5p", "weka.classifiers.trees.M5P");
    KNOWN.put("mlpregressor", "weka.classifiers.functions.MLPRegressor");
  }

  private static final double SIGNIFICANCE = 0.05;

  private AccuracyStudy() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: run [-runs R] [-folds K] DATASETS_DIR RESULTS_DIR LABEL [CLASSNAME [OPTIONS...]]\n"
          + "       analyze RESULTS_DIR BASELINE_LABEL [OTHER_LABEL...]");
      System.exit(2);
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    if (args[0].equals("run")) {
      int runs = takeInt(rest, "-runs", 10);
      int folds = takeInt(rest, "-folds", 10);
      int fromRun = takeInt(rest, "-from-run", 1);
      int onlyAt = rest.indexOf("-only");
      List<String> only = null;
      if (onlyAt >= 0) {
        only = Arrays.asList(rest.get(onlyAt + 1).split(","));
        rest.remove(onlyAt + 1);
        rest.remove(onlyAt);
      }
      String label = rest.get(2);
      String className = rest.size() > 3 ? rest.get(3) : KNOWN.get(label);
      if (className == null) {
        throw new IllegalArgumentException("unknown label " + label + ": give a class name");
      }
      String[] options = rest.size() > 4 ? rest.subList(4, rest.size()).toArray(new String[0]) : new String[0];
      run(Paths.get(rest.get(0)), Paths.get(rest.get(1)), label, className, options, fromRun, runs, folds, only);
    } else if (args[0].equals("analyze")) {
      analyze(Paths.get(rest.get(0)), rest.subList(1, rest.size()), System.out);
    } else {
      throw new IllegalArgumentException("first argument must be run or analyze");
    }
  }

  private static int takeInt(List<String> args, String flag, int otherwise) {
    int at = args.indexOf(flag);
    if (at < 0) {
      return otherwise;
    }
    int value = Integer.parseInt(args.get(at + 1));
    args.remove(at + 1);
    args.remove(at);
    return value;
  }

  /** @return the data sets of a folder, sorted by name, without segment-test */
  static List<File> datasets(Path dir) {
    File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(".arff") && !name.equals("segment-test.arff"));
    if (files == null || files.length == 0) {
      throw new IllegalArgumentException("no .arff files in " + dir);
    }
    Arrays.sort(files);
    return Arrays.asList(files);
  }

  static void run(Path datasetsDir, Path resultsDir, String label, String className, String[] options, int fromRun,
      int runs, int folds, List<String> only) throws Exception {
    Files.createDirectories(resultsDir);
    Path out = resultsDir.resolve(label + ".tsv");
    Files.deleteIfExists(out);
    Files.write(resultsDir.resolve(label + ".scheme"), (className + " " + Utils.joinOptions(options) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    for (File file : datasets(datasetsDir)) {
      if (only != null && !only.contains(file.getName().replace(".arff", ""))) {
        continue;
      }
      Instances original = DataSource.read(file.getPath());
      original.setClassIndex(original.numAttributes() - 1);
      String name = file.getName().replace(".arff", "");
      long start = System.nanoTime();
      try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        for (int run = fromRun; run <= runs; run++) {
          Instances data = new Instances(original);
          data.randomize(new Random(run));
          if (data.classAttribute().isNominal()) {
            data.stratify(folds);
          }
          for (int fold = 0; fold < folds; fold++) {
            Instances train = data.trainCV(folds, fold, new Random(run));
            Instances test = data.testCV(folds, fold);
            Classifier classifier = AbstractClassifier.forName(className, options.clone());
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            classifier.buildClassifier(train);
            long t1 = System.nanoTime();
            long c1 = processCpuNanos();
            Evaluation evaluation = new Evaluation(train);
            evaluation.evaluateModel(classifier, test);
            long t2 = System.nanoTime();
            if (data.classAttribute().isNumeric()) {
              writer.write(String.format(Locale.ROOT, "%s\t%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f%n", name,
                  run, fold + 1, evaluation.rootRelativeSquaredError(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                  (c1 - c0) / 1e9, evaluation.rootMeanSquaredError(), evaluation.correlationCoefficient(),
                  evaluation.meanAbsoluteError()));
            } else {
              writer.write(String.format(Locale.ROOT, "%s\t%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f%n", name, run, fold + 1,
                  evaluation.pctCorrect(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (c1 - c0) / 1e9));
            }
          }
          writer.flush();
        }
      }
      System.err.printf(Locale.ROOT, "%s %s: %.1f s%n", label, name, (System.nanoTime() - start) / 1e9);
    }
  }

  /** CPU time of this whole process (all threads: a multi-threaded build is counted in full). */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean bean = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return bean instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) bean).getProcessCpuTime() : 0L;
  }

  /**
   * One fold's outcome: the score (percent correct, or for a regression fold the root relative squared error %),
   * wall-clock and process-CPU seconds of training, and for a regression fold RMSE, correlation coefficient and
   * mean absolute error (NaN for a classification fold).
   */
  record Fold(double score, double trainSeconds, double trainCpuSeconds, boolean regression, double rmse,
      double correlation, double meanAbsoluteError) {
  }

  /** label → data set → "run/fold" → outcome. */
  static Map<String, Map<String, Map<String, Fold>>> load(Path resultsDir, List<String> labels) throws IOException {
    Map<String, Map<String, Map<String, Fold>>> all = new LinkedHashMap<>();
    for (String label : labels) {
      Map<String, Map<String, Fold>> byDataset = new TreeMap<>();
      Path file = resultsDir.resolve(label + ".tsv");
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int at = 0; at < lines.size(); at++) {
        String[] f = lines.get(at).split("\t");
        Fold fold;
        if (f.length == 7) {
          fold = new Fold(Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[6]), false,
              Double.NaN, Double.NaN, Double.NaN);
        } else if (f.length == 10) {
          fold = new Fold(Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[6]), true,
              Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]));
        } else {
          throw new IOException(file + ":" + (at + 1) + ": " + f.length
              + " columns; a classification fold has 7, a regression fold 10");
        }
        byDataset.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1] + "/" + f[2], fold);
      }
      all.put(label, byDataset);
    }
    return all;
  }

  /** What a table of the report shows: a value of each fold, averaged over the folds, and which way is better. */
  record Metric(ToDoubleFunction<Fold> value, boolean higherIsBetter) {
  }

  static final Metric ACCURACY = new Metric(Fold::score, true);
  static final Metric RRSE = new Metric(Fold::score, false);
  static final Metric RMSE = new Metric(Fold::rmse, false);
  static final Metric CORRELATION = new Metric(Fold::correlation, true);

  /** One label's column of a table: the sum of its per-data-set means, their number, and the baseline's
   * wins, ties and losses against it. */
  private static final class Column {
    double sum;
    int count;
    final int[] winTieLoss = new int[3];
  }

  /**
   * Prints the report: the classification data sets (those whose baseline folds have 7 columns) as always, then
   * the regression data sets (10 columns), each part only if the baseline has such data sets.
   */
  static void analyze(Path resultsDir, List<String> labels, PrintStream out) throws IOException {
    Map<String, Map<String, Map<String, Fold>>> all = load(resultsDir, labels);
    String baseline = labels.get(0);
    TreeSet<String> classification = new TreeSet<>();
    TreeSet<String> regression = new TreeSet<>();
    for (Map.Entry<String, Map<String, Fold>> entry : all.get(baseline).entrySet()) {
      boolean isRegression = entry.getValue().values().iterator().next().regression();
      (isRegression ? regression : classification).add(entry.getKey());
    }
    if (!classification.isEmpty()) {
      analyzeClassification(all, labels, classification, out);
    }
    if (!regression.isEmpty()) {
      if (!classification.isEmpty()) {
        out.println();
      }
      analyzeRegression(all, labels, regression, out);
    }
  }

  private static void analyzeClassification(Map<String, Map<String, Map<String, Fold>>> all, List<String> labels,
      TreeSet<String> datasets, PrintStream out) {
    String baseline = labels.get(0);
    int pairs = all.get(baseline).get(datasets.first()).size();
    out.printf(Locale.ROOT, "Accuracy (%%) over %d train/test pairs per data set; v = significantly better, "
        + "* = significantly worse than %s (corrected resampled paired t-test, %.0f%%)%n%n", pairs, baseline,
        SIGNIFICANCE * 100);
    Map<String, Column> columns = table(all, labels, datasets, ACCURACY, "%.2f", out);
    meanRow(columns, labels, datasets, out);
    winTieLossRow(columns, labels, out);
    timeRows(all, labels, datasets, out);
    cpuPerDataset(all, labels, datasets, pairs, out);
  }

  private static void analyzeRegression(Map<String, Map<String, Map<String, Fold>>> all, List<String> labels,
      TreeSet<String> datasets, PrintStream out) {
    String baseline = labels.get(0);
    int pairs = all.get(baseline).get(datasets.first()).size();
    out.printf(Locale.ROOT, "Regression: root relative squared error (%%) over %d train/test pairs per data set, "
        + "lower is better; v = significantly better (lower), * = significantly worse (higher) than %s "
        + "(corrected resampled paired t-test, %.0f%%)%n%n", pairs, baseline, SIGNIFICANCE * 100);
    Map<String, Column> columns = table(all, labels, datasets, RRSE, "%.2f", out);
    meanRow(columns, labels, datasets, out);
    winTieLossRow(columns, labels, out);
    timeRows(all, labels, datasets, out);

    out.printf(Locale.ROOT, "%nRoot mean squared error (in the class's units, so no mean over data sets), lower is "
        + "better; v = significantly better (lower), * = significantly worse (higher) than %s%n%n", baseline);
    columns = table(all, labels, datasets, RMSE, "%.3f", out);
    winTieLossRow(columns, labels, out);

    out.printf(Locale.ROOT, "%nCorrelation coefficient, higher is better; v = significantly better (higher), "
        + "* = significantly worse (lower) than %s%n%n", baseline);
    columns = table(all, labels, datasets, CORRELATION, "%.4f", out);
    winTieLossRow(columns, labels, out);

    cpuPerDataset(all, labels, datasets, pairs, out);
  }

  private static void header(List<String> labels, PrintStream out) {
    StringBuilder header = new StringBuilder("| data set |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String label : labels) {
      header.append(' ').append(label).append(" |");
      rule.append("---|");
    }
    out.println(header);
    out.println(rule);
  }

  /**
   * Prints the header and a row per data set: each label's mean of the metric over the folds, marked v if
   * significantly better than the baseline's, * if significantly worse, in the metric's sense of better.
   *
   * @return each label's column: the sum and number of its means, the baseline's wins/ties/losses against it
   */
  private static Map<String, Column> table(Map<String, Map<String, Map<String, Fold>>> all, List<String> labels,
      TreeSet<String> datasets, Metric metric, String format, PrintStream out) {
    String baseline = labels.get(0);
    header(labels, out);
    Map<String, Column> columns = new LinkedHashMap<>();
    for (String label : labels) {
      columns.put(label, new Column());
    }
    for (String dataset : datasets) {
      StringBuilder row = new StringBuilder("| ").append(dataset).append(" |");
      Map<String, Fold> base = all.get(baseline).get(dataset);
      for (String label : labels) {
        Map<String, Fold> folds = all.get(label).get(dataset);
        if (folds == null) {
          row.append(" – |");
          continue;
        }
        double mean = folds.values().stream().mapToDouble(metric.value()).average().orElse(Double.NaN);
        Column column = columns.get(label);
        column.sum += mean;
        column.count++;
        String mark = "";
        if (!label.equals(baseline)) {
          int significance = significance(base, folds, metric);
          // +1 = the baseline significantly better
          if (significance > 0) {
            mark = " *";
            column.winTieLoss[0]++;
          } else if (significance < 0) {
            mark = " v";
            column.winTieLoss[2]++;
          } else {
            column.winTieLoss[1]++;
          }
        }
        row.append(String.format(Locale.ROOT, " " + format + "%s |", mean, mark));
      }
      out.println(row);
    }
    return columns;
  }

  private static void meanRow(Map<String, Column> columns, List<String> labels, TreeSet<String> datasets,
      PrintStream out) {
    StringBuilder meanRow = new StringBuilder("| **mean** |");
    for (String label : labels) {
      Column column = columns.get(label);
      meanRow.append(column.count == 0 ? " – |" : String.format(Locale.ROOT, " **%.2f**%s |", column.sum / column.count,
          column.count < datasets.size() ? " (" + column.count + " data sets)" : ""));
    }
    out.println(meanRow);
  }

  private static void winTieLossRow(Map<String, Column> columns, List<String> labels, PrintStream out) {
    String baseline = labels.get(0);
    StringBuilder wtlRow = new StringBuilder("| " + baseline + " wins/ties/losses against |");
    for (String label : labels) {
      int[] wtl = columns.get(label).winTieLoss;
      wtlRow.append(label.equals(baseline) ? " – |" : String.format(Locale.ROOT, " %d/%d/%d |", wtl[0], wtl[1], wtl[2]));
    }
    out.println(wtlRow);
  }

  /** The rows of training time, wall clock and CPU, summed over the data sets' folds, and their ratios to the baseline's. */
  private static void timeRows(Map<String, Map<String, Map<String, Fold>>> all, List<String> labels,
      TreeSet<String> datasets, PrintStream out) {
    String baseline = labels.get(0);
    Map<String, Double> timeSum = new LinkedHashMap<>();
    Map<String, Double> cpuSum = new LinkedHashMap<>();
    for (String label : labels) {
      timeSum.put(label, 0.0);
      cpuSum.put(label, 0.0);
      for (String dataset : datasets) {
        Map<String, Fold> folds = all.get(label).get(dataset);
        if (folds != null) {
          timeSum.merge(label, folds.values().stream().mapToDouble(Fold::trainSeconds).sum(), Double::sum);
          cpuSum.merge(label, folds.values().stream().mapToDouble(Fold::trainCpuSeconds).sum(), Double::sum);
        }
      }
    }
    StringBuilder timeRow = new StringBuilder("| training time, all folds, wall clock (s) |");
    StringBuilder ratioRow = new StringBuilder("| wall-clock training time / " + baseline + "'s |");
    StringBuilder cpuRow = new StringBuilder("| training CPU time, all folds (s) |");
    StringBuilder cpuRatioRow = new StringBuilder("| CPU training time / " + baseline + "'s |");
    for (String label : labels) {
      timeRow.append(String.format(Locale.ROOT, " %.1f |", timeSum.get(label)));
      ratioRow.append(String.format(Locale.ROOT, " %.2f |", timeSum.get(label) / timeSum.get(baseline)));
      cpuRow.append(String.format(Locale.ROOT, " %.1f |", cpuSum.get(label)));
      cpuRatioRow.append(String.format(Locale.ROOT, " %.2f |", cpuSum.get(label) / cpuSum.get(baseline)));
    }
    out.println(timeRow);
    out.println(ratioRow);
    out.println(cpuRow);
    out.println(cpuRatioRow);
  }

  private static void cpuPerDataset(Map<String, Map<String, Map<String, Fold>>> all, List<String> labels,
      TreeSet<String> datasets, int pairs, PrintStream out) {
    out.printf(Locale.ROOT, "%nTraining CPU time per data set (s, summed over its %d folds; all threads of the process)%n%n",
        pairs);
    header(labels, out);
    for (String dataset : datasets) {
      StringBuilder row = new StringBuilder("| ").append(dataset).append(" |");
      for (String label : labels) {
        Map<String, Fold> folds = all.get(label).get(dataset);
        row.append(folds == null ? " – |" : String.format(Locale.ROOT, " %.2f |",
            folds.values().stream().mapToDouble(Fold::trainCpuSeconds).sum()));
      }
      out.println(row);
    }
  }

  /**
   * @return +1 if the baseline is significantly better in the metric (more accurate, lower RRSE or RMSE, higher
   *         correlation), −1 if significantly worse, 0 otherwise
   */
  static int significance(Map<String, Fold> base, Map<String, Fold> other, Metric metric) {
    int folds = base.keySet().stream().mapToInt(key -> Integer.parseInt(key.substring(key.indexOf('/') + 1)))
        .max().orElse(2);
    double testTrainRatio = 1.0 / Math.max(1, folds - 1);
    PairedStatsCorrected stats = new PairedStatsCorrected(SIGNIFICANCE, testTrainRatio);
    for (Map.Entry<String, Fold> entry : base.entrySet()) {
      Fold o = other.get(entry.getKey());
      if (o != null) {
        stats.add(metric.value().applyAsDouble(entry.getValue()), metric.value().applyAsDouble(o));
      }
    }
    stats.calculateDerived();
    // differencesSignificance is +1 when the baseline's mean is significantly the higher
    return metric.higherIsBetter() ? stats.differencesSignificance : -stats.differencesSignificance;
  }
}
