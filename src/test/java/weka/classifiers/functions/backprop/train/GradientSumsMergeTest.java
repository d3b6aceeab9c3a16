package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;


/**
 * Sums over disjoint blocks of rows merge into the sums over their union — the property that lets
 * threads, and the partitions of a cluster, be summed separately and added.
 */
class GradientSumsMergeTest {

  private static final double RELATIVE = 1e-12;
  private static final int ROWS = 300;

  private static void assertSameSums(GradientSums expected, GradientSums actual, String what) {
    double scale = 0.0;
    for (double g : expected.gradient()) {
      scale = Math.max(scale, Math.abs(g));
    }
    assertTrue(scale > 0.0, "a nonzero gradient to compare");
    for (int p = 0; p < expected.gradient().length; p++) {
      assertEquals(expected.gradient()[p], actual.gradient()[p], RELATIVE * scale, what + ", parameter " + p);
    }
    assertEquals(expected.loss(), actual.loss(), RELATIVE * Math.abs(expected.loss()), what + ", loss");
    assertEquals(expected.weight(), actual.weight(), RELATIVE * expected.weight(), what + ", weight");
  }

  @Test
  void sumsOfTwoBlocksMergeIntoTheSumsOfAllRows() {
    for (int numClasses : new int[] {2, 4}) {
      for (boolean weighted : new boolean[] {false, true}) {
        DataMatrix data = EngineTestData.random(ROWS, 3, numClasses, weighted, numClasses * 10L);
        NetworkShape shape = new NetworkShape(3, 5, NetworkShape.outputsForClasses(numClasses),
            Activation.SIGMOID);
        double[] params = EngineTestData.randomParameters(shape, 0.7, 2);
        GradientSums whole = EngineTestData.sums(shape, params, data, 0, ROWS);
        for (int split : new int[] {1, 63, 64, 65, 150, 299}) {
          GradientSums merged = EngineTestData.sums(shape, params, data, 0, split)
              .merge(EngineTestData.sums(shape, params, data, split, ROWS));
          assertSameSums(whole, merged, numClasses + " classes, weighted=" + weighted + ", split " + split);
        }
      }
    }
  }

  @Test
  void mergingInAnyGroupingGivesTheSameMeans() {
    DataMatrix data = EngineTestData.random(ROWS, 2, 3, true, 99);
    NetworkShape shape = new NetworkShape(2, 3, 3, Activation.TANH);
    double[] params = EngineTestData.randomParameters(shape, 0.7, 5);
    GradientSums a = EngineTestData.sums(shape, params, data, 0, 90);
    GradientSums b = EngineTestData.sums(shape, params, data, 90, 200);
    GradientSums c = EngineTestData.sums(shape, params, data, 200, ROWS);
    GradientSums left = new GradientSums(shape.numParameters()).merge(a).merge(b).merge(c);
    GradientSums bc = new GradientSums(shape.numParameters()).merge(b).merge(c);
    GradientSums right = new GradientSums(shape.numParameters()).merge(a).merge(bc);
    assertSameSums(left, right, "(a + b) + c vs a + (b + c)");

    GradientSums whole = EngineTestData.sums(shape, params, data, 0, ROWS);
    double[] expected = new double[shape.numParameters()];
    double[] actual = new double[shape.numParameters()];
    whole.meanGradient(expected);
    left.meanGradient(actual);
    for (int p = 0; p < expected.length; p++) {
      assertEquals(expected[p], actual[p], 1e-12, "mean gradient " + p);
    }
    assertEquals(whole.meanLoss(), left.meanLoss(), 1e-12);
  }

  @Test
  void accumulateAddsToExistingSumsAndClearResets() {
    DataMatrix data = EngineTestData.random(100, 2, 2, false, 1);
    NetworkShape shape = new NetworkShape(2, 3, 1, Activation.SIGMOID);
    double[] params = EngineTestData.randomParameters(shape, 0.7, 5);
    GradientSums once = EngineTestData.sums(shape, params, data, 0, 100);
    GradientSums twice = EngineTestData.sums(shape, params, data, 0, 100);
    new Accumulator(shape).add(params, data, 0, 100, twice);
    assertEquals(2 * once.loss(), twice.loss(), 1e-12 * once.loss());
    assertEquals(200.0, twice.weight());
    for (int p = 0; p < once.gradient().length; p++) {
      assertEquals(2 * once.gradient()[p], twice.gradient()[p], 1e-12, "parameter " + p);
    }
    twice.clear();
    assertEquals(0.0, twice.loss());
    assertEquals(0.0, twice.weight());
    for (double g : twice.gradient()) {
      assertEquals(0.0, g);
    }
  }

  @Test
  void mergeRejectsSumsOfAnotherLayout() {
    GradientSums sums = new GradientSums(10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sums.merge(new GradientSums(11)));
    assertTrue(e.getMessage().contains("11") && e.getMessage().contains("10"), e.getMessage());
  }
}
