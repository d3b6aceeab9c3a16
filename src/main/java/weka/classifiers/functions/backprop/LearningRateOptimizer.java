package weka.classifiers.functions.backprop;

import weka.classifiers.functions.backprop.train.TrainingConfig;

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
    TrainingConfig.LEARNING_RATE.check(learningRate);
    this.learningRate = learningRate;
  }
}
