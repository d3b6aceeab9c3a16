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
}
