package weka.classifiers.functions.backprop.optim;

/**
 * The derivation's update: θ ← θ − η ∇J(θ). Keeps no state.
 */
public final class GradientDescent extends LearningRateOptimizer {

  /**
   * @param learningRate η &gt; 0, finite
   */
  public GradientDescent(double learningRate) {
    super(learningRate);
  }

  @Override
  public void step(double[] params, double[] gradient) {
    double eta = learningRate;
    for (int i = 0; i < params.length; i++) {
      params[i] -= eta * gradient[i];
    }
  }

  @Override
  public void reset() {
    // no state
  }
}
