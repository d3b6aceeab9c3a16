package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.optim.Optimizer;

/**
 * An epoch of full-batch training with a step rule: J(θ_e) and ∇J(θ_e) over all training rows (recorded as the
 * loss after e epochs), then one step θ_{e+1} = step(θ_e, ∇J(θ_e)) with the scheduled learning rate η_e.
 */
final class FullBatchUpdate implements EpochUpdate {

  private final Optimizer step;
  private final double decay;
  private final TrainingObjective objective;
  private final LossHistory history;
  private final double[] gradient;

  /**
   * @param numParameters length of θ
   * @param step the step rule
   * @param decay d of the schedule η / (1 + d·t)
   * @param objective J over all training rows
   * @param history receives J(θ_e)
   */
  FullBatchUpdate(int numParameters, Optimizer step, double decay, TrainingObjective objective,
      LossHistory history) {
    this.step = step;
    this.decay = decay;
    this.objective = objective;
    this.history = history;
    this.gradient = new double[numParameters];
  }

  @Override
  public Outcome run(double[] theta, int epoch, double learningRate) {
    step.setLearningRate(EpochUpdate.scheduled(learningRate, decay, epoch));
    double loss = objective.valueAndGradient(theta, gradient);
    history.recordTraining(epoch, loss);
    if (!EpochUpdate.isFinite(loss)) {
      return Outcome.NOT_FINITE;
    }
    step.step(theta, gradient);
    return Outcome.MOVED;
  }

  @Override
  public void restart() {
    step.reset();
  }

  @Override
  public boolean usesLearningRate() {
    return true;
  }
}
