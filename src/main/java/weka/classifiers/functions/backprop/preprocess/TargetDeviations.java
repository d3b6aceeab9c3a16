package weka.classifiers.functions.backprop.preprocess;

import java.io.Serializable;

/**
 * The second statistics pass over a numeric target: the weighted sum of squared deviations from the mean of the first
 * pass ({@link TargetSums}), over the rows of positive weight s_k,
 * <pre>
 *   M2 = Σ s_k (t_k − μ)²
 * </pre>
 * with the weights and targets in the first pass's units (2^E, 2^F), so M2 is in units of 2^E · 2^2F and no term
 * overflows. A plain sum, merged by addition, so blocks of rows can be summarized separately; taken around the mean
 * of all the rows, it keeps a spread far below the mean's last place, which an update of the mean row by row would
 * round away.
 */
public final class TargetDeviations implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int weightExponent;
  private final int targetExponent;
  /** μ / 2^F. */
  private final double scaledMean;
  /** M2, in units of 2^E · 2^2F. */
  private double m2;

  /**
   * @param sums the first pass over the same rows (all of them: gives the units and the mean)
   */
  public TargetDeviations(TargetSums sums) {
    this.weightExponent = sums.weightExponent();
    this.targetExponent = sums.targetExponent();
    this.scaledMean = sums.scaledMean();
  }

  /**
   * Adds one row.
   *
   * @param target its target t, finite (as in the first pass)
   * @param weight its weight s ≥ 0 (as in the first pass)
   * @return this
   */
  public TargetDeviations add(double target, double weight) {
    double s = Math.scalb(weight, -weightExponent);
    if (s > 0) {
      double d = Math.scalb(target, -targetExponent) - scaledMean;
      m2 += s * d * d;
    }
    return this;
  }

  /**
   * this ← this + other.
   *
   * @param other the deviations of other rows from the same mean, in the same units
   * @return this
   * @throws IllegalArgumentException if the other was taken from another first pass
   */
  public TargetDeviations merge(TargetDeviations other) {
    if (other.weightExponent != weightExponent || other.targetExponent != targetExponent
        || Double.compare(other.scaledMean, scaledMean) != 0) {
      throw new IllegalArgumentException("cannot merge deviations from another mean or in other units");
    }
    m2 += other.m2;
    return this;
  }

  /**
   * @param sums a first pass
   * @return true if these deviations were taken around its mean, in its units
   */
  boolean isOf(TargetSums sums) {
    return weightExponent == sums.weightExponent() && targetExponent == sums.targetExponent()
        && Double.compare(scaledMean, sums.scaledMean()) == 0;
  }

  /** @return M2, in units of 2^E · 2^2F */
  public double m2() {
    return m2;
  }
}
