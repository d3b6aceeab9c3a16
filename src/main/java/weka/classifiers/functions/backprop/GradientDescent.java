package weka.classifiers.functions.backprop;

/**
 * The derivation's update: θ ← θ − η ∇J(θ), with a constant learning rate η.
 */
public final class GradientDescent implements Optimizer {

  private final double learningRate;

  /**
   * @param learningRate η &gt; 0, finite
   */
  public GradientDescent(double learningRate) {
    TrainingConfig.checkLearningRate(learningRate);
    this.learningRate = learningRate;
  }

  @Override
  public void step(double[] params, double[] gradient) {
    for (int i = 0; i < params.length; i++) {
      params[i] -= learningRate * gradient[i];
    }
  }
}
