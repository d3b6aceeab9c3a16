package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;

/**
 * A fixed set of training rows that computes, for given parameters θ, the sums from which the objective
 * follows ({@link GradientSums}): G = Σ s_k ∇ℓ_k(θ), L = Σ s_k ℓ_k(θ), S = Σ s_k over its rows, so that
 * J(θ) = L / S (+ the weight decay, which {@link Trainer} adds) and ∇J(θ) = G / S.
 *
 * <p>This is all the full-batch update rules (gradient descent and L-BFGS) and early stopping need of
 * the data, so the same {@link Trainer} code runs over rows held locally ({@link LocalRowSums}) or anywhere
 * else that can compute these sums, e.g. over the partitions of a cluster merged by
 * {@link GradientSums#merge}. An implementation must be deterministic (the same θ gives the same sums, bit
 * for bit) for training to be reproducible.
 */
public interface RowSums extends AutoCloseable {

  /**
   * Computes the sums over all rows at θ.
   *
   * @param params θ in {@link NetworkShape}'s layout (not modified)
   * @param total cleared, then receives G, L and S
   */
  void sums(double[] params, GradientSums total);

  /** @return the number of rows */
  long numRows();

  /** Releases what the sums hold (threads, cached data); no further call is made. */
  @Override
  void close();
}
