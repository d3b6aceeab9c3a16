package weka.classifiers.functions.backprop.optim;

/**
 * One update rule of gradient-based training: given the parameters θ and the gradient ∇J at θ, move θ.
 * Implementations may keep state between steps (velocity, moment estimates). The call order is
 * construct → (setLearningRate → step)* → reset → … ; {@link #reset()} forgets the state, as before the
 * first step.
 */
public interface Optimizer {

  /**
   * Updates the parameters in place.
   *
   * @param params θ (modified)
   * @param gradient ∇J(θ), same length (not modified)
   */
  void step(double[] params, double[] gradient);

  /**
   * Sets η for the following steps (a learning-rate schedule calls this before each step).
   *
   * @param learningRate η, finite and &gt; 0
   */
  void setLearningRate(double learningRate);

  /** Forgets all state, as before the first step. */
  void reset();
}
