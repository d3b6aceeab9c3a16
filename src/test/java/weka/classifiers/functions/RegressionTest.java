package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import weka.classifiers.Evaluation;
import weka.classifiers.rules.ZeroR;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * A numeric class (regression): one linear output on the standardized class, predictions on the class's scale,
 * Weka's regression evaluation, the committee of -tune cv, the class mean when nothing can be learned, -balance
 * refused, and the same guarantees as for a nominal class (threads, streams, saving, -resume, importance).
 */
class RegressionTest {

  private static Instances data;

  @BeforeAll
  static void generate() {
    TestSupport.quietLogging();
    data = smooth(300, 0.0, false, 7);
  }

  /**
   * y = 3 sin(2 x1) + x2² + (a = "v" ? 1.5 : 0) + 100 + noise (sd 0.2), x3 pure noise; some values missing, and
   * optionally random weights.
   */
  static Instances smooth(int n, double missingRate, boolean weighted, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x1"));
    attributes.add(new Attribute("x2"));
    attributes.add(new Attribute("x3"));
    attributes.add(new Attribute("a", List.of("u", "v", "w")));
    attributes.add(new Attribute("y"));
    Instances result = new Instances("smooth", attributes, n);
    result.setClassIndex(4);
    Random random = new Random(seed);
    for (int k = 0; k < n; k++) {
      double x1 = random.nextDouble() * 2 - 1;
      double x2 = random.nextDouble() * 2 - 1;
      double x3 = random.nextGaussian();
      int a = random.nextInt(3);
      double y = 3 * Math.sin(2 * x1) + x2 * x2 + (a == 1 ? 1.5 : 0) + 100 + 0.2 * random.nextGaussian();
      double[] values = {x1, x2, x3, a, y};
      for (int i = 0; i < 4; i++) {
        if (random.nextDouble() < missingRate) {
          values[i] = Utils.missingValue();
        }
      }
      result.add(new DenseInstance(weighted ? 0.25 + 3 * random.nextDouble() : 1.0, values));
    }
    return result;
  }

  private static double rrse(String options, Instances instances) throws Exception {
    Evaluation evaluation = new Evaluation(instances);
    evaluation.crossValidateModel(TestSupport.classifier(options), instances, 5, new Random(1));
    return evaluation.rootRelativeSquaredError();
  }

  @Test
  void crossValidationFitsANonlinearFunctionFarBetterThanALinearModel() throws Exception {
    double network = rrse("", data);
    Evaluation linear = new Evaluation(data);
    linear.crossValidateModel(new LinearRegression(), data, 5, new Random(1));
    // the noise alone leaves an RRSE of about 9 %; a linear model cannot follow sin(2 x1) and x2²
    assertTrue(network < 25, "RRSE " + network);
    assertTrue(network < 0.6 * linear.rootRelativeSquaredError(), "RRSE " + network + " vs LinearRegression "
        + linear.rootRelativeSquaredError());
    assertTrue(rrse("-tune none", data) < 30);
  }

  @Test
  void wekaPrintsItsRegressionSummary() throws Exception {
    Evaluation evaluation = new Evaluation(data);
    evaluation.crossValidateModel(TestSupport.classifier("-tune none -N 50"), data, 3, new Random(1));
    String summary = evaluation.toSummaryString();
    assertTrue(summary.contains("Correlation coefficient"), summary);
    assertTrue(summary.contains("Root relative squared error"), summary);
    assertTrue(!summary.contains("NaN"), summary);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-tune none", "-tune cv", "-tune none -O lbfgs -B 0 -N 100", "-tune none -O gd -L 0.5 -B 0 -N 300"})
  void predictionsAreOnTheClassScaleAndTheModelTextSaysSo(String options) throws Exception {
    BackpropOneHidden classifier = TestSupport.built(options, data);
    double sse = 0;
    for (Instance instance : data) {
      double[] distribution = classifier.distributionForInstance(instance);
      assertEquals(1, distribution.length);
      assertEquals(distribution[0], classifier.classifyInstance(instance), 0.0);
      double e = distribution[0] - instance.classValue();
      sse += e * e;
    }
    assertTrue(Math.sqrt(sse / data.numInstances()) < 1.0, options + ": training RMSE " + Math.sqrt(sse
        / data.numInstances()));
    String text = classifier.toString();
    assertTrue(text.contains("hidden units -> 1 linear output"), text);
    double mean = data.meanOrMode(4);
    double sd = Math.sqrt(data.variance(4));
    java.util.regex.Matcher stated = java.util.regex.Pattern.compile("Class: y \\(numeric; standardized for "
        + "training with mean (\\S+) and standard deviation (\\S+), predictions returned on its scale\\)")
        .matcher(text);
    assertTrue(stated.find(), text);
    assertEquals(mean, Double.parseDouble(stated.group(1)), 1e-13 * mean);
    assertEquals(sd, Double.parseDouble(stated.group(2)), 1e-13 * sd);
    if (options.equals("-tune cv")) {
      assertTrue(text.contains("CV squared error"), text);
      assertTrue(text.contains("CV RRSE"), text);
      assertTrue(text.contains("the model averages the predictions"), text);
    } else {
      assertTrue(text.contains("mean half squared error of the standardized class"), text);
      assertTrue(text.contains("Output (linear)"), text);
    }
  }

  @Test
  void shiftingAndScalingTheClassShiftsAndScalesThePredictions() throws Exception {
    Instances scaled = new Instances(data);
    for (Instance instance : scaled) {
      instance.setClassValue(instance.classValue() * 1024 - 5e6);
    }
    BackpropOneHidden original = TestSupport.built("-tune none", data);
    BackpropOneHidden transformed = TestSupport.built("-tune none", scaled);
    for (int k = 0; k < data.numInstances(); k += 7) {
      double p = original.classifyInstance(data.instance(k));
      double q = transformed.classifyInstance(scaled.instance(k));
      assertEquals(p * 1024 - 5e6, q, 1e-6 * 1024 * Math.abs(p), "instance " + k);
    }
  }

  @Test
  void threadsGiveTheSameBits() throws Exception {
    BackpropOneHidden one = TestSupport.built("-num-threads 1 -B 0 -N 30", data);
    BackpropOneHidden two = TestSupport.built("-num-threads 2 -B 0 -N 30", data);
    assertArrayEquals(TestSupport.parameters(one), TestSupport.parameters(two));
  }

  @Test
  void weightsMissingValuesAndMissingClassValuesAreHandled() throws Exception {
    Instances messy = smooth(200, 0.1, true, 3);
    for (int k = 0; k < 20; k++) {
      messy.instance(k * 7).setClassMissing();
    }
    BackpropOneHidden classifier = TestSupport.built("", messy);
    assertTrue(classifier.toString().contains("Training instances without a class value ignored: 20"));
    Evaluation evaluation = new Evaluation(messy);
    evaluation.evaluateModel(classifier, messy);
    assertTrue(evaluation.rootRelativeSquaredError() < 40, "RRSE " + evaluation.rootRelativeSquaredError());
    // the weighted mean and sd of the class values present
    Instances present = new Instances(messy);
    present.deleteWithMissingClass();
    double total = 0;
    double sum = 0;
    for (Instance instance : present) {
      total += instance.weight();
      sum += instance.weight() * instance.classValue();
    }
    java.util.regex.Matcher stated = java.util.regex.Pattern.compile("with mean (\\S+) and").matcher(
        classifier.toString());
    assertTrue(stated.find(), classifier.toString());
    assertEquals(sum / total, Double.parseDouble(stated.group(1)), 1e-12 * Math.abs(sum / total));
  }

  @Test
  void balanceIsRefusedNamingTheOption() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-balance");
    Exception e = assertThrows(IllegalArgumentException.class, () -> classifier.buildClassifier(data));
    assertTrue(e.getMessage().contains("-balance") && e.getMessage().contains("numeric"), e.getMessage());
    Exception stream = assertThrows(IllegalArgumentException.class,
        () -> classifier.buildClassifier(new Instances(data, 0)));
    assertTrue(stream.getMessage().contains("-balance"), stream.getMessage());
  }

  @Test
  void aConstantClassPredictsItsMeanAsZeroRDoes() throws Exception {
    Instances constant = new Instances(data);
    for (Instance instance : constant) {
      instance.setClassValue(42.5);
    }
    for (String options : new String[] {"", "-tune none"}) {
      BackpropOneHidden classifier = TestSupport.built(options, constant);
      assertNull(classifier.getNetwork());
      assertNull(classifier.getCommittee());
      assertEquals(42.5, classifier.classifyInstance(constant.instance(0)), 0.0);
      String text = classifier.toString();
      assertTrue(text.contains("the numeric class has the same value in every training instance"), text);
    }
    // no attribute that varies: the weighted mean, as ZeroR gives it
    Instances flat = new Instances(data);
    for (Instance instance : flat) {
      for (int a = 0; a < 4; a++) {
        instance.setValue(a, 1.0);
      }
    }
    ZeroR zeroR = new ZeroR();
    zeroR.buildClassifier(flat);
    assertEquals(zeroR.classifyInstance(flat.instance(0)),
        TestSupport.built("", flat).classifyInstance(flat.instance(0)), 0.0);
  }

  @Test
  void aStreamInOneBufferTrainsExactlyAsOneBatchAndAPriorStreamPredictsTheMean() throws Exception {
    String options = "-tune none -num-threads 1";
    BackpropOneHidden batch = TestSupport.built(options, data);
    BackpropOneHidden streamed = IncrementalTrainingTest.stream(data, options);
    assertArrayEquals(batch.getNetwork().parameters(), streamed.getNetwork().parameters());
    // a stream of instances whose class never varies predicts the running mean of the class
    Instances constant = new Instances(data, 0);
    for (int k = 0; k < 5; k++) {
      Instance instance = (Instance) data.instance(k).copy();
      instance.setClassValue(7.25);
      constant.add(instance);
    }
    BackpropOneHidden prior = IncrementalTrainingTest.stream(constant, options + " -buffer 10");
    assertEquals(7.25, prior.classifyInstance(constant.instance(0)), 1e-12);
    // continued by a second buffer: the network goes on learning the numeric class
    BackpropOneHidden continued = IncrementalTrainingTest.stream(data, options + " -buffer 100");
    Evaluation evaluation = new Evaluation(data);
    evaluation.evaluateModel(continued, data);
    assertTrue(evaluation.rootRelativeSquaredError() < 50, "RRSE " + evaluation.rootRelativeSquaredError());
  }

  /** A first buffer whose class does not vary counts for the mean only; the next one fits the preprocessing. */
  @Test
  void aStreamWhoseFirstBufferHasOneClassValueLearnsFromTheNext() throws Exception {
    Instances stream = new Instances(data);
    for (int k = 0; k < 50; k++) {
      stream.instance(k).setClassValue(100.0);
    }
    BackpropOneHidden classifier = IncrementalTrainingTest.stream(stream, "-tune none -num-threads 1 -buffer 50");
    assertNotNull(classifier.getNetwork());
    String text = classifier.toString();
    assertTrue(text.contains("buffer 2 (the first with something to learn)"), text);
    Evaluation evaluation = new Evaluation(data);
    evaluation.evaluateModel(classifier, new Instances(data, 50, 250));
    assertTrue(evaluation.rootRelativeSquaredError() < 50, "RRSE " + evaluation.rootRelativeSquaredError());
  }

  @Test
  void savedModelsPredictTheSameAfterLoading() throws Exception {
    for (String options : new String[] {"", "-tune none"}) {
      BackpropOneHidden classifier = TestSupport.built(options, data);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(classifier);
      }
      BackpropOneHidden loaded;
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        loaded = (BackpropOneHidden) in.readObject();
      }
      for (int k = 0; k < data.numInstances(); k += 11) {
        assertEquals(classifier.classifyInstance(data.instance(k)), loaded.classifyInstance(data.instance(k)), 0.0);
      }
      assertEquals(classifier.toString(), loaded.toString());
    }
  }

  @Test
  void resumeContinuesARegressionRun() throws Exception {
    BackpropOneHidden whole = TestSupport.built("-tune none -V 0 -N 25", data);
    BackpropOneHidden resumed = TestSupport.built("-tune none -V 0 -N 10 -resume", data);
    resumed.setNumEpochs(25);
    resumed.buildClassifier(data);
    assertArrayEquals(whole.getNetwork().parameters(), resumed.getNetwork().parameters());
  }

  @Test
  void importanceRanksTheInformativeAttributesAboveTheNoise() throws Exception {
    for (String options : new String[] {"-importance", "-importance -tune none"}) {
      BackpropOneHidden classifier = TestSupport.built(options, data);
      assertNotNull(classifier.getImportance());
      String[] ranked = classifier.getImportance().attributes();
      assertEquals("x3", ranked[ranked.length - 1], String.join(", ", ranked));
      String text = classifier.toString();
      assertTrue(text.contains("squared error (of the standardized class)"), text);
    }
  }

  @Test
  void theIterativeClassifierCallsTrainTheSameNetworkAsOneBuild() throws Exception {
    BackpropOneHidden built = TestSupport.built("-tune none -N 40", data);
    BackpropOneHidden stepped = TestSupport.classifier("-tune none -N 40");
    stepped.initializeClassifier(data);
    int epochs = 0;
    while (stepped.next()) {
      epochs++;
    }
    stepped.done();
    assertTrue(epochs > 0);
    assertArrayEquals(built.getNetwork().parameters(), stepped.getNetwork().parameters());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-O momentum -L 0.05", "-O nesterov -L 0.05", "-O gd -L 0.3 -B 0 -N 400"})
  void everyUpdateRuleLearnsTheClass(String options) throws Exception {
    BackpropOneHidden classifier = TestSupport.built("-tune none " + options, data);
    Evaluation evaluation = new Evaluation(data);
    evaluation.evaluateModel(classifier, data);
    assertTrue(evaluation.rootRelativeSquaredError() < 40, options + ": RRSE " + evaluation.rootRelativeSquaredError());
  }

  @Test
  void weightsScaledByAPowerOfTwoGiveTheSameModelBitForBit() throws Exception {
    Instances weighted = smooth(150, 0.05, true, 9);
    BackpropOneHidden base = TestSupport.built("-B 0 -N 30", weighted);
    for (int exponent : new int[] {-1000, -40, 40, 1000}) {
      Instances scaled = new Instances(weighted);
      for (Instance instance : scaled) {
        instance.setWeight(Math.scalb(instance.weight(), exponent));
      }
      BackpropOneHidden other = TestSupport.built("-B 0 -N 30", scaled);
      assertArrayEquals(TestSupport.parameters(base), TestSupport.parameters(other), "weights x 2^" + exponent);
      assertEquals(base.classifyInstance(weighted.instance(3)), other.classifyInstance(scaled.instance(3)), 0.0);
    }
  }

  @Test
  void aDateClassIsPredictedAsANumber() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("when", "yyyy-MM-dd"));
    Instances dates = new Instances("dates", attributes, 0);
    dates.setClassIndex(1);
    for (int k = 0; k < 60; k++) {
      dates.add(new DenseInstance(1.0, new double[] {k, 1.6e12 + k * 86_400_000.0}));
    }
    BackpropOneHidden classifier = TestSupport.built("-tune none -O lbfgs -B 0 -N 200", dates);
    double predicted = classifier.classifyInstance(dates.instance(30));
    assertEquals(1.6e12 + 30 * 86_400_000.0, predicted, 5 * 86_400_000.0);
  }
}
