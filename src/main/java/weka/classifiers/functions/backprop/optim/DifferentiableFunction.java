package weka.classifiers.functions.backprop.optim;

/**
 * A function J: ℝⁿ → ℝ with its gradient, as the line search and {@link Lbfgs} see it: one call computes
 * both. The training objective over all training rows is one, a test function such as Rosenbrock's is another.
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
