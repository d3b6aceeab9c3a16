package weka.classifiers.functions.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * stopping on the same held-out rows; and any partitioning of the same rows gives the same model bit for bit.
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
    return refusal(options, rows, weights, withStringAttribute, false);
  }

  private static String refusal(String options, double[][] rows, double[] weights, boolean withStringAttribute,
      boolean numericClass) throws Exception {
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
    attributes.add(numericClass ? new weka.core.Attribute("class")
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
    String numeric = refusal("-B 0", rows, new double[] {1, 1, 1}, false, true);
    assertTrue(numeric.contains("the class attribute 'class' must be nominal") && numeric.contains("trains in one JVM"),
        numeric);
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
