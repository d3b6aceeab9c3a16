package weka.classifiers.functions.backprop.preprocess;

import java.io.Serializable;

/**
 * The second statistics pass over raw rows: for each numeric column, the weighted count, mean and sum of
 * squared deviations of its present values after the power-of-two scaling of the first pass
 * ({@link ColumnSummary#scales()}):
 * <pre>
 *   W = Σ s_k,   mean = (1/W) Σ s_k x_k,   M2 = Σ s_k (x_k − mean)²      (over rows k where x is present)
 * </pre>
 * updated row by row as Welford does (W += s; δ = x − mean; mean += δ·s/W; M2 += s·δ·(x − mean)) and merged
 * as Chan et al. do (δ = mean_b − mean_a; mean = mean_a + δ·W_b/W; M2 = M2_a + M2_b + δ²·W_a·W_b/W), so
 * blocks of rows can be summarized separately. Rows of weight 0 add nothing. The weights are taken in the unit of
 * the first pass, 2^E ({@link ColumnSummary#weightExponent()}), so W and M2 are in that unit too: the mean is the
 * same for any unit, and nothing overflows for finite weights.
 */
public final class ColumnMoments implements Serializable {

  private static final long serialVersionUID = 2L;

  private final double[] scales;
  /** E: the weights are taken in units of 2^E. */
  private final int weightExponent;
  private final boolean[] numeric;
  private final double[] weight;
  private final double[] mean;
  private final double[] m2;

  /**
   * @param summary the first pass over the same rows (gives the columns and their scales)
   */
  public ColumnMoments(ColumnSummary summary) {
    int columns = summary.numColumns();
    this.scales = summary.scales();
    this.weightExponent = summary.weightExponent();
    this.numeric = new boolean[columns];
    for (int a = 0; a < columns; a++) {
      numeric[a] = summary.isNumeric(a);
    }
    this.weight = new double[columns];
    this.mean = new double[columns];
    this.m2 = new double[columns];
  }

  /**
   * Adds one row.
   *
   * @param values the raw row
   * @param rowWeight its weight ≥ 0 (below 2^(E+1), as in the first pass)
   */
  public void add(double[] values, double rowWeight) {
    if (values.length != numeric.length) {
      throw new IllegalArgumentException("row has " + values.length + " values, expected " + numeric.length);
    }
    double s = Math.scalb(rowWeight, -weightExponent);
    if (s == 0.0) {
      return;
    }
    for (int a = 0; a < numeric.length; a++) {
      double x = values[a];
      if (numeric[a] && !Double.isNaN(x)) {
        x *= scales[a];
        weight[a] += s;
        double delta = x - mean[a];
        mean[a] += delta * s / weight[a];
        m2[a] += s * delta * (x - mean[a]);
      }
    }
  }

  /**
   * this ← this ⊕ other (Chan et al.'s pairwise combination).
   *
   * @param other the moments of other rows, same columns
   * @return this
   */
  public ColumnMoments merge(ColumnMoments other) {
    if (other.numeric.length != numeric.length || other.weightExponent != weightExponent) {
      throw new IllegalArgumentException("cannot merge moments of different columns or weight units");
    }
    for (int a = 0; a < numeric.length; a++) {
      if (other.scales[a] != scales[a]) {
        throw new IllegalArgumentException("cannot merge moments computed with different scales");
      }
      double[] merged = combine(weight[a], mean[a], m2[a], other.weight[a], other.mean[a], other.m2[a]);
      weight[a] = merged[0];
      mean[a] = merged[1];
      m2[a] = merged[2];
    }
    return this;
  }

  /**
   * Combines the moments of two sets of values.
   *
   * @return {W, mean, M2} of the union
   */
  static double[] combine(double weightA, double meanA, double m2A, double weightB, double meanB, double m2B) {
    if (weightB == 0.0) {
      return new double[] {weightA, meanA, m2A};
    }
    if (weightA == 0.0) {
      return new double[] {weightB, meanB, m2B};
    }
    double total = weightA + weightB;
    double delta = meanB - meanA;
    return new double[] {total, meanA + delta * weightB / total, m2A + m2B + delta * delta * weightA * weightB / total};
  }

  /**
   * @param a a column
   * @return its power-of-two scale
   */
  public double scale(int a) {
    return scales[a];
  }

  /**
   * @param a a numeric column
   * @return W, the total weight of its present values, in units of 2^E
   */
  public double weight(int a) {
    return weight[a];
  }

  /**
   * @param a a numeric column
   * @return the weighted mean of its scaled present values (0 if W = 0)
   */
  public double mean(int a) {
    return mean[a];
  }

  /**
   * @param a a numeric column
   * @return M2, the weighted sum of squared deviations of its scaled present values, weights in units of 2^E
   */
  public double m2(int a) {
    return m2[a];
  }
}
