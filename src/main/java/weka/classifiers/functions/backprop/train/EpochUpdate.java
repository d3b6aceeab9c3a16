package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.optim.Adam;
import weka.classifiers.functions.backprop.optim.GradientDescent;
import weka.classifiers.functions.backprop.optim.Momentum;
import weka.classifiers.functions.backprop.optim.Optimizer;

/**
 * What one epoch does to the weights: the one interface through which the {@link Trainer}'s loop runs every
 * update rule. Three kinds:
 * <ul>
 *   <li>{@link FullBatchUpdate}: one step of a step rule (gradient descent, momentum, Nesterov, Adam) on
 *       J(θ_e) over all training rows;</li>
 *   <li>{@link MiniBatchUpdate}: the rows shuffled, then one step of the step rule per batch;</li>
 *   <li>{@link LbfgsUpdate}: one iteration of L-BFGS.</li>
 * </ul>
 * An update records the training losses it computes in the run's {@link LossHistory}; the trainer does the rest
 * (counting epochs, early stopping, restarts). The call order is (restart → run*)*.
 */
interface EpochUpdate extends AutoCloseable {

  /** What an epoch did. */
  enum Outcome {
    /** θ moved: one more epoch is done. */
    MOVED,
    /** θ moved to where the rule has converged: the epoch counts, and training ends (L-BFGS). */
    CONVERGED,
    /** No step lowered J: θ is unchanged, the epoch does not count, and training ends (L-BFGS). */
    STUCK,
    /** A loss became NaN or infinite: the run must restart. */
    NOT_FINITE
  }

  /**
   * Runs one epoch from θ_e.
   *
   * @param theta θ_e (modified: θ_{e+1})
   * @param epoch e, the epochs done so far
   * @param learningRate η, as halved by the restarts (ignored by rules that use none)
   * @return what the epoch did
   * @throws TrainingInterruptedException if the thread is interrupted between evaluations
   */
  Outcome run(double[] theta, int epoch, double learningRate);

  /** Forgets all state (moments, history, batch order), as before the first epoch. */
  void restart();

  /**
   * @return true if the rule steps by a learning rate, so that restarting with half of it can get past a
   *         non-finite loss
   */
  boolean usesLearningRate();

  /** Releases threads; no further call is made. */
  @Override
  default void close() {
    // nothing held
  }

  /**
   * The update a configuration asks for.
   *
   * @param config the run's settings
   * @param shape the architecture
   * @param objective J over all training rows
   * @param history receives the training losses
   * @param batchRows for mini-batches: the matrix whose rows 0 … numBatchRows − 1 are the training rows; null when
   *        the rows are only known through their sums (full batch only)
   * @param numBatchRows the number of training rows in batchRows
   * @param workers the run's threads, for mini-batches (not closed by the update)
   * @return L-BFGS for {@link UpdateRule#LBFGS}; otherwise the step rule on mini-batches if batchRows are given
   *         and the batch size is between 1 and the number of rows, or on the full batch
   */
  static EpochUpdate of(TrainingConfig config, NetworkShape shape, TrainingObjective objective, LossHistory history,
      DataMatrix batchRows, int numBatchRows, ChunkWorkers workers) {
    UpdateRule rule = config.updateRule();
    int n = shape.numParameters();
    if (rule.isFullBatchOnly()) {
      return new LbfgsUpdate(n, objective, history);
    }
    Optimizer step = stepRule(rule, n, config.learningRate(), config.momentum());
    int batchSize = config.batchSize();
    if (batchRows != null && batchSize > 0 && batchSize < numBatchRows) {
      return new MiniBatchUpdate(config, shape, step, objective, history, batchRows, numBatchRows, workers);
    }
    return new FullBatchUpdate(n, step, config.learningRateDecay(), objective, history);
  }

  /**
   * @param rule a step rule
   * @param numParameters length of θ
   * @param learningRate η
   * @param momentum μ, used by MOMENTUM and NESTEROV
   * @return a new optimizer of that kind
   * @throws IllegalStateException for LBFGS, which is not a step rule
   */
  static Optimizer stepRule(UpdateRule rule, int numParameters, double learningRate, double momentum) {
    switch (rule) {
      case GD:
        return new GradientDescent(learningRate);
      case MOMENTUM:
        return new Momentum(numParameters, learningRate, momentum, false);
      case NESTEROV:
        return new Momentum(numParameters, learningRate, momentum, true);
      case ADAM:
        return new Adam(numParameters, learningRate);
      default:
        throw new IllegalStateException(rule.optionName() + " needs the objective, not only its gradient: "
            + "it is run by LbfgsUpdate, not as a step rule");
    }
  }

  /**
   * The learning rate of epoch t: η / (1 + d·t). A huge decay makes it underflow to 0, which no optimizer takes:
   * then the smallest positive rate.
   *
   * @param learningRate η
   * @param decay d ≥ 0
   * @param epoch t
   * @return η_t &gt; 0
   */
  static double scheduled(double learningRate, double decay, int epoch) {
    return Math.max(Double.MIN_VALUE, learningRate / (1.0 + decay * epoch));
  }

  /**
   * @param value a loss
   * @return true unless it is NaN or infinite
   */
  static boolean isFinite(double value) {
    return value > Double.NEGATIVE_INFINITY && value < Double.POSITIVE_INFINITY;
  }
}
