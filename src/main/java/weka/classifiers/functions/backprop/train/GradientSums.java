package weka.classifiers.functions.backprop.train;

import java.io.Serializable;

/**
 * Sums over a set of rows that merge by addition: G = Σ s_k ∇ℓ_k, L = Σ s_k ℓ_k and S = Σ s_k. The mean
 * objective and its gradient follow by one division: J = L / S, ∇J = G / S. Because the three are plain
 * sums, blocks of rows (threads, partitions of a cluster) can be summed separately and merged in any
 * grouping, with the same result up to rounding.
 */
public final class GradientSums implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] gradient;
  private double loss;
  private double weight;

  /**
   * @param numParameters the length of the parameter vector
   */
  public GradientSums(int numParameters) {
    this.gradient = new double[numParameters];
  }

  /** @return G = Σ s_k ∇ℓ_k (not a copy; modified by accumulation) */
  public double[] gradient() {
    return gradient;
  }

  /** @return L = Σ s_k ℓ_k */
  public double loss() {
    return loss;
  }

  /** @return S = Σ s_k */
  public double weight() {
    return weight;
  }

  /**
   * Adds to the loss and weight sums.
   *
   * @param lossSum Σ s_k ℓ_k of some rows
   * @param weightSum Σ s_k of the same rows
   */
  void addLossAndWeight(double lossSum, double weightSum) {
    loss += lossSum;
    weight += weightSum;
  }

  /** Sets all sums to zero. */
  public void clear() {
    java.util.Arrays.fill(gradient, 0.0);
    loss = 0.0;
    weight = 0.0;
  }

  /**
   * this ← this + other.
   *
   * @param other sums over other rows, same parameter layout
   * @return this
   */
  public GradientSums merge(GradientSums other) {
    if (other.gradient.length != gradient.length) {
      throw new IllegalArgumentException("cannot merge sums of " + other.gradient.length + " and "
          + gradient.length + " parameters");
    }
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] += other.gradient[i];
    }
    loss += other.loss;
    weight += other.weight;
    return this;
  }

  /**
   * @return J = L / S, the weighted mean loss
   */
  public double meanLoss() {
    return loss / weight;
  }

  /**
   * Writes ∇J = G / S.
   *
   * @param out receives the mean gradient, same length as the parameters
   */
  public void meanGradient(double[] out) {
    double inverse = 1.0 / weight;
    for (int i = 0; i < gradient.length; i++) {
      out[i] = gradient[i] * inverse;
    }
  }
}
