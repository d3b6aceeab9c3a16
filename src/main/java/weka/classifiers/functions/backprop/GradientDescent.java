package weka.classifiers.functions.backprop;

/**
 * The derivation's update: θ ← θ − η ∇J(θ). Keeps no state.
 */
public final class GradientDescent implements Optimizer {

  private double learningRate;

  /**
   * @param learningRate η &gt; 0, finite
   */
  public GradientDescent(double learningRate) {
    setLearningRate(learningRate);
  }

  @Override
  public void step(double[] params, double[] gradient) {
    double eta = learningRate;
    for (int i = 0; i < params.length; i++) {
      params[i] -= eta * gradient[i];
    }
  }

  @Override
  public void setLearningRate(double learningRate) {
    TrainingConfig.checkLearningRate(learningRate);
    this.learningRate = learningRate;
  }

  @Override
  public void reset() {
    // no state
  }
}
