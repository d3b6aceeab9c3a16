package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.bridge.FilterChain;
import weka.classifiers.functions.backprop.bridge.Preprocessing;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.preprocess.ColumnMoments;
import weka.classifiers.functions.backprop.preprocess.ColumnSummary;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The preprocessing fitted from mergeable statistics computes what Weka's filter chain (the 1.0
 * {@link Preprocessing}) computes: the same inputs, names and removal counts, and the same values up to the
 * rounding of the sums, on Weka's data sets and on data built to hit every rule (missing values, weights,
 * constant and all-missing columns, unseen nominal values, two-valued nominals, extreme magnitudes); and
 * statistics merged from blocks give the encoder of the whole. With weights, the standard deviation is the one for
 * reliability weights (see InputEncoder), not the filters' frequency-weight one: the values differ by a known
 * factor, which the comparison applies.
 */
class PreprocessingEquivalenceTest {

  /** Sums taken in another order differ in the last bits; standardized values are of order 1. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void irisAndCreditGAsTheFilterChain() throws Exception {
    assertEquivalent(TestSupport.load("iris.arff"));
    assertEquivalent(TestSupport.load("credit-g.arff"));
  }

  @Test
  void randomDataWithMissingValuesAndWeightsAsTheFilterChain() throws Exception {
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      Instances data = TestData.random(random, 5 + random.nextInt(200), 1 + random.nextInt(4),
          random.nextInt(4), 2 + random.nextInt(3), 0.3 * random.nextDouble(), seed % 2 == 0);
      assertEquivalent(data);
    }
  }

  @Test
  void everyRemovalRuleAsTheFilterChain() throws Exception {
    Instances data = edgeCases();
    StatisticsPreprocessing fitted = assertEquivalent(data);
    // constant, all-missing, single-valued nominal, one-value-per-row nominal
    assertEquals(4, fitted.numUselessRemoved());
    // colour=blue never occurs
    assertEquals(1, fitted.numConstantInputsRemoved());
    assertEquals(List.of("huge", "tiny", "partlyMissing", "colour=red", "colour=green", "yesNo=yes"), fitted.inputNames());
  }

  /**
   * The one deliberate difference: a column constant apart from missing values. Weka's mean Σwx/Σw of ten 1.1s
   * is 1.1000000000000003, so the filter chain sees two distinct values and keeps the column, standardized by a
   * deviation of about 1e-16; the statistics see one value and drop it.
   */
  @Test
  void aColumnConstantApartFromMissingValuesIsDroppedWhereTheChainKeptRoundingNoise() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("z"));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("constant-with-missing", attributes, 0);
    data.setClassIndex(2);
    for (int k = 0; k < 11; k++) {
      data.add(new DenseInstance(1.0, new double[] {k == 10 ? Utils.missingValue() : 1.1, k, k % 2}));
    }
    assertEquals(List.of("x", "z"), FilterChain.fit(data).inputNames(), "the filter chain keeps x");
    StatisticsPreprocessing fitted = StatisticsPreprocessing.fit(data);
    assertEquals(List.of("z"), fitted.inputNames());
    assertEquals(1, fitted.numUselessRemoved());
  }

  @Test
  void statisticsMergedFromBlocksGiveTheEncoderOfTheWhole() throws Exception {
    Instances data = TestSupport.load("credit-g.arff");
    int[] kinds = StatisticsPreprocessing.columnKinds(data);
    ColumnSummary whole = summary(data, kinds, 0, data.numInstances());
    int[] cuts = {0, 1, 333, 334, 900, data.numInstances()};
    ColumnSummary merged = summary(data, kinds, cuts[0], cuts[1]);
    for (int b = 1; b + 1 < cuts.length; b++) {
      merged.merge(summary(data, kinds, cuts[b], cuts[b + 1]));
    }
    ColumnMoments wholeMoments = moments(data, whole, 0, data.numInstances());
    ColumnMoments mergedMoments = moments(data, merged, cuts[0], cuts[1]);
    for (int b = 1; b + 1 < cuts.length; b++) {
      mergedMoments.merge(moments(data, merged, cuts[b], cuts[b + 1]));
    }
    InputEncoder a = InputEncoder.fit(whole, wholeMoments);
    InputEncoder b = InputEncoder.fit(merged, mergedMoments);
    assertEquals(a.numInputs(), b.numInputs());
    double[] rowA = new double[a.numInputs() + 1];
    double[] rowB = new double[b.numInputs() + 1];
    for (int k = 0; k < data.numInstances(); k++) {
      a.encode(data.instance(k).toDoubleArray(), rowA, 0);
      b.encode(data.instance(k).toDoubleArray(), rowB, 0);
      for (int i = 0; i < rowA.length; i++) {
        assertEquals(rowA[i], rowB[i], TOLERANCE, "row " + k + " input " + i);
      }
    }
  }

  @Test
  void mergingDifferentColumnsIsRefused() {
    ColumnSummary a = new ColumnSummary(new int[] {ColumnSummary.NUMERIC, 3}, 1);
    ColumnSummary b = new ColumnSummary(new int[] {ColumnSummary.NUMERIC, 2}, 1);
    assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertThrows(IllegalArgumentException.class, () -> a.add(new double[] {1.0, 0.0, 2.0}, 1.0));
  }

  @Test
  void aNominalValueThatIsNotAnIndexIsRefused() {
    ColumnSummary summary = new ColumnSummary(new int[] {3, ColumnSummary.NUMERIC}, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> summary.add(new double[] {3.0, 0.0}, 1.0));
    assertTrue(e.getMessage().contains("column 0"), e.getMessage());
  }

  private static ColumnSummary summary(Instances data, int[] kinds, int from, int to) {
    ColumnSummary summary = new ColumnSummary(kinds, data.classIndex());
    for (int k = from; k < to; k++) {
      summary.add(data.instance(k).toDoubleArray(), data.instance(k).weight());
    }
    return summary;
  }

  private static ColumnMoments moments(Instances data, ColumnSummary scalesFrom, int from, int to) {
    ColumnMoments moments = new ColumnMoments(scalesFrom);
    for (int k = from; k < to; k++) {
      moments.add(data.instance(k).toDoubleArray(), data.instance(k).weight());
    }
    return moments;
  }

  /** Data that exercises every rule of the chain. */
  private static Instances edgeCases() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("huge"));
    attributes.add(new Attribute("constant"));
    attributes.add(new Attribute("tiny"));
    attributes.add(new Attribute("allMissing"));
    attributes.add(new Attribute("partlyMissing"));
    attributes.add(new Attribute("colour", List.of("red", "green", "blue")));
    attributes.add(new Attribute("single", List.of("only", "never")));
    attributes.add(new Attribute("yesNo", List.of("no", "yes")));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("edges", attributes, 0);
    data.setClassIndex(attributes.size() - 1);
    Random random = new Random(7);
    for (int k = 0; k < 40; k++) {
      double[] v = new double[attributes.size()];
      v[0] = (random.nextDouble() - 0.5) * 1e300;
      v[1] = 4.25;
      v[2] = random.nextDouble() * Double.MIN_NORMAL * 1e-3;
      v[3] = Utils.missingValue();
      v[4] = k % 3 == 0 ? Utils.missingValue() : random.nextGaussian();
      v[5] = k % 5 == 0 ? Utils.missingValue() : random.nextInt(2);
      v[6] = 0;
      v[7] = k % 7 == 0 ? Utils.missingValue() : random.nextInt(2);
      v[8] = random.nextInt(2);
      data.add(new DenseInstance(k % 4 == 0 ? 2.5 : 1.0, v));
    }
    // a nominal attribute with a distinct value in (nearly) every row is useless
    ArrayList<String> ids = new ArrayList<>();
    for (int k = 0; k < data.numInstances(); k++) {
      ids.add("id" + k);
    }
    data.insertAttributeAt(new Attribute("id", ids), 0);
    for (int k = 0; k < data.numInstances(); k++) {
      data.instance(k).setValue(0, k);
    }
    return data;
  }

  /** Fits both on data, and checks inputs, names, counts and the encoded rows of the data itself. */
  private static StatisticsPreprocessing assertEquivalent(Instances data) throws Exception {
    Preprocessing chain = FilterChain.fit(data);
    StatisticsPreprocessing fitted = StatisticsPreprocessing.fit(data);
    String name = data.relationName();
    assertEquals(chain.numInputs(), fitted.numInputs(), name + ": inputs");
    assertEquals(chain.inputNames(), fitted.inputNames(), name + ": input names");
    assertEquals(chain.numUselessRemoved(), fitted.numUselessRemoved(), name + ": useless attributes");
    assertEquals(chain.numConstantInputsRemoved(), fitted.numConstantInputsRemoved(), name + ": constant inputs");
    double[] expected = chain.toRows(data);
    double[] actual = fitted.toRows(data);
    assertEquals(expected.length, actual.length);
    // weights are reliability weights here, frequencies for Weka's filters: σ² = M2 / (S − Σs²/S) instead of
    // M2 / (S − 1), the same for unit weights; weighted data is standardized by σ times this factor
    double total = 0.0;
    double squared = 0.0;
    double largest = 0.0;
    for (int k = 0; k < data.numInstances(); k++) {
      double s = data.instance(k).weight();
      total += s;
      squared += s * s;
      largest = Math.max(largest, s);
    }
    if (total <= 1) {
      return fitted; // the filter chain leaves σ undefined: only the mean is subtracted
    }
    double factor = Math.sqrt((total - 1) / (total - squared / total));
    int width = fitted.numInputs() + 1;
    for (int i = 0; i < expected.length; i++) {
      double scaled = i % width == 0 ? expected[i] : expected[i] / factor;
      assertEquals(scaled, actual[i], TOLERANCE * Math.max(1.0, Math.abs(scaled)),
          name + ": value " + i + " (row " + i / width + ")");
    }
    DataMatrix matrix = TrainingData.matrix(fitted, data, null, false);
    int unit = largest > 0 ? Math.getExponent(largest) : 0;
    for (int k = 0; k < data.numInstances(); k++) {
      assertEquals((int) data.instance(k).classValue(), matrix.y()[k]);
      assertEquals(Math.scalb(data.instance(k).weight(), -unit), matrix.weight(k), "weights in the largest's unit");
    }
    return fitted;
  }
}
