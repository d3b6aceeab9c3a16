package weka.classifiers.functions.backprop.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The standardization of a numeric target: μ and σ with reliability weights (n − 1 for unit weights), t' = (t − μ)/σ
 * and back, for weights and targets of any size.
 */
class TargetScaleTest {

  @Test
  void unitWeightsGiveTheSampleMeanAndStandardDeviation() {
    double[] t = {2, 4, 4, 4, 5, 5, 7, 9};
    TargetScale scale = TargetScale.fit(t, null);
    assertEquals(5.0, scale.mean(), 1e-15);
    assertEquals(Math.sqrt(32.0 / 7.0), scale.stdDev(), 1e-15);
    assertEquals((9 - 5.0) / Math.sqrt(32.0 / 7.0), scale.standardized(9), 1e-15);
    for (double v : t) {
      assertEquals(v, scale.original(scale.standardized(v)), 1e-14);
    }
  }

  @Test
  void weightsAreReliabilityWeights() {
    double[] t = {1, 3, 10};
    double[] s = {1, 2, 0.5};
    double total = 3.5;
    double mean = (1 + 6 + 5) / total;
    double m2 = (1 - mean) * (1 - mean) + 2 * (3 - mean) * (3 - mean) + 0.5 * (10 - mean) * (10 - mean);
    double variance = m2 / (total - (1 + 4 + 0.25) / total);
    TargetScale scale = TargetScale.fit(t, s);
    assertEquals(mean, scale.mean(), 1e-14);
    assertEquals(Math.sqrt(variance), scale.stdDev(), 1e-14);
  }

  @Test
  void scalingWeightsOrTargetsByPowersOfTwoChangesNothingButTheScale() {
    double[] t = {0.3, -1.7, 2.9, 4.4, 0.01};
    double[] s = {1, 2, 3, 0.5, 1.25};
    TargetScale base = TargetScale.fit(t, s);
    for (int e : new int[] {-1000, -60, 60, 1000}) {
      double[] scaledWeights = new double[s.length];
      double[] scaledTargets = new double[t.length];
      for (int k = 0; k < s.length; k++) {
        scaledWeights[k] = Math.scalb(s[k], e);
        scaledTargets[k] = Math.scalb(t[k], e);
      }
      TargetScale weighted = TargetScale.fit(t, scaledWeights);
      TargetScale shifted = TargetScale.fit(scaledTargets, s);
      for (double v : t) {
        assertEquals(base.standardized(v), weighted.standardized(v), 0.0, "weights × 2^" + e);
        assertEquals(base.standardized(v), shifted.standardized(Math.scalb(v, e)), 0.0, "targets × 2^" + e);
      }
      assertEquals(Math.scalb(base.stdDev(), e), shifted.stdDev(), 0.0);
    }
  }

  @Test
  void targetsNearTheLargestDoubleStayFinite() {
    double[] t = {1e308, -1e308, 1.5e308, 0};
    TargetScale scale = TargetScale.fit(t, null);
    for (double v : t) {
      double z = scale.standardized(v);
      assertEquals(v, scale.original(z), Math.abs(v) * 1e-14 + 1e295);
    }
  }

  @Test
  void targetsThatDoNotVaryGiveNoScale() {
    assertNull(TargetScale.fit(new double[] {3, 3, 3}, null));
    assertNull(TargetScale.fit(new double[] {3}, null));
    assertNull(TargetScale.fit(new double[] {3, 8}, new double[] {1, 0}), "only one row of positive weight");
    assertNull(TargetScale.fit(new double[0], null));
  }

  @Test
  void badTargetsOrWeightsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TargetScale.fit(new double[] {1, Double.NaN}, null));
    assertThrows(IllegalArgumentException.class, () -> TargetScale.fit(new double[] {1, 2}, new double[] {1, -1}));
  }
}
