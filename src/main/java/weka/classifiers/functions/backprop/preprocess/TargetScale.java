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
 * standardized as well as one near 1. Immutable.
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
   * Fits μ and σ on the training targets.
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
    double largestWeight = 0;
    double largestTarget = 0;
    for (int k = 0; k < t.length; k++) {
      double w = s == null ? 1.0 : s[k];
      if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("target " + (k + 1) + " has weight " + w);
      }
      if (!(Math.abs(t[k]) < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("target " + (k + 1) + " is " + t[k]);
      }
      if (w > 0) {
        largestWeight = Math.max(largestWeight, w);
        largestTarget = Math.max(largestTarget, Math.abs(t[k]));
      }
    }
    if (largestWeight == 0) {
      return null;
    }
    int e = Math.getExponent(largestWeight);
    int f = largestTarget > 0 ? Math.getExponent(largestTarget) : 0;
    double total = 0;
    double squaredWeights = 0;
    double sum = 0;
    int positive = 0;
    double first = Double.NaN;
    boolean varies = false;
    for (int k = 0; k < t.length; k++) {
      double w = Math.scalb(s == null ? 1.0 : s[k], -e);
      if (w > 0) {
        double v = Math.scalb(t[k], -f);
        total += w;
        squaredWeights += w * w;
        sum += w * v;
        if (positive++ == 0) {
          first = t[k];
        } else {
          varies |= t[k] != first;
        }
      }
    }
    if (!varies) {
      return null;
    }
    double mean = sum / total;
    double m2 = 0;
    for (int k = 0; k < t.length; k++) {
      double w = Math.scalb(s == null ? 1.0 : s[k], -e);
      if (w > 0) {
        double d = Math.scalb(t[k], -f) - mean;
        m2 += w * d * d;
      }
    }
    double denominator = total - squaredWeights / total;
    double sd = denominator > 0 ? Math.sqrt(m2 / denominator) : 0;
    if (!(sd > 0 && sd < Double.POSITIVE_INFINITY)) {
      return null; // one row carries (almost) all the weight: no spread to learn from
    }
    return new TargetScale(f, mean, sd);
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
