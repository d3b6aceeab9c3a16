package weka.classifiers.functions.backprop;

import java.io.Serializable;

/**
 * The hyperparameters of one training run, validated when set. Each setter's error names the setting
 * and its allowed range.
 */
public final class TrainingConfig implements Serializable {

  private static final long serialVersionUID = 1L;

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

  /** @return g */
  public int numHidden() {
    return numHidden;
  }

  /**
   * @param numHidden g ≥ 1
   * @return this
   */
  public TrainingConfig numHidden(int numHidden) {
    if (numHidden < 1) {
      throw new IllegalArgumentException("number of hidden units must be at least 1, got " + numHidden);
    }
    this.numHidden = numHidden;
    return this;
  }

  /** @return σ1 */
  public Activation activation() {
    return activation;
  }

  /**
   * @param activation σ1, not null
   * @return this
   */
  public TrainingConfig activation(Activation activation) {
    if (activation == null) {
      throw new IllegalArgumentException("activation must be sigmoid or tanh, got null");
    }
    this.activation = activation;
    return this;
  }

  /** @return η */
  public double learningRate() {
    return learningRate;
  }

  /**
   * @param learningRate η, finite and &gt; 0
   * @return this
   */
  public TrainingConfig learningRate(double learningRate) {
    checkLearningRate(learningRate);
    this.learningRate = learningRate;
    return this;
  }

  static void checkLearningRate(double learningRate) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
    }
  }

  /** @return the number of full passes over the data */
  public int epochs() {
    return epochs;
  }

  /**
   * @param epochs ≥ 0 (0 keeps the random initial weights)
   * @return this
   */
  public TrainingConfig epochs(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("number of epochs must be at least 0, got " + epochs);
    }
    this.epochs = epochs;
    return this;
  }

  /** @return threads used for the gradient */
  public int numThreads() {
    return numThreads;
  }

  /**
   * @param numThreads ≥ 1
   * @return this
   */
  public TrainingConfig numThreads(int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("number of threads must be at least 1, got " + numThreads);
    }
    this.numThreads = numThreads;
    return this;
  }

  /** @return the seed of the weight initialisation */
  public long seed() {
    return seed;
  }

  /**
   * @param seed any value
   * @return this
   */
  public TrainingConfig seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** @return the update rule */
  public UpdateRule updateRule() {
    return updateRule;
  }

  /**
   * @param updateRule gd (the derivation's), momentum, nesterov, adam or lbfgs (full batch only: batch size 0)
   * @return this
   */
  public TrainingConfig updateRule(UpdateRule updateRule) {
    if (updateRule == null) {
      throw new IllegalArgumentException("optimizer must be gd, momentum, nesterov, adam or lbfgs, got null");
    }
    this.updateRule = updateRule;
    return this;
  }

  /** @return μ, the momentum of MOMENTUM and NESTEROV */
  public double momentum() {
    return momentum;
  }

  /**
   * @param momentum μ in [0, 1)
   * @return this
   */
  public TrainingConfig momentum(double momentum) {
    checkMomentum(momentum);
    this.momentum = momentum;
    return this;
  }

  static void checkMomentum(double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
  }

  /** @return d of the inverse-time schedule η_t = η / (1 + d·t), t = epochs done */
  public double learningRateDecay() {
    return learningRateDecay;
  }

  /**
   * @param learningRateDecay d ≥ 0, finite (0 = constant learning rate)
   * @return this
   */
  public TrainingConfig learningRateDecay(double learningRateDecay) {
    if (!(learningRateDecay >= 0) || Double.isInfinite(learningRateDecay)) {
      throw new IllegalArgumentException("learning-rate decay must be a finite number >= 0, got " + learningRateDecay);
    }
    this.learningRateDecay = learningRateDecay;
    return this;
  }

  /** @return λ of the L2 penalty (λ/2)·Σ w² over the non-bias weights */
  public double weightDecay() {
    return weightDecay;
  }

  /**
   * @param weightDecay λ ≥ 0, finite (0 = no penalty)
   * @return this
   */
  public TrainingConfig weightDecay(double weightDecay) {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
    }
    this.weightDecay = weightDecay;
    return this;
  }

  /** @return rows per gradient step; 0 = all rows (full batch) */
  public int batchSize() {
    return batchSize;
  }

  /**
   * @param batchSize ≥ 0; 0 = full batch, the derivation's gradient descent
   * @return this
   */
  public TrainingConfig batchSize(int batchSize) {
    if (batchSize < 0) {
      throw new IllegalArgumentException("batch size must be at least 0 (0 = all rows), got " + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /** @return the fraction of rows held out for early stopping; 0 = none */
  public double validationFraction() {
    return validationFraction;
  }

  /**
   * @param validationFraction in [0, 1); 0 = no early stopping
   * @return this
   */
  public TrainingConfig validationFraction(double validationFraction) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
    }
    this.validationFraction = validationFraction;
    return this;
  }

  /** @return epochs without a lower validation loss before training stops */
  public int patience() {
    return patience;
  }

  /**
   * @param patience ≥ 1
   * @return this
   */
  public TrainingConfig patience(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
    }
    this.patience = patience;
    return this;
  }
}
