package weka.classifiers.functions.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.LocalRowSums;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * A model trained on Spark (local[2], the ARFF file read in 3 partitions) equals the model trained locally
 * with the same options to 1e-9, for the derivation's gradient descent and for L-BFGS, and with early
 * stopping on the same held-out rows; and any partitioning of the same rows gives the same model bit for bit. The
 * same holds for a numeric class (one linear output on the standardized class, predictions on its scale), whose
 * mean and standard deviation are merged over the blocks.
 */
class SparkTrainerTest {

  private static final double TOLERANCE = 1e-9;

  private static String creditG() {
    File file = Paths.get(System.getProperty("basedir", "."), "target", "data", "credit-g.arff").toFile();
    assertTrue(file.isFile(), file + " is missing: run the tests through Maven");
    return file.getAbsolutePath();
  }

  private static Instances local() throws Exception {
    Instances data = DataSource.read(creditG());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  private static BackpropOneHidden trainedOnSpark(String options) throws Exception {
    JavaSparkContext context = LocalSpark.context();
    Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), creditG());
    header.setClassIndex(header.numAttributes() - 1);
    JavaRDD<RawRow> rows = ArffFiles.readRows(context, creditG(), header, 3);
    assertTrue(rows.getNumPartitions() >= 3);
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions(options));
    SparkTrainer.train(context, header, rows, classifier);
    return classifier;
  }

  private static void assertSameNetwork(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE, what + ": parameter " + i);
    }
  }

  /** Trains with the options locally and on Spark; the networks must agree to 1e-9. */
  private static BackpropOneHidden assertSparkEqualsLocal(String options, String what) throws Exception {
    BackpropOneHidden local = new BackpropOneHidden();
    local.setOptions(Utils.splitOptions("-tune none " + options)); // Spark trains one network, as -tune none
    local.buildClassifier(local());
    BackpropOneHidden spark = trainedOnSpark(options);
    assertSameNetwork(local.getNetwork().parameters(), spark.getNetwork().parameters(), what);
    assertEquals(local.getTrainingResult().epochs(), spark.getTrainingResult().epochs(), what);
    String text = spark.toString();
    assertTrue(text.contains("Trained on Spark ") && text.contains("local[2], 3 partitions"), text);
    return spark;
  }

  @Test
  void gradientDescentOnSparkEqualsLocal() throws Exception {
    BackpropOneHidden spark = assertSparkEqualsLocal("-O gd -B 0 -V 0 -R 0 -L 0.5 -N 25 -H 6 -A sigmoid -S 3 "
        + "-num-threads 1", "gd");
    assertEquals(25, spark.getTrainingResult().epochs());
  }

  @Test
  void lbfgsOnSparkEqualsLocal() throws Exception {
    BackpropOneHidden spark = assertSparkEqualsLocal("-O lbfgs -B 0 -V 0 -R 1e-4 -N 20 -H 6 -A tanh -S 5 "
        + "-num-threads 2", "lbfgs");
    assertTrue(spark.getTrainingResult().finalLoss() < spark.getTrainingResult().initialLoss());
  }

  @Test
  void balancedClassesOnSparkEqualLocal() throws Exception {
    String options = "-O lbfgs -B 0 -V 0 -R 1e-4 -N 15 -H 6 -S 7 -num-threads 1";
    BackpropOneHidden balanced = assertSparkEqualsLocal(options + " -balance", "-balance");
    BackpropOneHidden plain = trainedOnSpark(options);
    double difference = 0;
    for (int i = 0; i < plain.getNetwork().parameters().length; i++) {
      difference = Math.max(difference, Math.abs(plain.getNetwork().parameters()[i]
          - balanced.getNetwork().parameters()[i]));
    }
    assertTrue(difference > 1e-3, "-balance changed nothing on credit-g (70 % / 30 %)");
  }

  @Test
  void earlyStoppingOnSparkEqualsLocalOnTheSameHeldOutRows() throws Exception {
    String options = "-O lbfgs -B 0 -V 0.25 -E 3 -R 1e-3 -N 40 -H 8 -S 11 -num-threads 1";
    BackpropOneHidden spark = trainedOnSpark(options);

    BackpropOneHidden template = new BackpropOneHidden();
    template.setOptions(Utils.splitOptions(options));
    TrainingConfig config = template.settings().trainingConfig(template.getSeed());
    Instances data = local();
    StatisticsPreprocessing preprocessing = StatisticsPreprocessing.fit(data);
    List<Integer> train = new ArrayList<>();
    List<Integer> heldOut = new ArrayList<>();
    for (int k = 0; k < data.numInstances(); k++) {
      (HashSplit.isHeldOut(config.seed() + 1, k, 0.25) ? heldOut : train).add(k);
    }
    assertTrue(heldOut.size() > 200 && heldOut.size() < 300, "held out " + heldOut.size());
    DataMatrix trainRows = TrainingData.matrix(preprocessing, data, toArray(train), false);
    DataMatrix heldOutRows = TrainingData.matrix(preprocessing, data, toArray(heldOut), false);
    NetworkShape shape = new NetworkShape(preprocessing.numInputs(), 8, 1, config.activation());
    TrainingResult result;
    try (Trainer trainer = Trainer.fullBatch(shape, new LocalRowSums(shape, trainRows, 1),
        new LocalRowSums(shape, heldOutRows, 1), config)) {
      while (trainer.epoch()) {
        // until early stopping or the epoch limit
      }
      result = trainer.result();
    }
    assertEquals(result.epochs(), spark.getTrainingResult().epochs());
    assertEquals(result.keptEpoch(), spark.getTrainingResult().keptEpoch());
    assertSameNetwork(result.network().parameters(), spark.getNetwork().parameters(), "early stopping");
  }

  /**
   * The same rows in 1, 3 and 7 partitions of uneven sizes (three blocks of 4096 rows, cut by partition boundaries
   * or not), and twice in 3: the same preprocessing and the same model, bit for bit, with early stopping on
   * held-out rows, L-BFGS and -balance.
   */
  @Test
  void anyPartitioningGivesTheSameModelBitForBit() throws Exception {
    List<RawRow> rows = new ArrayList<>();
    java.util.Random random = new java.util.Random(12);
    for (int k = 0; k < 10000; k++) {
      int c = random.nextInt(3);
      double x1 = random.nextGaussian() * 1e3 + c;
      double x2 = random.nextInt(4) == 0 ? Double.NaN : random.nextGaussian() + 0.7 * c;
      double nominal = random.nextInt(3);
      rows.add(new RawRow(new double[] {x1, x2, nominal, c == 0 && random.nextInt(50) == 0 ? Double.NaN : c},
          1 + random.nextInt(3)));
    }
    java.util.ArrayList<weka.core.Attribute> attributes = new java.util.ArrayList<>();
    attributes.add(new weka.core.Attribute("x1"));
    attributes.add(new weka.core.Attribute("x2"));
    attributes.add(new weka.core.Attribute("n", java.util.Arrays.asList("p", "q", "r")));
    attributes.add(new weka.core.Attribute("class", java.util.Arrays.asList("a", "b", "c")));
    Instances header = new Instances("generated", attributes, 0);
    header.setClassIndex(3);
    JavaSparkContext context = LocalSpark.context();
    String expected = null;
    for (int partitions : new int[] {3, 1, 7, 3}) {
      BackpropOneHidden classifier = new BackpropOneHidden();
      classifier.setOptions(Utils.splitOptions("-O lbfgs -B 0 -N 15 -V 0.2 -E 5 -H 5 -balance -S 4"));
      SparkTrainer.train(context, header, context.parallelize(rows, partitions), classifier);
      String bits = java.util.Arrays.toString(classifier.getNetwork().parameters());
      if (expected == null) {
        expected = bits;
      } else {
        assertEquals(expected, bits, partitions + " partitions");
      }
    }
  }

  /**
   * A numeric class y on numeric, nominal and date attributes, with missing values (inputs and class) and weights:
   * y = 1000 + 40 sin(x1 / 50) + 15 x2 + 30 [n = q] − 20 [n = r] + 5 noise.
   *
   * @param n the number of instances
   * @param seed the random numbers' seed
   */
  private static Instances regressionData(int n, long seed) {
    java.util.ArrayList<weka.core.Attribute> attributes = new java.util.ArrayList<>();
    attributes.add(new weka.core.Attribute("x1"));
    attributes.add(new weka.core.Attribute("x2"));
    attributes.add(new weka.core.Attribute("n", java.util.Arrays.asList("p", "q", "r")));
    attributes.add(new weka.core.Attribute("day", "yyyy-MM-dd"));
    attributes.add(new weka.core.Attribute("y"));
    Instances data = new Instances("regression", attributes, n);
    data.setClassIndex(4);
    java.util.Random random = new java.util.Random(seed);
    for (int k = 0; k < n; k++) {
      double x1 = random.nextGaussian() * 100;
      double x2 = random.nextGaussian();
      int nominal = random.nextInt(3);
      double day = 1.6e12 + random.nextInt(1000) * 8.64e7;
      double y = 1000 + 40 * Math.sin(x1 / 50) + 15 * x2 + (nominal == 1 ? 30 : nominal == 2 ? -20 : 0)
          + 5 * random.nextGaussian();
      double[] values = {x1, random.nextInt(5) == 0 ? Double.NaN : x2,
          random.nextInt(10) == 0 ? Double.NaN : nominal, day, random.nextInt(50) == 0 ? Double.NaN : y};
      data.add(new weka.core.DenseInstance(random.nextInt(4) == 0 ? 0.5 : 1 + random.nextInt(3), values));
    }
    return data;
  }

  /** The instances as the Spark adapter's rows, in the given number of partitions. */
  private static JavaRDD<RawRow> rows(JavaSparkContext context, Instances data, int partitions) {
    List<RawRow> rows = new ArrayList<>();
    for (weka.core.Instance instance : data) {
      rows.add(new RawRow(instance.toDoubleArray(), instance.weight()));
    }
    return context.parallelize(rows, partitions);
  }

  private static BackpropOneHidden trainedOnSpark(Instances data, String options) throws Exception {
    JavaSparkContext context = LocalSpark.context();
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions(options));
    SparkTrainer.train(context, new Instances(data, 0), rows(context, data, 3), classifier);
    return classifier;
  }

  /** @return the model text's line giving the numeric class's mean and standard deviation */
  private static String classLine(BackpropOneHidden classifier) {
    for (String line : classifier.toString().split("\n")) {
      if (line.startsWith("Class: ")) {
        return line;
      }
    }
    throw new AssertionError("no class line in " + classifier);
  }

  /**
   * Trains on the numeric class locally (-tune none) and on Spark: the same network to 1e-9, the same epochs, the
   * same predictions on the class's scale to 1e-9 of its standard deviation, one linear output; prints the largest
   * differences.
   */
  private static void assertNumericSparkEqualsLocal(Instances data, String options, String what)
      throws Exception {
    BackpropOneHidden local = new BackpropOneHidden();
    local.setOptions(Utils.splitOptions("-tune none " + options));
    local.buildClassifier(data);
    BackpropOneHidden spark = trainedOnSpark(data, options);
    double[] expected = local.getNetwork().parameters();
    double[] actual = spark.getNetwork().parameters();
    assertSameNetwork(expected, actual, what);
    double parameters = 0;
    for (int i = 0; i < expected.length; i++) {
      parameters = Math.max(parameters, Math.abs(expected[i] - actual[i]));
    }
    assertEquals(local.getTrainingResult().epochs(), spark.getTrainingResult().epochs(), what);
    assertTrue(spark.getNetwork().shape().linearOutput(), what);
    String text = spark.toString();
    assertTrue(text.contains("-> 1 linear output") && text.contains("Trained on Spark ")
        && text.contains("local[2], 3 partitions"), text);
    double sd = data.attributeStats(data.classIndex()).numericStats.stdDev;
    double[][] localPredictions = local.distributionsForInstances(data);
    double[][] sparkPredictions = spark.distributionsForInstances(data);
    double predictions = 0;
    for (int k = 0; k < data.numInstances(); k++) {
      assertEquals(1, sparkPredictions[k].length);
      predictions = Math.max(predictions, Math.abs(localPredictions[k][0] - sparkPredictions[k][0]) / sd);
      assertEquals(localPredictions[k][0], spark.classifyInstance(data.instance(k)), TOLERANCE * sd,
          what + ": instance " + (k + 1));
    }
    System.out.printf(java.util.Locale.ROOT, "%s: Spark vs local: parameters %.3g apart, predictions %.3g sd "
        + "apart; %s / %s%n", what, parameters, predictions, classLine(local), classLine(spark));
  }

  @Test
  void aNumericClassOnSparkEqualsLocal() throws Exception {
    // one block of rows (4096 or fewer): the class's mean and standard deviation are the local ones bit for bit
    Instances small = regressionData(1500, 21);
    assertNumericSparkEqualsLocal(small, "-O gd -B 0 -V 0 -R 0 -L 0.5 -N 25 -H 6 -S 3 -num-threads 1", "gd");
    BackpropOneHidden local = new BackpropOneHidden();
    local.setOptions(Utils.splitOptions("-tune none -O lbfgs -B 0 -V 0 -N 2 -H 3"));
    local.buildClassifier(small);
    assertEquals(classLine(local), classLine(trainedOnSpark(small, "-O lbfgs -B 0 -V 0 -N 2 -H 3")));
    // two blocks, merged: the same scale up to the rounding of the merge
    assertNumericSparkEqualsLocal(regressionData(6000, 22), "-O lbfgs -B 0 -V 0 -R 1e-4 -N 20 -H 5 -A tanh -S 5 "
        + "-num-threads 2", "lbfgs");
  }

  /**
   * A numeric class in 1, 4 and 7 partitions (three blocks of 4096 rows, cut by partition boundaries or not): the
   * same class mean and standard deviation and the same model, bit for bit, with early stopping.
   */
  @Test
  void anyPartitioningGivesTheSameRegressionModelBitForBit() throws Exception {
    Instances data = regressionData(9000, 25);
    JavaSparkContext context = LocalSpark.context();
    String expected = null;
    for (int partitions : new int[] {4, 1, 7}) {
      BackpropOneHidden classifier = new BackpropOneHidden();
      classifier.setOptions(Utils.splitOptions("-O lbfgs -B 0 -N 10 -V 0.2 -E 5 -H 4 -S 6"));
      SparkTrainer.train(context, new Instances(data, 0), rows(context, data, partitions), classifier);
      String bits = classLine(classifier) + java.util.Arrays.toString(classifier.getNetwork().parameters());
      if (expected == null) {
        expected = bits;
      } else {
        assertEquals(expected, bits, partitions + " partitions");
      }
    }
  }

  @Test
  void earlyStoppingOnANumericClassOnSparkEqualsLocalOnTheSameHeldOutRows() throws Exception {
    // few rows, many hidden units, no decay: the held-out error turns up well before the epoch limit
    String options = "-O lbfgs -B 0 -V 0.3 -E 5 -R 0 -N 300 -H 20 -S 11 -num-threads 1";
    Instances data = regressionData(200, 23);
    BackpropOneHidden spark = trainedOnSpark(data, options);

    BackpropOneHidden template = new BackpropOneHidden();
    template.setOptions(Utils.splitOptions(options));
    TrainingConfig config = template.settings().trainingConfig(template.getSeed());
    Instances labelled = TrainingData.withClass(data);
    StatisticsPreprocessing preprocessing = TrainingData.fitPreprocessing(labelled);
    List<Integer> train = new ArrayList<>();
    List<Integer> heldOut = new ArrayList<>();
    for (int k = 0; k < labelled.numInstances(); k++) {
      (HashSplit.isHeldOut(config.seed() + 1, k, config.validationFraction()) ? heldOut : train).add(k);
    }
    DataMatrix trainRows = TrainingData.matrix(preprocessing, labelled, toArray(train), false);
    DataMatrix heldOutRows = TrainingData.matrix(preprocessing, labelled, toArray(heldOut), false);
    NetworkShape shape = NetworkShape.forClasses(preprocessing.numInputs(), config.numHidden(), 1,
        config.activation(), config.kernels());
    TrainingResult result;
    try (Trainer trainer = Trainer.fullBatch(shape, new LocalRowSums(shape, trainRows, 1),
        new LocalRowSums(shape, heldOutRows, 1), config)) {
      while (trainer.epoch()) {
        // until early stopping or the epoch limit
      }
      result = trainer.result();
    }
    assertTrue(result.epochs() < 300 && result.keptEpoch() < result.epochs()
        && result.validationRows() == heldOut.size(), "early stopping did not act: " + result.epochs() + " epochs");
    assertEquals(result.epochs(), spark.getTrainingResult().epochs());
    assertEquals(result.keptEpoch(), spark.getTrainingResult().keptEpoch());
    assertSameNetwork(result.network().parameters(), spark.getNetwork().parameters(), "early stopping");
  }

  /** A class of one value (the data's other values vary): the class prior, that value, as locally; saved and loaded. */
  @Test
  void aNumericClassThatDoesNotVaryPredictsItsMean() throws Exception {
    Instances data = regressionData(300, 24);
    for (weka.core.Instance instance : data) {
      if (!instance.classIsMissing()) {
        instance.setClassValue(0.1); // Σ s t / Σ s would not give 0.1 exactly
      }
    }
    BackpropOneHidden spark = trainedOnSpark(data, "-B 0");
    assertNull(spark.getNetwork());
    assertEquals(0.1, spark.classifyInstance(data.instance(0)), 0.0);
    BackpropOneHidden local = new BackpropOneHidden();
    local.buildClassifier(data);
    assertEquals(local.classifyInstance(data.instance(0)), spark.classifyInstance(data.instance(0)), 1e-15);
    String text = spark.toString();
    assertTrue(text.contains("No network was trained: " + TrainingData.NO_TARGET_VARIATION), text);
    BackpropOneHidden loaded = (BackpropOneHidden) new weka.core.SerializedObject(spark).getObject();
    assertEquals(0.1, loaded.classifyInstance(data.instance(1)), 0.0, "the prior saved and loaded");
  }

  @Test
  void balanceIsRefusedForANumericClassAsLocally() throws Exception {
    String balance = refusal("-B 0 -balance", new double[][] {{1, 2.5}, {2, 3.5}, {3, 0.5}}, new double[] {1, 1, 1},
        false, "numeric");
    assertEquals(TrainingData.BALANCE_NEEDS_CLASSES, balance);
  }

  @Test
  void miniBatchesAreRefusedWithTheOptionNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainedOnSpark("-O adam -B 32"));
    assertTrue(e.getMessage().contains("-B 0"), e.getMessage());
  }

  /** Trains on three hand-made rows (x, class) with the given weights on Spark; returns the error message. */
  private static String refusal(String options, double[][] rows, double[] weights) throws Exception {
    return refusal(options, rows, weights, false);
  }

  private static String refusal(String options, double[][] rows, double[] weights, boolean withStringAttribute)
      throws Exception {
    return refusal(options, rows, weights, withStringAttribute, "nominal");
  }

  /** @param classType "nominal" (values a, b), "numeric" or "string" */
  private static String refusal(String options, double[][] rows, double[] weights, boolean withStringAttribute,
      String classType) throws Exception {
    java.util.ArrayList<weka.core.Attribute> attributes = new java.util.ArrayList<>();
    attributes.add(new weka.core.Attribute("x"));
    if (withStringAttribute) {
      attributes.add(new weka.core.Attribute("note", (java.util.List<String>) null));
      double[][] wider = new double[rows.length][];
      for (int k = 0; k < rows.length; k++) {
        wider[k] = new double[] {rows[k][0], 0, rows[k][1]};
      }
      rows = wider;
    }
    attributes.add(classType.equals("numeric") ? new weka.core.Attribute("class")
        : classType.equals("string") ? new weka.core.Attribute("class", (java.util.List<String>) null)
        : new weka.core.Attribute("class", java.util.Arrays.asList("a", "b")));
    Instances header = new Instances("hand-made", attributes, 0);
    header.setClassIndex(attributes.size() - 1);
    List<RawRow> raw = new ArrayList<>();
    for (int k = 0; k < rows.length; k++) {
      raw.add(new RawRow(rows[k], weights[k]));
    }
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions(options));
    JavaSparkContext context = LocalSpark.context();
    int cached = context.sc().getPersistentRDDs().size();
    Exception e = assertThrows(Exception.class,
        () -> SparkTrainer.train(context, header, context.parallelize(raw, 2), classifier));
    assertEquals(cached, context.sc().getPersistentRDDs().size(), "a failed training left data cached");
    Throwable cause = e;
    while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  @Test
  void badDataAndUnsupportedOptionsAreRefusedByName() throws Exception {
    double[][] rows = {{1, 0}, {2, 1}, {3, 0}};
    String infinite = refusal("-B 0", new double[][] {{1, 0}, {Double.POSITIVE_INFINITY, 1}, {3, 0}},
        new double[] {1, 1, 1});
    assertTrue(infinite.contains("attribute 'x'") && infinite.contains("Infinity"), infinite);
    String weight = refusal("-B 0", rows, new double[] {1, -1, 1});
    assertTrue(weight.contains("weight -1.0"), weight);
    String text = refusal("-B 0", rows, new double[] {1, 1, 1}, true);
    assertTrue(text.contains("attribute 'note' is a string attribute"), text);
    String noClass = refusal("-B 0", new double[][] {{1, Double.NaN}, {2, Double.NaN}, {3, Double.NaN}},
        new double[] {1, 1, 1});
    assertTrue(noClass.contains("no instance has a class value"), noClass);
    String string = refusal("-B 0", rows, new double[] {1, 1, 1}, false, "string");
    assertTrue(string.contains("the class attribute 'class' is a string attribute")
        && string.contains("predicts a nominal or numeric (or date) class"), string);
    String infiniteClass = refusal("-B 0", new double[][] {{1, 2}, {2, Double.NEGATIVE_INFINITY}, {3, 4}},
        new double[] {1, 1, 1}, false, "numeric");
    assertTrue(infiniteClass.contains("class value -Infinity"), infiniteClass);
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
