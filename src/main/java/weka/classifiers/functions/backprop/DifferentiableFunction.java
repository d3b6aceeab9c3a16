package weka.classifiers.functions.backprop;

/**
 * A function J: ℝⁿ → ℝ with its gradient, as the line search and {@link Lbfgs} see it: one call computes
 * both. The training objective is one (evaluated over a {@link RowSums}), a test function such as
 * Rosenbrock's is another.
 */
public interface DifferentiableFunction {

  /**
   * Computes J(θ) and ∇J(θ).
   *
   * @param theta θ, n values (not modified)
   * @param gradientOut receives ∇J(θ), n values
   * @return J(θ); NaN or ±∞ where J is not finite (the gradient is then not used)
   */
  double valueAndGradient(double[] theta, double[] gradientOut);
}
