package weka.classifiers.functions.backprop.train;

import java.io.Serializable;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.UpdateRule;

/**
 * The settings of one training run, immutable: made by a {@link Builder}, which checks every setting against its
 * {@link Rule} (the same rule objects the Weka options table uses, so the messages name the option) and, in
 * {@link Builder#build()}, the one rule across settings: an optimizer that needs full batches (lbfgs) with a
 * mini-batch size &gt; 0.
 *
 * <p>The builder starts from the derivation's plain algorithm (one sigmoid hidden unit, full-batch gradient
 * descent with learning rate 0.1, no weight decay, no early stopping, one thread, seed 1, 0 epochs, the scalar
 * activation kernels); the Weka
 * classifier's defaults are in its options table.
 */
public final class TrainingConfig implements Serializable {

  private static final long serialVersionUID = 2L;

  /** -H: hidden units g. */
  public static final Rule NUM_HIDDEN = Rule.wholeAtLeast("-H (hidden units) must be at least 1", 1);
  /** -L: the learning rate η. */
  public static final Rule LEARNING_RATE = Rule.number("-L (learning rate) must be a finite number > 0",
      v -> v > 0 && v < Double.POSITIVE_INFINITY);
  /** -M: the momentum μ. */
  public static final Rule MOMENTUM = Rule.number("-M (momentum) must be a number in [0, 1)", v -> v >= 0 && v < 1);
  /** -decay: d of the schedule η / (1 + d t). */
  public static final Rule LEARNING_RATE_DECAY = Rule.number(
      "-decay (learning-rate decay) must be a finite number >= 0", v -> v >= 0 && v < Double.POSITIVE_INFINITY);
  /** -R: the L2 weight decay λ. */
  public static final Rule WEIGHT_DECAY = Rule.number("-R (weight decay) must be a finite number >= 0",
      v -> v >= 0 && v < Double.POSITIVE_INFINITY);
  /** -B: rows per step, 0 = all. */
  public static final Rule BATCH_SIZE = Rule.wholeAtLeast("-B (mini-batch size) must be at least 0 (0 = all rows)", 0);
  /** -N: epochs. */
  public static final Rule NUM_EPOCHS = Rule.wholeAtLeast("-N (epochs) must be at least 0", 0);
  /** -V: the fraction held out for early stopping. */
  public static final Rule VALIDATION_FRACTION = Rule.number("-V (validation fraction) must be a number in [0, 1)",
      v -> v >= 0 && v < 1);
  /** -E: the patience of early stopping. */
  public static final Rule PATIENCE = Rule.wholeAtLeast("-E (patience) must be at least 1", 1);
  /** -S: the seed. */
  public static final Rule SEED = Rule.wholeAtLeast("-S (seed) must be a whole number", Integer.MIN_VALUE);
  /** The threads of one run (the Weka option -num-threads 0 means the available processors, resolved before). */
  public static final Rule NUM_THREADS = Rule.wholeAtLeast("number of threads must be at least 1", 1);

  private final int numHidden;
  private final Activation activation;
  private final double learningRate;
  private final int epochs;
  private final int numThreads;
  private final long seed;
  private final UpdateRule updateRule;
  private final double momentum;
  private final double learningRateDecay;
  private final double weightDecay;
  private final int batchSize;
  private final double validationFraction;
  private final int patience;
  /** Null in a configuration saved before the kernels were part of it: scalar ({@link #kernels()}). */
  private final Kernels kernels;

  private TrainingConfig(Builder b) {
    numHidden = b.numHidden;
    activation = b.activation;
    learningRate = b.learningRate;
    epochs = b.epochs;
    numThreads = b.numThreads;
    seed = b.seed;
    updateRule = b.updateRule;
    momentum = b.momentum;
    learningRateDecay = b.learningRateDecay;
    weightDecay = b.weightDecay;
    batchSize = b.batchSize;
    validationFraction = b.validationFraction;
    patience = b.patience;
    kernels = b.kernels;
  }

  /** @return a builder with the derivation's plain settings (see the class comment) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these settings, to make a changed copy */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.numHidden = numHidden;
    b.activation = activation;
    b.learningRate = learningRate;
    b.epochs = epochs;
    b.numThreads = numThreads;
    b.seed = seed;
    b.updateRule = updateRule;
    b.momentum = momentum;
    b.learningRateDecay = learningRateDecay;
    b.weightDecay = weightDecay;
    b.batchSize = batchSize;
    b.validationFraction = validationFraction;
    b.patience = patience;
    b.kernels = kernels();
    return b;
  }

  /** @return g */
  public int numHidden() {
    return numHidden;
  }

  /** @return σ1 */
  public Activation activation() {
    return activation;
  }

  /** @return η */
  public double learningRate() {
    return learningRate;
  }

  /** @return the most epochs (full passes over the data) */
  public int epochs() {
    return epochs;
  }

  /** @return threads computing the sums over rows (the result does not depend on it) */
  public int numThreads() {
    return numThreads;
  }

  /** @return the seed of the initial weights, the validation split and the batch order */
  public long seed() {
    return seed;
  }

  /** @return the optimizer (-O) */
  public UpdateRule updateRule() {
    return updateRule;
  }

  /** @return μ, the momentum of MOMENTUM and NESTEROV */
  public double momentum() {
    return momentum;
  }

  /** @return d of the inverse-time schedule η_t = η / (1 + d·t), t = epochs done */
  public double learningRateDecay() {
    return learningRateDecay;
  }

  /** @return λ of the L2 penalty (λ/2)·Σ w² over the non-bias weights */
  public double weightDecay() {
    return weightDecay;
  }

  /** @return rows per gradient step; 0 = all rows (full batch) */
  public int batchSize() {
    return batchSize;
  }

  /** @return the fraction of rows held out for early stopping; 0 = none */
  public double validationFraction() {
    return validationFraction;
  }

  /** @return epochs without a lower validation loss before training stops */
  public int patience() {
    return patience;
  }

  /** @return the activation kernels of every computation of the network (its shape records them) */
  public Kernels kernels() {
    return kernels == null ? Kernels.SCALAR : kernels;
  }

  /** Collects the settings of a {@link TrainingConfig}; each setter checks its value against its rule. */
  public static final class Builder {
    private int numHidden = 1;
    private Activation activation = Activation.SIGMOID;
    private double learningRate = 0.1;
    private int epochs = 0;
    private int numThreads = 1;
    private long seed = 1;
    private UpdateRule updateRule = UpdateRule.GD;
    private double momentum = 0.0;
    private double learningRateDecay = 0.0;
    private double weightDecay = 0.0;
    private int batchSize = 0;
    private double validationFraction = 0.0;
    private int patience = 10;
    private Kernels kernels = Kernels.SCALAR;

    private Builder() {
    }

    /** @param numHidden g ≥ 1 @return this */
    public Builder numHidden(int numHidden) {
      this.numHidden = NUM_HIDDEN.check(numHidden);
      return this;
    }

    /** @param activation σ1, not null @return this */
    public Builder activation(Activation activation) {
      if (activation == null) {
        throw new IllegalArgumentException("-A (activation) must be one of sigmoid, tanh, got null");
      }
      this.activation = activation;
      return this;
    }

    /** @param learningRate η, finite and &gt; 0 @return this */
    public Builder learningRate(double learningRate) {
      this.learningRate = LEARNING_RATE.check(learningRate);
      return this;
    }

    /** @param epochs ≥ 0 (0 keeps the initial weights) @return this */
    public Builder epochs(int epochs) {
      this.epochs = NUM_EPOCHS.check(epochs);
      return this;
    }

    /** @param numThreads ≥ 1 @return this */
    public Builder numThreads(int numThreads) {
      this.numThreads = NUM_THREADS.check(numThreads);
      return this;
    }

    /** @param seed any value @return this */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** @param updateRule gd, momentum, nesterov, adam or lbfgs (full batch only), not null @return this */
    public Builder updateRule(UpdateRule updateRule) {
      if (updateRule == null) {
        throw new IllegalArgumentException("-O (optimizer) must be one of gd, momentum, nesterov, adam, lbfgs, "
            + "got null");
      }
      this.updateRule = updateRule;
      return this;
    }

    /** @param momentum μ in [0, 1) @return this */
    public Builder momentum(double momentum) {
      this.momentum = MOMENTUM.check(momentum);
      return this;
    }

    /** @param learningRateDecay d ≥ 0, finite @return this */
    public Builder learningRateDecay(double learningRateDecay) {
      this.learningRateDecay = LEARNING_RATE_DECAY.check(learningRateDecay);
      return this;
    }

    /** @param weightDecay λ ≥ 0, finite @return this */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = WEIGHT_DECAY.check(weightDecay);
      return this;
    }

    /** @param batchSize ≥ 0; 0 = full batch @return this */
    public Builder batchSize(int batchSize) {
      this.batchSize = BATCH_SIZE.check(batchSize);
      return this;
    }

    /** @param validationFraction in [0, 1); 0 = no early stopping @return this */
    public Builder validationFraction(double validationFraction) {
      this.validationFraction = VALIDATION_FRACTION.check(validationFraction);
      return this;
    }

    /** @param patience ≥ 1 @return this */
    public Builder patience(int patience) {
      this.patience = PATIENCE.check(patience);
      return this;
    }

    /** @param kernels the activation kernels, not null @return this */
    public Builder kernels(Kernels kernels) {
      if (kernels == null) {
        throw new IllegalArgumentException("the activation kernels must be one of scalar, vector, got null");
      }
      this.kernels = kernels;
      return this;
    }

    /**
     * @return the configuration
     * @throws IllegalArgumentException for an optimizer that needs full batches with a mini-batch size &gt; 0
     */
    public TrainingConfig build() {
      checkOptimizerAndBatchSize(updateRule, batchSize);
      return new TrainingConfig(this);
    }
  }

  /**
   * The one rule across settings: an optimizer that trains on full batches only (lbfgs) needs -B 0.
   *
   * @param updateRule the optimizer
   * @param batchSize the mini-batch size
   * @throws IllegalArgumentException naming -O and -B
   */
  public static void checkOptimizerAndBatchSize(UpdateRule updateRule, int batchSize) {
    if (updateRule.isFullBatchOnly() && batchSize > 0) {
      throw new IllegalArgumentException("-O " + updateRule.optionName() + " trains on full batches: set -B 0 (got -B "
          + batchSize + ")");
    }
  }
}
