package weka.classifiers.functions.backprop.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The two mergeable passes over a numeric target ({@link TargetSums}, {@link TargetDeviations}): blocks merged give
 * the scale of all the rows to rounding, one block gives {@link TargetScale#fit(double[], double[])}'s bits, units
 * that grow while rows are added give the bits of summing in the final units, a spread below the mean's last place is
 * kept, and a target that does not vary keeps its value exactly as the mean.
 */
class TargetSumsTest {

  private static TargetSums sums(double[] t, double[] s, int from, int to) {
    TargetSums sums = new TargetSums();
    for (int k = from; k < to; k++) {
      sums.add(t[k], s[k]);
    }
    return sums;
  }

  private static TargetDeviations deviations(TargetSums of, double[] t, double[] s, int from, int to) {
    TargetDeviations deviations = new TargetDeviations(of);
    for (int k = from; k < to; k++) {
      deviations.add(t[k], s[k]);
    }
    return deviations;
  }

  /** The two passes over blocks of {@code size} rows, each block alone, merged in order. */
  private static TargetScale fitInBlocks(double[] t, double[] s, int size) {
    TargetSums all = new TargetSums();
    for (int from = 0; from < t.length; from += size) {
      all.merge(sums(t, s, from, Math.min(t.length, from + size)));
    }
    TargetDeviations spread = new TargetDeviations(all);
    for (int from = 0; from < t.length; from += size) {
      spread.merge(deviations(all, t, s, from, Math.min(t.length, from + size)));
    }
    return TargetScale.fit(all, spread);
  }

  @Test
  void blocksMergedGiveTheScaleOfAllTheRows() {
    Random random = new Random(5);
    int n = 10000;
    double[] t = new double[n];
    double[] s = new double[n];
    for (int k = 0; k < n; k++) {
      // blocks whose weights and targets lie orders of magnitude apart: the units change at the merges
      int block = k / 1000;
      t[k] = (3 + random.nextGaussian()) * Math.pow(10, block % 4);
      s[k] = random.nextInt(5) == 0 ? 0.0 : (0.5 + random.nextDouble()) * Math.pow(10, -block);
    }
    TargetScale whole = TargetScale.fit(t, s);
    for (int size : new int[] {1000, 4096, 333}) {
      TargetScale parts = fitInBlocks(t, s, size);
      assertEquals(whole.mean(), parts.mean(), Math.abs(whole.mean()) * 1e-13, size + " rows per block");
      assertEquals(whole.stdDev(), parts.stdDev(), whole.stdDev() * 1e-13, size + " rows per block");
    }
  }

  @Test
  void oneBlockGivesTheBitsOfFittingOnItsRows() {
    double[] t = {0.3, -1.7, 2.9, 4.4, 0.01, 7};
    double[] s = {1, 2, 3, 0.5, 1.25, 0};
    TargetScale fitted = TargetScale.fit(t, s);
    // a block merged into empty sums, and empty sums (or a row of weight 0) merged into it: the same bits
    TargetSums merged = new TargetSums().merge(sums(t, s, 0, t.length)).merge(new TargetSums())
        .merge(new TargetSums().add(1e300, 0.0));
    TargetScale blocks = TargetScale.fit(merged, new TargetDeviations(merged)
        .merge(deviations(merged, t, s, 0, t.length)).merge(new TargetDeviations(merged)));
    assertEquals(fitted.mean(), blocks.mean(), 0.0);
    assertEquals(fitted.stdDev(), blocks.stdDev(), 0.0);
    for (double v : t) {
      assertEquals(fitted.standardized(v), blocks.standardized(v), 0.0);
    }
  }

  @Test
  void unitsThatGrowWhileRowsAreAddedGiveTheBitsOfTheFinalUnits() {
    Random random = new Random(9);
    double[] t = new double[500];
    double[] s = new double[500];
    for (int k = 0; k < t.length; k++) {
      // weights and targets that grow, so the units are raised again and again
      t[k] = random.nextGaussian() * Math.scalb(1.0, k / 10);
      s[k] = (1 + random.nextInt(7)) * Math.scalb(1.0, k / 25 - 300);
    }
    // the sums taken in the final units, known beforehand
    int e = Math.getExponent(7 * Math.scalb(1.0, 499 / 25 - 300));
    int f = Math.getExponent(java.util.Arrays.stream(t).map(Math::abs).max().getAsDouble());
    double total = 0;
    double squared = 0;
    double sum = 0;
    for (int k = 0; k < t.length; k++) {
      double w = Math.scalb(s[k], -e);
      total += w;
      squared += w * w;
      sum += w * Math.scalb(t[k], -f);
    }
    TargetSums grown = sums(t, s, 0, t.length);
    assertEquals(e, grown.weightExponent());
    assertEquals(f, grown.targetExponent());
    assertEquals(total, grown.totalWeight(), 0.0);
    assertEquals(squared, grown.squaredWeight(), 0.0);
    assertEquals(sum / total, grown.scaledMean(), 0.0);
  }

  @Test
  void aSpreadBelowTheMeansLastPlaceIsKept() {
    // 399 targets of 1e16 and one of 1e16 + 2 (the next double): the mean rounds to 1e16, the spread is about 0.1,
    // which updating the mean row by row (Welford) rounds to 0
    double[] t = new double[400];
    double[] s = new double[400];
    java.util.Arrays.fill(t, 1e16);
    java.util.Arrays.fill(s, 1.0);
    t[0] = 1e16 + 2;
    TargetScale scale = fitInBlocks(t, s, 100);
    assertEquals(Math.sqrt(4.0 / 400 * 399 / 399), scale.stdDev(), 1e-3);
    assertTrue(scale.standardized(1e16 + 2) > 10);
  }

  @Test
  void aTargetThatDoesNotVaryKeepsItsValueAsTheMean() {
    double[] t = {0.1, 0.1, 0.1, 0.1};
    double[] s = {1, 3, 0.7, 2};
    TargetSums sums = sums(t, s, 0, 2).merge(sums(t, s, 2, 4));
    assertFalse(sums.varies());
    assertEquals(0.1, sums.mean(), 0.0, "not 0.10000000000000002, as Σ s t / Σ s may give");
    assertNull(TargetScale.fit(sums, new TargetDeviations(sums)));
    assertNull(TargetScale.fit(t, s));
    assertFalse(new TargetSums().add(-0.0, 1).add(0.0, 2).varies(), "-0 and 0 are one value");
    assertFalse(new TargetSums().add(5, 1).add(8, 0).varies(), "a row of weight 0 does not count");
    assertEquals(5.0, new TargetSums().add(5, 1).add(8, 0).mean(), 0.0);
    assertFalse(new TargetSums().hasWeight());
  }

  @Test
  void badTargetsOrWeightsAndDeviationsFromAnotherMeanAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TargetSums().add(Double.POSITIVE_INFINITY, 1));
    assertThrows(IllegalArgumentException.class, () -> new TargetSums().add(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new TargetSums().add(1, -1));
    assertThrows(IllegalArgumentException.class, () -> new TargetSums().add(1, Double.NaN));
    TargetSums one = new TargetSums().add(1, 1).add(2, 1);
    TargetSums other = new TargetSums().add(1, 1).add(3, 1);
    assertThrows(IllegalArgumentException.class,
        () -> new TargetDeviations(one).merge(new TargetDeviations(other)));
    assertThrows(IllegalArgumentException.class, () -> TargetScale.fit(one, new TargetDeviations(other)));
  }
}
