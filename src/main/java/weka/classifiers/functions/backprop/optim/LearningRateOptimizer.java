package weka.classifiers.functions.backprop.optim;

/** The learning rate η that every {@link Optimizer} shares, validated when set. */
abstract class LearningRateOptimizer implements Optimizer {

  /** η, finite and &gt; 0. */
  protected double learningRate;

  /**
   * @param learningRate η, finite and &gt; 0
   */
  LearningRateOptimizer(double learningRate) {
    setLearningRate(learningRate);
  }

  @Override
  public final void setLearningRate(double learningRate) {
    if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
    }
    this.learningRate = learningRate;
  }
}
