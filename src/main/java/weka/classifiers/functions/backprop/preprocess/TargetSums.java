package weka.classifiers.functions.backprop.preprocess;

import java.io.Serializable;

/**
 * The first statistics pass over a numeric target (regression): over the rows of positive weight s_k,
 * <pre>
 *   S = Σ s_k,   Q = Σ s_k²,   T = Σ s_k t_k,   min t_k,   max t_k
 * </pre>
 * sums that merge by addition (and min/max), so blocks of rows (the partitions of a cluster) can be summarized
 * separately and merged. They give the weighted mean μ = T / S, around which the second pass
 * ({@link TargetDeviations}) sums the squared deviations; {@link TargetScale} is fitted from the two. Rows of weight
 * 0 add nothing.
 *
 * <p>Units, so that no sum overflows for finite weights and targets: the weights are taken in units of 2^E, E the
 * binary exponent of the largest weight seen, and the targets in units of 2^F, F that of the largest |t| seen (0
 * while every target is 0). When a larger weight or target comes, the sums are rescaled by a power of two, which is
 * exact (but for what falls below the smallest normal double), so they are the bits that summing every row in the
 * final units would give: rows added one by one in order give the sums of {@link TargetScale#fit(double[], double[])}
 * on them, and merged blocks give them up to the rounding of the order of the additions.
 */
public final class TargetSums implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The exponent of a unit while no positive weight (or nonzero target) has been seen. */
  private static final int NONE = Integer.MIN_VALUE;

  /** E: weights in units of 2^E. */
  private int weightExponent = NONE;
  /** F: targets in units of 2^F. */
  private int targetExponent = NONE;
  /** S, in units of 2^E. */
  private double totalWeight;
  /** Q, in units of 2^2E. */
  private double squaredWeight;
  /** T, in units of 2^E · 2^F. */
  private double weightedSum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /**
   * Adds one row.
   *
   * @param target its target t, finite
   * @param weight its weight s, finite and ≥ 0
   * @return this
   * @throws IllegalArgumentException if the target is not finite or the weight is negative or not finite
   */
  public TargetSums add(double target, double weight) {
    if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("a target has weight " + weight + "; weights must be finite and >= 0");
    }
    if (!(Math.abs(target) < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("a target is " + target + "; targets must be finite");
    }
    if (weight == 0) {
      return this;
    }
    rescale(Math.max(weightExponent, Math.getExponent(weight)),
        target == 0 ? targetExponent : Math.max(targetExponent, Math.getExponent(target)));
    double s = Math.scalb(weight, -weightExponent);
    totalWeight += s;
    squaredWeight += s * s;
    weightedSum += s * inUnit(target, targetExponent);
    min = Math.min(min, target);
    max = Math.max(max, target);
    return this;
  }

  /**
   * this ← this + other, in the larger units of the two.
   *
   * @param other the sums of other rows (not modified)
   * @return this
   */
  public TargetSums merge(TargetSums other) {
    if (!other.hasWeight()) {
      return this;
    }
    rescale(Math.max(weightExponent, other.weightExponent), Math.max(targetExponent, other.targetExponent));
    int shiftE = other.weightExponent - weightExponent;
    int shiftF = other.targetExponent == NONE ? 0 : other.targetExponent - targetExponent;
    totalWeight += Math.scalb(other.totalWeight, shiftE);
    squaredWeight += Math.scalb(other.squaredWeight, 2 * shiftE);
    weightedSum += Math.scalb(other.weightedSum, shiftE + shiftF);
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    return this;
  }

  /** Makes 2^e and 2^f (each at least the current one) the units: the sums are rescaled by powers of two, exactly. */
  private void rescale(int e, int f) {
    if (weightExponent != NONE && e != weightExponent) {
      int shift = weightExponent - e;
      totalWeight = Math.scalb(totalWeight, shift);
      squaredWeight = Math.scalb(squaredWeight, 2 * shift);
      weightedSum = Math.scalb(weightedSum, shift);
    }
    if (targetExponent != NONE && f != targetExponent) {
      weightedSum = Math.scalb(weightedSum, targetExponent - f);
    }
    weightExponent = e;
    targetExponent = f; // from NONE: every target so far was 0, so T = 0 in any unit
  }

  /**
   * @param value a weight or a target
   * @param exponent the exponent of its unit ({@link #NONE}: only 0 can be taken in it)
   * @return value / 2^exponent
   */
  private static double inUnit(double value, int exponent) {
    return value == 0 ? 0.0 : Math.scalb(value, -exponent);
  }

  /** @return true if some row of positive weight was added */
  public boolean hasWeight() {
    return totalWeight > 0;
  }

  /** @return true if two rows of positive weight have different targets */
  public boolean varies() {
    return min < max;
  }

  /** @return E: the weight sums are in units of 2^E (0 if no row had a positive weight) */
  public int weightExponent() {
    return weightExponent == NONE ? 0 : weightExponent;
  }

  /** @return F: the targets are in units of 2^F (0 if every target was 0) */
  public int targetExponent() {
    return targetExponent == NONE ? 0 : targetExponent;
  }

  /** @return S, in units of 2^E */
  public double totalWeight() {
    return totalWeight;
  }

  /** @return Q = Σ s², in units of 2^2E */
  public double squaredWeight() {
    return squaredWeight;
  }

  /** @return μ / 2^F = T / S (0 if no row had a positive weight) */
  public double scaledMean() {
    return hasWeight() ? weightedSum / totalWeight : 0.0;
  }

  /**
   * @return μ on the targets' own scale: T / S, or for targets that do not vary exactly their one value (0 if no row
   *     had a positive weight)
   */
  public double mean() {
    if (hasWeight() && !varies()) {
      return min;
    }
    return Math.scalb(scaledMean(), targetExponent());
  }
}
