package weka.classifiers.functions.pictures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Makes the README's pictures in an output directory:
 * <ul>
 *   <li>{@code loss-credit-g.png}: training and validation loss per epoch of one BackpropOneHidden network (-tune none)
 *       on credit-g (the whole data set), with the kept (best validation) epoch marked;</li>
 *   <li>{@code regression-mexicanhat.png}: a numeric class: Weka's MexicanHat generator's data and the
 *       10-fold cross-validated predictions of BackpropOneHidden's defaults, LinearRegression and
 *       MultilayerPerceptron;</li>
 *   <li>{@code study-accuracy-time.png}: mean accuracy and mean training CPU time per fold of each classifier of the
 *       accuracy study, from its per-fold TSV files (RESULTS_DIR/LABEL.tsv with LABEL.scheme naming the
 *       classifier; files with the same scheme are shards of one classifier's results and are merged);</li>
 *   <li>{@code explorer.png}: the Explorer with BackpropOneHidden cross-validated on iris, when a display is
 *       available (docs/make-pictures.sh provides one with Xvfb); skipped without one.</li>
 * </ul>
 * Usage: {@code Pictures OUTPUT_DIR [STUDY_RESULTS_DIR]} (data sets from target/data).
 */
public final class Pictures {

  private static final int WIDTH = 900;

  private Pictures() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Pictures OUTPUT_DIR [STUDY_RESULTS_DIR]");
      System.exit(2);
    }
    Path out = Paths.get(args[0]);
    Files.createDirectories(out);
    Path data = Paths.get("target", "data");
    lossChart(data.resolve("credit-g.arff"), out.resolve("loss-credit-g.png"));
    regressionChart(out.resolve("regression-mexicanhat.png"));
    if (args.length > 1 && Files.isDirectory(Paths.get(args[1]))) {
      studyChart(Paths.get(args[1]), out.resolve("study-accuracy-time.png"));
    } else {
      System.err.println("no study results directory given or found: study chart skipped");
    }
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("no display (DISPLAY unset or headless): Explorer screenshot skipped; "
          + "docs/make-pictures.sh runs this under Xvfb");
    } else {
      ExplorerScreenshot.take(data.resolve("iris.arff").toFile(), out.resolve("explorer.png").toFile());
    }
    System.exit(0); // the Explorer's threads would keep the JVM alive
  }

  /** (b) Training and validation loss per epoch on credit-g, one network: the defaults with -tune none. */
  static void lossChart(Path arff, Path png) throws Exception {
    Instances data = DataSource.read(arff.toString());
    data.setClassIndex(data.numAttributes() - 1);
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(new String[] {"-tune", "none"}); // one network: its loss curves
    classifier.buildClassifier(data);
    TrainingResult result = classifier.getTrainingResult();
    double[] training = result.lossHistory();
    double[] validation = result.validationHistory();

    XYChart chart = new XYChartBuilder().width(WIDTH).height(500)
        .title("BackpropOneHidden (-tune none) on credit-g: loss per epoch")
        .xAxisTitle("epoch").yAxisTitle("mean cross-entropy").build();
    style(chart.getStyler());
    chart.getStyler().setMarkerSize(0);
    XYSeries train = chart.addSeries("training (+ L2 penalty), " + result.trainingRows() + " rows", epochs(training),
        training);
    train.setMarker(SeriesMarkers.NONE);
    if (validation != null) {
      XYSeries held = chart.addSeries("validation (held out), " + result.validationRows() + " rows",
          epochs(validation), validation);
      held.setMarker(SeriesMarkers.NONE);
      int kept = result.keptEpoch();
      XYSeries best = chart.addSeries("kept weights: epoch " + kept + " (lowest validation loss)",
          new double[] {kept}, new double[] {validation[kept]});
      best.setMarker(SeriesMarkers.DIAMOND);
      best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      best.setMarkerColor(Color.BLACK);
    }
    chart.getStyler().setMarkerSize(10);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    System.out.println("wrote " + png + " (" + result.epochs() + " epochs, stopped because "
        + result.stopReason().description() + ")");
  }

  /**
   * A numeric class on generated data: Weka's MexicanHat generator (y = sin|x| / |x| on x in [−10, 10], noise on a
   * fifth of the instances), 10-fold cross-validated (seed 1), each instance's prediction plotted at its x.
   */
  static void regressionChart(Path png) throws Exception {
    weka.datagenerators.classifiers.regression.MexicanHat generator =
        new weka.datagenerators.classifiers.regression.MexicanHat();
    generator.setOptions(new String[] {"-n", "400", "-N", "0.2", "-V", "0.01", "-S", "1"});
    generator.setDatasetFormat(generator.defineDataFormat());
    Instances data = generator.generateExamples();
    data.setClassIndex(data.numAttributes() - 1);
    XYChart chart = new XYChartBuilder().width(WIDTH).height(550)
        .title("A numeric class: Weka's MexicanHat data (400 instances), 10-fold cross-validated predictions")
        .xAxisTitle("x").yAxisTitle("y").build();
    style(chart.getStyler());
    double[] x = new double[data.numInstances()];
    double[] y = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = data.instance(k).value(0);
      y[k] = data.instance(k).classValue();
    }
    XYSeries truth = chart.addSeries("the data", x, y);
    truth.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    truth.setMarker(SeriesMarkers.CIRCLE);
    truth.setMarkerColor(Color.LIGHT_GRAY);
    weka.classifiers.Classifier[] learners = {new BackpropOneHidden(), new weka.classifiers.functions.LinearRegression(),
        new weka.classifiers.functions.MultilayerPerceptron()};
    String[] names = {"BackpropOneHidden (defaults)", "LinearRegression", "MultilayerPerceptron"};
    for (int i = 0; i < learners.length; i++) {
      weka.classifiers.Evaluation evaluation = new weka.classifiers.Evaluation(data);
      evaluation.crossValidateModel(learners[i], data, 10, new java.util.Random(1), new Object[0]);
      List<weka.classifiers.evaluation.Prediction> predictions = evaluation.predictions();
      // crossValidateModel shuffles a copy with the same seed: predictions come in that copy's fold order
      Instances order = new Instances(data);
      order.randomize(new java.util.Random(1));
      double[] px = new double[predictions.size()];
      double[] py = new double[predictions.size()];
      int k = 0;
      for (int fold = 0; fold < 10; fold++) {
        Instances test = order.testCV(10, fold);
        for (int j = 0; j < test.numInstances(); j++, k++) {
          px[k] = test.instance(j).value(0);
          py[k] = predictions.get(k).predicted();
        }
      }
      XYSeries series = chart.addSeries(String.format(java.util.Locale.ROOT, "%s: RRSE %.1f %%", names[i],
          evaluation.rootRelativeSquaredError()), px, py);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(i == 0 ? SeriesMarkers.DIAMOND : i == 1 ? SeriesMarkers.SQUARE : SeriesMarkers.TRIANGLE_UP);
      System.out.println("regression chart: " + names[i] + " RRSE " + evaluation.rootRelativeSquaredError());
    }
    chart.getStyler().setMarkerSize(5);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    System.out.println("wrote " + png);
  }

  private static double[] epochs(double[] values) {
    double[] x = new double[values.length];
    for (int e = 0; e < x.length; e++) {
      x[e] = e;
    }
    return x;
  }

  /** Per-fold results of one classifier: data set to (accuracies, training seconds). */
  private static final class Scheme {
    final Map<String, List<double[]>> folds = new TreeMap<>();
  }

  /** (c) Accuracy and training time of the study's classifiers, on the data sets that all of them have. */
  static void studyChart(Path dir, Path png) throws IOException {
    Map<String, Scheme> schemes = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".tsv")).sorted().collect(Collectors.toList());
    }
    // BackpropOneHidden first
    files.sort((a, b) -> Boolean.compare(!a.getFileName().toString().startsWith("backprop"),
        !b.getFileName().toString().startsWith("backprop")));
    for (Path tsv : files) {
      String stem = tsv.getFileName().toString().replaceFirst("\\.tsv$", "");
      Path schemeFile = dir.resolve(stem + ".scheme");
      String scheme = Files.isRegularFile(schemeFile)
          ? new String(Files.readAllBytes(schemeFile), StandardCharsets.UTF_8).trim() : stem;
      Scheme s = schemes.computeIfAbsent(scheme, k -> new Scheme());
      for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
        String[] cells = line.split("\t");
        if (cells.length < 7) {
          continue;
        }
        try {
          // % correct and the training CPU time (column 7): unlike the wall clock, it does not depend on what
          // else the machine was running while each classifier's folds ran
          s.folds.computeIfAbsent(cells[0], k -> new ArrayList<>())
              .add(new double[] {Double.parseDouble(cells[3]), Double.parseDouble(cells[6])});
        } catch (NumberFormatException e) {
          // a header line
        }
      }
    }
    schemes.values().removeIf(s -> s.folds.isEmpty());
    if (schemes.isEmpty()) {
      System.err.println("no results in " + dir + ": study chart skipped");
      return;
    }
    Set<String> datasets = new LinkedHashSet<>(schemes.values().iterator().next().folds.keySet());
    for (Scheme s : schemes.values()) {
      datasets.retainAll(s.folds.keySet());
    }
    if (datasets.isEmpty()) {
      System.err.println("no data set has results for every classifier in " + dir + ": study chart skipped");
      return;
    }
    List<String> names = new ArrayList<>(datasets);
    String subtitle = " (" + names.size() + " data sets with results from every classifier)";
    CategoryChart accuracy = new CategoryChartBuilder().width(WIDTH).height(420)
        .title("Accuracy study: mean percent correct per data set" + subtitle).yAxisTitle("% correct").build();
    CategoryChart time = new CategoryChartBuilder().width(WIDTH).height(420)
        .title("Accuracy study: mean training CPU time per fold (log scale; under 0.1 ms drawn at 0.1 ms)")
        .yAxisTitle("CPU seconds").build();
    style(accuracy.getStyler());
    style(time.getStyler());
    accuracy.getStyler().setXAxisLabelRotation(30);
    time.getStyler().setXAxisLabelRotation(30);
    time.getStyler().setYAxisLogarithmic(true);
    time.getStyler().setYAxisMin(1e-4);
    for (Map.Entry<String, Scheme> entry : schemes.entrySet()) {
      List<Double> acc = new ArrayList<>();
      List<Double> secs = new ArrayList<>();
      for (String name : names) {
        List<double[]> folds = entry.getValue().folds.get(name);
        acc.add(folds.stream().mapToDouble(f -> f[0]).average().orElse(Double.NaN));
        secs.add(Math.max(1e-4, folds.stream().mapToDouble(f -> f[1]).average().orElse(Double.NaN)));
      }
      String label = label(entry.getKey());
      accuracy.addSeries(label, names, acc);
      time.addSeries(label, names, secs);
    }
    double min = 100;
    for (Scheme s : schemes.values()) {
      for (String name : names) {
        min = Math.min(min, s.folds.get(name).stream().mapToDouble(f -> f[0]).average().orElse(100));
      }
    }
    accuracy.getStyler().setYAxisMin(Math.max(0, Math.floor(min / 10) * 10 - 10));
    accuracy.getStyler().setYAxisMax(100.0);
    BufferedImage top = BitmapEncoder.getBufferedImage(accuracy);
    BufferedImage bottom = BitmapEncoder.getBufferedImage(time);
    BufferedImage both = new BufferedImage(WIDTH, top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = both.createGraphics();
    g.drawImage(top, 0, 0, null);
    g.drawImage(bottom, 0, top.getHeight(), null);
    g.dispose();
    ImageIO.write(both, "png", png.toFile());
    System.out.println("wrote " + png + ": " + schemes.size() + " classifiers, data sets " + names);
  }

  /** @return the classifier's short name, with its options if it has any */
  private static String label(String scheme) {
    String[] parts = scheme.split("\\s+", 2);
    String name = parts[0].substring(parts[0].lastIndexOf('.') + 1);
    return parts.length > 1 && !parts[1].trim().isEmpty() ? name + " " + parts[1].trim() : name;
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setAntiAlias(true);
  }

  static File file(Path p) {
    return p.toFile();
  }
}
