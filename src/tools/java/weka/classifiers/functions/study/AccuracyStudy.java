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

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.PairedStatsCorrected;

/**
 * The accuracy study: repeated stratified k-fold cross-validation (10 × 10 by default, folds made exactly as
 * Weka's Experimenter makes them: randomize with the run number as seed, stratify, trainCV/testCV) of one
 * classifier over every ARFF file in a folder, and the analysis that compares the classifiers with Weka's
 * corrected resampled paired t-test ({@link PairedStatsCorrected}, Nadeau &amp; Bengio).
 *
 * <pre>
 *   run     DATASETS_DIR RESULTS_DIR LABEL [CLASSNAME [OPTIONS...]]   -runs R -from-run F -folds K -only a,b
 *           (options before DATASETS_DIR; runs F … R, so a long run can be split between processes)
 *   analyze RESULTS_DIR BASELINE_LABEL [OTHER_LABEL...]
 * </pre>
 * {@code run} appends one line per fold to RESULTS_DIR/LABEL.tsv: data set, run, fold, percent correct,
 * training seconds (wall clock of buildClassifier), testing seconds, training CPU seconds of the whole process
 * (all threads, so a multi-threaded build is counted in full; insensitive to other load on the machine). The known labels (backprop, mlp,
 * logistic, mlpclassifier, j48) need no class name: each is that classifier with its defaults.
 * {@code analyze} prints a Markdown report: accuracy per data set with significance marks against the
 * baseline, the mean, wins/ties/losses, and training time.
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
            writer.write(String.format(Locale.ROOT, "%s\t%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f%n", name, run, fold + 1,
                evaluation.pctCorrect(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (c1 - c0) / 1e9));
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

  /** One fold's outcome: accuracy, wall-clock and process-CPU seconds of training. */
  record Fold(double percentCorrect, double trainSeconds, double trainCpuSeconds) {
  }

  /** label → data set → "run/fold" → outcome. */
  static Map<String, Map<String, Map<String, Fold>>> load(Path resultsDir, List<String> labels) throws IOException {
    Map<String, Map<String, Map<String, Fold>>> all = new LinkedHashMap<>();
    for (String label : labels) {
      Map<String, Map<String, Fold>> byDataset = new TreeMap<>();
      for (String line : Files.readAllLines(resultsDir.resolve(label + ".tsv"), StandardCharsets.UTF_8)) {
        String[] f = line.split("\t");
        byDataset.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1] + "/" + f[2],
            new Fold(Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[6])));
      }
      all.put(label, byDataset);
    }
    return all;
  }

  static void analyze(Path resultsDir, List<String> labels, PrintStream out) throws IOException {
    Map<String, Map<String, Map<String, Fold>>> all = load(resultsDir, labels);
    String baseline = labels.get(0);
    TreeSet<String> datasets = new TreeSet<>(all.get(baseline).keySet());
    int pairs = all.get(baseline).get(datasets.first()).size();
    out.printf(Locale.ROOT, "Accuracy (%%) over %d train/test pairs per data set; v = significantly better, "
        + "* = significantly worse than %s (corrected resampled paired t-test, %.0f%%)%n%n", pairs, baseline,
        SIGNIFICANCE * 100);
    StringBuilder header = new StringBuilder("| data set |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String label : labels) {
      header.append(' ').append(label).append(" |");
      rule.append("---|");
    }
    out.println(header);
    out.println(rule);
    Map<String, int[]> winTieLoss = new LinkedHashMap<>();
    Map<String, Double> accuracySum = new LinkedHashMap<>();
    Map<String, Double> timeSum = new LinkedHashMap<>();
    Map<String, Double> cpuSum = new LinkedHashMap<>();
    Map<String, Integer> present = new LinkedHashMap<>();
    for (String label : labels) {
      present.put(label, 0);
      winTieLoss.put(label, new int[3]);
      accuracySum.put(label, 0.0);
      timeSum.put(label, 0.0);
      cpuSum.put(label, 0.0);
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
        double mean = folds.values().stream().mapToDouble(Fold::percentCorrect).average().orElse(Double.NaN);
        accuracySum.merge(label, mean, Double::sum);
        present.merge(label, 1, Integer::sum);
        timeSum.merge(label, folds.values().stream().mapToDouble(Fold::trainSeconds).sum(), Double::sum);
        cpuSum.merge(label, folds.values().stream().mapToDouble(Fold::trainCpuSeconds).sum(), Double::sum);
        String mark = "";
        if (!label.equals(baseline)) {
          int significance = significance(base, folds, pairs);
          // significance compares baseline − other: +1 = baseline better
          int[] wtl = winTieLoss.get(label);
          if (significance > 0) {
            mark = " *";
            wtl[0]++;
          } else if (significance < 0) {
            mark = " v";
            wtl[2]++;
          } else {
            wtl[1]++;
          }
        }
        row.append(String.format(Locale.ROOT, " %.2f%s |", mean, mark));
      }
      out.println(row);
    }
    StringBuilder meanRow = new StringBuilder("| **mean** |");
    StringBuilder wtlRow = new StringBuilder("| " + baseline + " wins/ties/losses against |");
    StringBuilder timeRow = new StringBuilder("| training time, all folds, wall clock (s) |");
    StringBuilder ratioRow = new StringBuilder("| wall-clock training time / " + baseline + "'s |");
    StringBuilder cpuRow = new StringBuilder("| training CPU time, all folds (s) |");
    StringBuilder cpuRatioRow = new StringBuilder("| CPU training time / " + baseline + "'s |");
    for (String label : labels) {
      int count = present.get(label);
      meanRow.append(count == 0 ? " – |" : String.format(Locale.ROOT, " **%.2f**%s |", accuracySum.get(label) / count,
          count < datasets.size() ? " (" + count + " data sets)" : ""));
      int[] wtl = winTieLoss.get(label);
      wtlRow.append(label.equals(baseline) ? " – |" : String.format(Locale.ROOT, " %d/%d/%d |", wtl[0], wtl[1], wtl[2]));
      timeRow.append(String.format(Locale.ROOT, " %.1f |", timeSum.get(label)));
      ratioRow.append(String.format(Locale.ROOT, " %.2f |", timeSum.get(label) / timeSum.get(baseline)));
      cpuRow.append(String.format(Locale.ROOT, " %.1f |", cpuSum.get(label)));
      cpuRatioRow.append(String.format(Locale.ROOT, " %.2f |", cpuSum.get(label) / cpuSum.get(baseline)));
    }
    out.println(meanRow);
    out.println(wtlRow);
    out.println(timeRow);
    out.println(ratioRow);
    out.println(cpuRow);
    out.println(cpuRatioRow);

    out.printf(Locale.ROOT, "%nTraining CPU time per data set (s, summed over its %d folds; all threads of the process)%n%n",
        pairs);
    out.println(header);
    out.println(rule);
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
   * @return +1 if the baseline is significantly more accurate, −1 if significantly less, 0 otherwise
   */
  static int significance(Map<String, Fold> base, Map<String, Fold> other, int pairs) {
    int folds = base.keySet().stream().mapToInt(key -> Integer.parseInt(key.substring(key.indexOf('/') + 1)))
        .max().orElse(2);
    double testTrainRatio = 1.0 / Math.max(1, folds - 1);
    PairedStatsCorrected stats = new PairedStatsCorrected(SIGNIFICANCE, testTrainRatio);
    for (Map.Entry<String, Fold> entry : base.entrySet()) {
      Fold o = other.get(entry.getKey());
      if (o != null) {
        stats.add(entry.getValue().percentCorrect(), o.percentCorrect());
      }
    }
    stats.calculateDerived();
    return stats.differencesSignificance;
  }
}
