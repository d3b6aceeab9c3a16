package weka.classifiers.functions.backprop;

/**
 * One update rule of gradient-based training: given the parameters θ and the gradient ∇J at θ, move θ.
 * Implementations may keep state between steps (momentum, moment estimates); the call order is
 * construct → step, step, …
 */
public interface Optimizer {

  /**
   * Updates the parameters in place.
   *
   * @param params θ (modified)
   * @param gradient ∇J(θ), same length (not modified)
   */
  void step(double[] params, double[] gradient);
}
