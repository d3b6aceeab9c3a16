package weka.classifiers.functions.backprop.preprocess;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * The standardization of a numeric target (regression): the network is trained on t' = (t − μ) / σ and its output
 * p' is returned on the original scale as p = μ + σ p', where μ is the training targets' weighted mean and σ their
 * weighted standard deviation with reliability weights,
 * <pre>
 *   μ = Σ s_k t_k / S,   σ² = Σ s_k (t_k − μ)² / (S − Σ s_k² / S),   S = Σ s_k
 * </pre>
 * (n − 1 in the denominator for unit weights, as for the inputs). So that no sum overflows, the weights are taken in
 * units of the largest weight's power of two and the targets in units of 2^F, F the exponent of the largest |t_k|:
 * μ and σ are kept in that unit, and t' is computed from the scaled target, so a target near the largest double is
 * standardized as well as one near 1. The sums are those of two passes that merge by addition ({@link TargetSums},
 * {@link TargetDeviations}), so the scale can be fitted from blocks of rows summarized apart (a cluster's partitions)
 * as well as from the rows in one place. Immutable.
 */
public final class TargetScale implements Serializable {

  private static final long serialVersionUID = 1L;

  /** F: the targets are read in units of 2^F. */
  private final int exponent;
  /** μ / 2^F. */
  private final double scaledMean;
  /** σ / 2^F, &gt; 0. */
  private final double scaledStdDev;

  private TargetScale(int exponent, double scaledMean, double scaledStdDev) {
    this.exponent = exponent;
    this.scaledMean = scaledMean;
    this.scaledStdDev = scaledStdDev;
  }

  /** A loaded scale is checked as a fitted one is: a finite mean and a positive, finite standard deviation. */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (!(Math.abs(scaledMean) < Double.POSITIVE_INFINITY && scaledStdDev > 0
        && scaledStdDev < Double.POSITIVE_INFINITY)) {
      throw new InvalidObjectException("the target's scale has mean " + mean() + " and standard deviation "
          + stdDev());
    }
  }

  /**
   * Fits μ and σ on the training targets: the two passes ({@link TargetSums}, then {@link TargetDeviations}) over
   * the rows in order, then {@link #fit(TargetSums, TargetDeviations)}. A cluster that merges the passes over blocks
   * of the same rows gets the same scale up to the rounding of the order of its additions (the same bits for one
   * block).
   *
   * @param t the targets, finite (not modified)
   * @param s their weights, finite and ≥ 0, or null for all ones (not modified)
   * @return the scale, or null if the targets do not vary: fewer than two rows of positive weight, or all of them
   *     equal (there is nothing to learn; the caller predicts the mean)
   * @throws IllegalArgumentException if a target is not finite or a weight is negative or not finite
   */
  public static TargetScale fit(double[] t, double[] s) {
    if (s != null && s.length != t.length) {
      throw new IllegalArgumentException(s.length + " weights for " + t.length + " targets");
    }
    TargetSums sums = new TargetSums();
    for (int k = 0; k < t.length; k++) {
      double w = s == null ? 1.0 : s[k];
      if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("target " + (k + 1) + " has weight " + w);
      }
      if (!(Math.abs(t[k]) < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("target " + (k + 1) + " is " + t[k]);
      }
      sums.add(t[k], w);
    }
    if (!sums.hasWeight() || !sums.varies()) {
      return null;
    }
    TargetDeviations deviations = new TargetDeviations(sums);
    for (int k = 0; k < t.length; k++) {
      deviations.add(t[k], s == null ? 1.0 : s[k]);
    }
    return fit(sums, deviations);
  }

  /**
   * Fits μ and σ from the two passes over all the training rows (perhaps each merged from blocks), in their units
   * (weights in 2^E, targets in 2^F):
   * <pre>
   *   μ / 2^F = T / S,   (σ / 2^F)² = M2 / (S − Q / S)
   * </pre>
   *
   * @param sums the first pass
   * @param deviations the second pass, around the first pass's mean
   * @return the scale, or null if the targets do not vary (as {@link #fit(double[], double[])})
   * @throws IllegalArgumentException if the deviations were not taken around these sums' mean in their units
   */
  public static TargetScale fit(TargetSums sums, TargetDeviations deviations) {
    if (!sums.hasWeight() || !sums.varies()) {
      return null;
    }
    if (!deviations.isOf(sums)) {
      throw new IllegalArgumentException("the deviations were taken around another mean or in other units");
    }
    double total = sums.totalWeight();
    double denominator = total - sums.squaredWeight() / total;
    double sd = denominator > 0 ? Math.sqrt(deviations.m2() / denominator) : 0;
    if (!(sd > 0 && sd < Double.POSITIVE_INFINITY)) {
      return null; // one row carries (almost) all the weight: no spread to learn from
    }
    return new TargetScale(sums.targetExponent(), sums.scaledMean(), sd);
  }

  /**
   * @param t a target on the original scale
   * @return t' = (t − μ) / σ
   */
  public double standardized(double t) {
    return (Math.scalb(t, -exponent) - scaledMean) / scaledStdDev;
  }

  /**
   * @param standardized a network output p'
   * @return p = μ + σ p', on the original scale
   */
  public double original(double standardized) {
    return Math.scalb(scaledMean + scaledStdDev * standardized, exponent);
  }

  /** @return μ, the training targets' weighted mean */
  public double mean() {
    return Math.scalb(scaledMean, exponent);
  }

  /** @return σ, the training targets' weighted standard deviation */
  public double stdDev() {
    return Math.scalb(scaledStdDev, exponent);
  }
}
