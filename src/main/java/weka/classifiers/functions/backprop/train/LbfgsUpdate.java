package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.optim.Lbfgs;

/**
 * An epoch of L-BFGS: one iteration of {@link Lbfgs} on J over all training rows, whose line search evaluates J
 * and ∇J as often as it needs; the loss recorded after the epoch is J(θ_{e+1}), known from the line search. The
 * first epoch first evaluates J(θ_0). No learning rate is used. Between evaluations the line search checks for
 * an interrupt.
 */
final class LbfgsUpdate implements EpochUpdate {

  private final Lbfgs lbfgs;
  private final LossHistory history;
  private boolean started;
  private int epoch;

  /**
   * @param numParameters length of θ
   * @param objective J over all training rows
   * @param history receives J(θ_0) and J(θ_{e+1})
   */
  LbfgsUpdate(int numParameters, TrainingObjective objective, LossHistory history) {
    this.history = history;
    this.lbfgs = new Lbfgs(numParameters, (theta, gradientOut) -> {
      if (Thread.currentThread().isInterrupted()) {
        throw new TrainingInterruptedException(epoch);
      }
      return objective.valueAndGradient(theta, gradientOut);
    });
  }

  @Override
  public Outcome run(double[] theta, int epoch, double learningRate) {
    this.epoch = epoch;
    if (!started) {
      double loss = lbfgs.start(theta);
      history.recordTraining(epoch, loss);
      if (!EpochUpdate.isFinite(loss)) {
        return Outcome.NOT_FINITE;
      }
      started = true;
    }
    if (!lbfgs.iterate()) {
      return Outcome.STUCK;
    }
    lbfgs.copyPosition(theta);
    history.recordTraining(epoch + 1, lbfgs.value());
    return lbfgs.converged() ? Outcome.CONVERGED : Outcome.MOVED;
  }

  @Override
  public void restart() {
    started = false;
  }

  @Override
  public boolean usesLearningRate() {
    return false;
  }
}
