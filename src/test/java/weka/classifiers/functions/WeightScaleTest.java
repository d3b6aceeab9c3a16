package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.RobustnessTest.assertPredictsProbabilities;
import static weka.classifiers.functions.RobustnessTest.assertProbabilities;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.preprocess.ColumnMoments;
import weka.classifiers.functions.backprop.preprocess.ColumnSummary;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Instance weights mean relative importance: multiplying all of them by one constant changes nothing (issue 14,
 * items 1 and 2). The preprocessing's spread estimate is the one for reliability weights, σ² = M2 / (S − Σs²/S),
 * which is invariant to the scale of the weights (the frequency-weight estimate M2 / (S − 1) made every input
 * ~1e-8 for weights summing to 1); and every weighted sum (the statistics, -balance, the loss) is taken in units of
 * the largest weight, a power of two, so that no finite weights overflow them.
 */
class WeightScaleTest {

  /** Options every case sets: few epochs (30 unless given), one thread, a fixed seed. */
  private static final String OPTIONS = "-H 4 -num-threads 1 -S 1";

  private static Instances iris;
  private static Instances creditG;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
    creditG = TestSupport.load("credit-g.arff");
  }

  /** The data with weight base_k · factor for row k; base null for all ones. */
  private static Instances weighted(Instances data, double[] base, double factor) {
    Instances copy = new Instances(data);
    for (int k = 0; k < copy.numInstances(); k++) {
      copy.instance(k).setWeight((base == null ? 1.0 : base[k]) * factor);
    }
    return copy;
  }

  /** Weights drawn from [0.25, 3.25), with a few zeros. */
  private static double[] spreadWeights(int n, long seed) {
    Random random = new Random(seed);
    double[] weights = new double[n];
    for (int k = 0; k < n; k++) {
      weights[k] = k % 17 == 0 ? 0.0 : 0.25 + 3 * random.nextDouble();
    }
    return weights;
  }

  private static BackpropOneHidden train(Instances data, String extra) throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier(OPTIONS + (extra.contains("-N ") ? " " : " -N 30 ")
        + extra);
    classifier.buildClassifier(data);
    return classifier;
  }

  private static double[][] predictions(BackpropOneHidden classifier, Instances data) throws Exception {
    return classifier.distributionsForInstances(data);
  }

  private static double accuracy(BackpropOneHidden classifier, Instances data) throws Exception {
    double[][] p = predictions(classifier, data);
    int right = 0;
    for (int k = 0; k < p.length; k++) {
      right += Utils.maxIndex(p[k]) == (int) data.instance(k).classValue() ? 1 : 0;
    }
    return 100.0 * right / p.length;
  }

  static Stream<Arguments> scales() {
    double[] factors = {1e-300, 1e-150, 1.0 / 150, 1e-3, 7, 1e150, 1e300};
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String balance : new String[] {"", "-balance"}) {
      for (boolean spread : new boolean[] {false, true}) {
        for (double factor : factors) {
          cases.add(Arguments.of(factor, spread, balance));
        }
      }
    }
    return cases.build();
  }

  /**
   * All weights times a constant, from 1e-300 to 1e300, with and without -balance, with equal and with spread
   * weights: the same model as at scale 1, up to the rounding of the products (a power of two, below, is exact).
   */
  @ParameterizedTest(name = "x {0}, spread {1} {2}")
  @MethodSource("scales")
  void scalingEveryWeightByAConstantChangesNothing(double factor, boolean spread, String balance) throws Exception {
    double[] base = spread ? spreadWeights(iris.numInstances(), 5) : null;
    BackpropOneHidden reference = train(weighted(iris, base, 1.0), balance);
    Instances scaled = weighted(iris, base, factor);
    BackpropOneHidden classifier = train(scaled, balance);
    double[][] expected = predictions(reference, iris);
    double[][] actual = predictions(classifier, iris);
    for (int k = 0; k < expected.length; k++) {
      assertArrayEquals(expected[k], actual[k], 1e-6, "instance " + (k + 1));
    }
    assertPredictsProbabilities(classifier, iris);
  }

  /** A power-of-two factor is exact: the model is the same bit for bit. */
  @ParameterizedTest(name = "x 2^{0}")
  @ValueSource(ints = {-1000, -500, -7, 1, 9, 500, 1000})
  void scalingByAPowerOfTwoGivesTheSameModelBitForBit(int exponent) throws Exception {
    double[] base = spreadWeights(creditG.numInstances(), 8);
    for (String balance : new String[] {"", "-balance"}) {
      BackpropOneHidden reference = train(weighted(creditG, base, 1.0), balance + " -N 5");
      BackpropOneHidden classifier = train(weighted(creditG, base, Math.scalb(1.0, exponent)), balance + " -N 5");
      assertArrayEquals(TestSupport.parameters(reference), TestSupport.parameters(classifier), balance);
      assertEquals(reference.toString(), classifier.toString());
    }
  }

  /** Weights 1/n, a normalized weighting: as accurate as no weights (it fell from 97.3 % to 52 % on iris). */
  @Test
  void weightsThatSumToOneKeepTheInputs() throws Exception {
    double unweighted = accuracy(train(iris, ""), iris);
    BackpropOneHidden normalized = train(weighted(iris, null, 1.0 / iris.numInstances()), "");
    assertTrue(accuracy(normalized, iris) >= unweighted - 1, accuracy(normalized, iris) + " vs " + unweighted);
    assertEquals(4, TestSupport.shape(normalized).numInputs());
  }

  /**
   * Weights between 1e160 and 1e305 (log-uniform), whose squares and sums overflow: the same model as the same
   * weights times 2^-1000, bit for bit (most of credit-g's inputs used to become constant 0); with -balance too
   * (it said a row had infinite weight).
   */
  @Test
  void hugeWeightsGiveTheModelOfTheSameWeightsScaledDown() throws Exception {
    Random random = new Random(3);
    double[] huge = new double[creditG.numInstances()];
    for (int k = 0; k < huge.length; k++) {
      huge[k] = Math.pow(10, 160 + 145 * random.nextDouble());
    }
    for (String balance : new String[] {"", "-balance"}) {
      BackpropOneHidden expected = train(weighted(creditG, huge, Math.scalb(1.0, -1000)), balance + " -N 5");
      BackpropOneHidden actual = train(weighted(creditG, huge, 1.0), balance + " -N 5");
      assertArrayEquals(TestSupport.parameters(expected), TestSupport.parameters(actual), balance);
    }
  }

  /** Weights whose sum overflows (150 × 1e307): the model of equal weights, not an error about test values. */
  @Test
  void weightsWhoseSumOverflowsGiveTheModelOfEqualWeights() throws Exception {
    double[][] expected = predictions(train(iris, ""), iris);
    for (String balance : new String[] {"", "-balance"}) {
      BackpropOneHidden classifier = train(weighted(iris, null, 1e307), balance);
      double[][] actual = predictions(classifier, iris);
      for (int k = 0; k < expected.length; k++) {
        assertArrayEquals(expected[k], actual[k], 1e-6, balance + " instance " + (k + 1));
      }
    }
  }

  /**
   * -balance with classes whose weights are 600 orders of magnitude apart (1e-300, 1, 1e300): each class still
   * counts as much as the others, so the lightest one, iris-setosa, is learned (in one unit, its weights vanished);
   * without -balance it is not.
   */
  @Test
  void balanceWeighsClassesEquallyHoweverFarApartTheirWeightsAre() throws Exception {
    Instances data = new Instances(iris);
    for (Instance instance : data) {
      instance.setWeight(instance.classValue() == 0 ? 1e-300 : instance.classValue() == 1 ? 1.0 : 1e300);
    }
    assertTrue(setosaRecall(train(data, "-balance")) >= 0.9);
    assertTrue(setosaRecall(train(data, "")) < 0.1);
  }

  /** @return the fraction of iris-setosa instances predicted as iris-setosa */
  private static double setosaRecall(BackpropOneHidden classifier) throws Exception {
    double[][] p = predictions(classifier, iris);
    int setosa = 0;
    int right = 0;
    for (int k = 0; k < p.length; k++) {
      if (iris.instance(k).classValue() == 0) {
        setosa++;
        right += Utils.maxIndex(p[k]) == 0 ? 1 : 0;
      }
    }
    return (double) right / setosa;
  }

  /**
   * The statistics of blocks of rows (threads, a cluster's partitions) whose weights lie 600 orders of magnitude
   * apart merge into those of the whole: each block has its own unit until they are merged.
   */
  @Test
  void statisticsOfBlocksWithWeightsFarApartMergeIntoThoseOfTheWhole() {
    Random random = new Random(4);
    Instances data = new Instances(creditG);
    for (int k = 0; k < data.numInstances(); k++) {
      data.instance(k).setWeight(Math.pow(10, (k < 400 ? -300 : k < 700 ? 0 : 290) + 10 * random.nextDouble()));
    }
    int[] kinds = StatisticsPreprocessing.columnKinds(data);
    int[] cuts = {0, 1, 399, 400, 650, 700, 999, data.numInstances()};
    ColumnSummary whole = new ColumnSummary(kinds, data.classIndex());
    ColumnSummary merged = new ColumnSummary(kinds, data.classIndex());
    for (int b = 0; b + 1 < cuts.length; b++) {
      ColumnSummary block = new ColumnSummary(kinds, data.classIndex());
      for (int k = cuts[b]; k < cuts[b + 1]; k++) {
        whole.add(data.instance(k).toDoubleArray(), data.instance(k).weight());
        block.add(data.instance(k).toDoubleArray(), data.instance(k).weight());
      }
      merged.merge(block);
    }
    assertEquals(whole.weightExponent(), merged.weightExponent());
    assertEquals(whole.totalWeight(), merged.totalWeight(), 1e-12 * whole.totalWeight());
    assertEquals(whole.squaredWeight(), merged.squaredWeight(), 1e-12 * whole.squaredWeight());
    for (int c = 0; c < data.numClasses(); c++) {
      assertEquals(Math.scalb(whole.classWeight(c), whole.classWeightExponent(c)),
          Math.scalb(merged.classWeight(c), merged.classWeightExponent(c)),
          1e-12 * Math.scalb(whole.classWeight(c), whole.classWeightExponent(c)));
    }
    ColumnMoments wholeMoments = new ColumnMoments(whole);
    ColumnMoments mergedMoments = new ColumnMoments(merged);
    for (int b = 0; b + 1 < cuts.length; b++) {
      ColumnMoments block = new ColumnMoments(merged);
      for (int k = cuts[b]; k < cuts[b + 1]; k++) {
        wholeMoments.add(data.instance(k).toDoubleArray(), data.instance(k).weight());
        block.add(data.instance(k).toDoubleArray(), data.instance(k).weight());
      }
      mergedMoments.merge(block);
    }
    InputEncoder a = InputEncoder.fit(whole, wholeMoments);
    InputEncoder b = InputEncoder.fit(merged, mergedMoments);
    assertEquals(59, a.numInputs());
    assertEquals(a.numInputs(), b.numInputs());
    double[] rowA = new double[a.numInputs() + 1];
    double[] rowB = new double[b.numInputs() + 1];
    for (int k = 0; k < data.numInstances(); k++) {
      a.encode(data.instance(k).toDoubleArray(), rowA, 0);
      b.encode(data.instance(k).toDoubleArray(), rowB, 0);
      assertArrayEquals(rowA, rowB, 1e-9, "row " + k);
    }
  }

  /**
   * Nothing to learn, weights whose sum overflows: the class prior (ZeroR gave NaN for such weights), as a batch
   * and as a stream.
   */
  @Test
  void thePriorOfWeightsWhoseSumOverflowsIsAProbability() throws Exception {
    Instances constant = TestSupport.constantAttributes(3, 1);
    for (Instance instance : constant) {
      instance.setWeight(1e308);
    }
    BackpropOneHidden batch = train(constant, "");
    assertTrue(batch.toString().contains("No network was trained"), batch.toString());
    double[] prior = batch.distributionForInstance(constant.instance(0));
    assertProbabilities(prior, 2);
    assertEquals(0.75, prior[0], 1e-12);

    BackpropOneHidden stream = TestSupport.classifier(OPTIONS + " -N 30 -buffer 1000");
    stream.buildClassifier(new Instances(constant, 0));
    for (Instance instance : constant) {
      stream.updateClassifier(instance);
    }
    double[] streamed = stream.distributionForInstance(constant.instance(0));
    assertProbabilities(streamed, 2);
    assertEquals(0.75, streamed[0], 1e-12);
    stream.batchFinished();
    assertNotNull(stream.toString());
    assertProbabilities(stream.distributionForInstance(constant.instance(0)), 2);
  }
}
