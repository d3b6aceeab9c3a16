package weka.classifiers.functions.backprop;

import java.util.Arrays;
import java.util.Random;

/**
 * The training loop, one epoch per {@link #epoch()} call, so that training can run to the end
 * ({@link #train}) or be stepped (Weka's iterative classifiers).
 *
 * <p>An epoch with batch size 0 is one step of the derivation's full-batch gradient descent on
 * J(θ) = (1/S) Σ s_k ℓ_k + (λ/2) Σ w² (λ = 0 unless weight decay is set); with batch size B &gt; 0 the rows
 * are shuffled (from the seed) and each run of B rows gives one step on that batch's J. The learning rate
 * of epoch t (t = 0, 1, …) is η / (1 + d·t) (d = 0: constant).
 *
 * <p>Early stopping: with a validation fraction v &gt; 0, a stratified fraction v of the rows is held out
 * ({@link ValidationSplit}); after each epoch the held-out mean cross-entropy is computed, training stops
 * after {@code patience} epochs without a lower value, and the weights of the best epoch are restored.
 * Data too small to split trains on all rows without early stopping ({@link #validationSkipped()}).
 *
 * <p>Divergence guard: if a loss becomes NaN or infinite, training restarts from the initial weights with
 * half the learning rate, at most {@link #MAX_RESTARTS} times; then {@link TrainingDivergedException}.
 *
 * <p>Initial weights: every non-bias weight is drawn uniformly from ±√(3 / fan-in) (variance 1 / fan-in,
 * fan-in = m + 1 for Θ and g + 1 for β) with {@link Random} seeded from the configuration; biases start at
 * 0. The same data and configuration give the same network, whatever the thread count.
 */
public final class Trainer implements AutoCloseable {

  /** How many times training restarts with a halved learning rate before it gives up. */
  public static final int MAX_RESTARTS = 10;

  private final TrainingConfig config;
  private final NetworkShape shape;
  private final DataMatrix train;
  private final DataMatrix validation;
  private final boolean validationSkipped;
  private final double[] initialParams;
  private final double[] params;
  private final double[] gradient;
  private final GradientSums sums;
  private final BatchGradient fullGradient;
  private final BatchGradient validationGradient;
  private final GradientSums validationSums;
  private final int[] order;
  private final DataMatrix batch;
  private final BatchGradient batchGradient;
  private final Optimizer optimizer;

  private Random shuffleRandom;
  private double learningRate;
  private int restarts;
  private int maxEpochs;
  private int epochsDone;
  private double[] trainingLoss = new double[16];
  private double[] validationLoss;
  private boolean trainingLossIsCurrent;
  private double bestValidationLoss;
  private int bestEpoch;
  private double[] bestParams;
  private int epochsSinceBest;
  private StopReason stopReason;

  /**
   * @param data the training rows (not modified)
   * @param config hyperparameters (read now; {@link #setMaxEpochs} changes the epoch limit later)
   */
  public Trainer(DataMatrix data, TrainingConfig config) {
    this.config = config;
    this.shape = new NetworkShape(data.numInputs(), config.numHidden(),
        NetworkShape.outputsForClasses(data.numClasses()), config.activation());
    ValidationSplit split = config.validationFraction() > 0
        ? ValidationSplit.split(data, config.validationFraction(), new Random(config.seed() + 1)) : null;
    this.validationSkipped = config.validationFraction() > 0 && split == null;
    this.train = split == null ? data : split.train();
    this.validation = split == null ? null : split.validation();
    this.initialParams = initialParameters(shape, config.seed());
    this.params = initialParams.clone();
    this.gradient = new double[shape.numParameters()];
    this.sums = new GradientSums(shape.numParameters());
    this.fullGradient = new BatchGradient(shape, train, config.numThreads());
    if (validation != null) {
      this.validationGradient = new BatchGradient(shape, validation, config.numThreads());
      this.validationSums = new GradientSums(shape.numParameters());
      this.validationLoss = new double[16];
    } else {
      this.validationGradient = null;
      this.validationSums = null;
    }
    int batchSize = config.batchSize();
    if (batchSize > 0 && batchSize < train.numRows()) {
      this.order = new int[train.numRows()];
      this.batch = DataMatrix.batchBuffer(batchSize, train);
      this.batchGradient = new BatchGradient(shape, batch, config.numThreads());
    } else {
      this.order = null;
      this.batch = null;
      this.batchGradient = null;
    }
    this.optimizer = config.updateRule().create(shape.numParameters(), config.learningRate(), config.momentum());
    this.learningRate = config.learningRate();
    this.maxEpochs = config.epochs();
    start();
  }

  /** (Re)starts from the initial weights with the current learning rate. */
  private void start() {
    System.arraycopy(initialParams, 0, params, 0, params.length);
    optimizer.reset();
    shuffleRandom = new Random(config.seed() + 2);
    epochsDone = 0;
    stopReason = null;
    trainingLossIsCurrent = false;
    if (validation != null) {
      bestValidationLoss = Double.POSITIVE_INFINITY;
      bestEpoch = 0;
      bestParams = params.clone();
      epochsSinceBest = 0;
    }
  }

  /**
   * Trains until the configured epochs are run or early stopping ends training.
   *
   * @param data the training rows
   * @param config hyperparameters
   * @return the trained network and its loss curves
   * @throws TrainingInterruptedException if the thread is interrupted
   * @throws TrainingDivergedException if the loss cannot be kept finite
   */
  public static TrainingResult train(DataMatrix data, TrainingConfig config) {
    try (Trainer trainer = new Trainer(data, config)) {
      while (trainer.epoch()) {
        // one epoch per call
      }
      return trainer.result();
    }
  }

  /**
   * A training run that starts from the given weights instead of the seeded random ones: incremental training
   * continues each buffer of a stream from the weights the previous buffer left. Everything else is as for
   * {@link #Trainer(DataMatrix, TrainingConfig)}: the validation split and the batch order come from the seed,
   * the optimizer starts afresh, and the divergence guard restarts from these weights.
   *
   * @param data the training rows (not modified)
   * @param config hyperparameters
   * @param initialParams the starting parameters, in the layout of the shape that data and config give (copied)
   * @return the training run, before its first epoch
   * @throws IllegalArgumentException if initialParams does not have that shape's number of parameters
   */
  public static Trainer startingFrom(DataMatrix data, TrainingConfig config, double[] initialParams) {
    Trainer trainer = new Trainer(data, config);
    if (initialParams.length != trainer.initialParams.length) {
      trainer.close();
      throw new IllegalArgumentException(initialParams.length + " initial parameters for a network that has "
          + trainer.initialParams.length + " (" + trainer.shape.numInputs() + " inputs, " + trainer.shape.numHidden()
          + " hidden units, " + trainer.shape.numOutputs() + " outputs)");
    }
    System.arraycopy(initialParams, 0, trainer.initialParams, 0, initialParams.length);
    trainer.start();
    return trainer;
  }

  /**
   * Small random weights scaled to the fan-in, zero biases.
   *
   * @param shape the architecture
   * @param seed the seed
   * @return a new parameter vector
   */
  public static double[] initialParameters(NetworkShape shape, long seed) {
    Random random = new Random(seed);
    double[] w = new double[shape.numParameters()];
    double thetaRange = Math.sqrt(3.0 / shape.rowWidth());
    double betaRange = Math.sqrt(3.0 / (shape.numHidden() + 1));
    for (int i = 0; i < w.length; i++) {
      if (!shape.isBias(i)) {
        double range = i < shape.betaOffset() ? thetaRange : betaRange;
        w[i] = (2.0 * random.nextDouble() - 1.0) * range;
      }
    }
    return w;
  }

  /**
   * Runs one epoch, unless training has finished.
   *
   * @return true if an epoch was run, false if training had already finished (all epochs run, or stopped
   *         early)
   * @throws TrainingInterruptedException if the thread was interrupted
   * @throws TrainingDivergedException if the loss cannot be kept finite
   */
  public boolean epoch() {
    if (isFinished()) {
      return false;
    }
    if (Thread.interrupted()) {
      throw new TrainingInterruptedException(epochsDone);
    }
    if (epochsDone == 0 && validation != null) {
      recordValidation();
    }
    // a huge decay makes η / (1 + d t) underflow to 0, which no optimizer takes: keep the smallest positive rate
    double rate = learningRate / (1.0 + config.learningRateDecay() * epochsDone);
    optimizer.setLearningRate(Math.max(Double.MIN_VALUE, rate));
    boolean finite;
    try {
      finite = batch == null ? fullBatchStep() : miniBatchEpoch();
      if (finite) {
        epochsDone++;
        trainingLossIsCurrent = false;
        if (validation != null) {
          finite = recordValidation();
        }
      }
    } catch (TrainingInterruptedException e) {
      // interrupted while waiting for the gradient threads: report the epochs done and clear the flag, as
      // the thrower of an interruption does
      Thread.interrupted();
      throw new TrainingInterruptedException(epochsDone);
    }
    if (!finite) {
      restartWithHalfRate();
    }
    return true;
  }

  /** Full batch: J(θ_e), ∇J(θ_e), one step. */
  private boolean fullBatchStep() {
    double loss = evaluateTrainingObjective();
    if (!isFinite(loss)) {
      return false;
    }
    optimizer.step(params, gradient);
    return true;
  }

  /** Mini-batches: shuffle, then one step per batch; records the weighted mean of the batch objectives. */
  private boolean miniBatchEpoch() {
    if (epochsDone == 0 && !trainingLossIsCurrent) {
      if (!isFinite(evaluateTrainingObjective())) {
        return false;
      }
    }
    int n = train.numRows();
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    for (int k = n - 1; k > 0; k--) {
      int j = shuffleRandom.nextInt(k + 1);
      int swap = order[k];
      order[k] = order[j];
      order[j] = swap;
    }
    int batchSize = config.batchSize();
    double lossSum = 0.0;
    double weightSum = 0.0;
    for (int from = 0; from < n; from += batchSize) {
      if (Thread.currentThread().isInterrupted()) {
        Thread.interrupted();
        throw new TrainingInterruptedException(epochsDone);
      }
      int rows = Math.min(batchSize, n - from);
      batch.gather(train, order, from, rows);
      batchGradient.sums(params, 0, rows, sums);
      if (sums.weight() <= 0) {
        continue;
      }
      sums.meanGradient(gradient);
      double loss = sums.meanLoss() + WeightDecay.apply(shape, params, config.weightDecay(), gradient);
      if (!isFinite(loss)) {
        return false;
      }
      lossSum += loss * sums.weight();
      weightSum += sums.weight();
      optimizer.step(params, gradient);
    }
    record(epochsDone + 1, lossSum / weightSum);
    return true;
  }

  /**
   * Computes J(θ) and ∇J(θ) over all training rows into {@code gradient} and records J as the loss after
   * {@code epochsDone} epochs.
   */
  private double evaluateTrainingObjective() {
    fullGradient.sums(params, 0, train.numRows(), sums);
    sums.meanGradient(gradient);
    double loss = sums.meanLoss() + WeightDecay.apply(shape, params, config.weightDecay(), gradient);
    record(epochsDone, loss);
    trainingLossIsCurrent = true;
    return loss;
  }

  /** Records the held-out loss at the current weights; returns false if it is not finite. */
  private boolean recordValidation() {
    validationGradient.sums(params, 0, validation.numRows(), validationSums);
    double loss = validationSums.meanLoss();
    if (!isFinite(loss)) {
      return false;
    }
    if (epochsDone >= validationLoss.length) {
      validationLoss = Arrays.copyOf(validationLoss, 2 * validationLoss.length + epochsDone);
    }
    validationLoss[epochsDone] = loss;
    if (loss < bestValidationLoss) {
      bestValidationLoss = loss;
      bestEpoch = epochsDone;
      System.arraycopy(params, 0, bestParams, 0, params.length);
      epochsSinceBest = 0;
    } else if (++epochsSinceBest >= config.patience()) {
      stopReason = StopReason.EARLY_STOPPING;
    }
    return true;
  }

  private void restartWithHalfRate() {
    if (restarts >= MAX_RESTARTS) {
      throw new TrainingDivergedException(config.learningRate(), learningRate, restarts);
    }
    restarts++;
    learningRate /= 2.0;
    start();
  }

  private static boolean isFinite(double value) {
    return value > Double.NEGATIVE_INFINITY && value < Double.POSITIVE_INFINITY;
  }

  private void record(int index, double loss) {
    if (index >= trainingLoss.length) {
      trainingLoss = Arrays.copyOf(trainingLoss, Math.max(index + 1, 2 * trainingLoss.length));
    }
    trainingLoss[index] = loss;
  }

  /** @return true when no further epoch will run: all epochs run, or stopped early */
  public boolean isFinished() {
    return stopReason != null || epochsDone >= maxEpochs;
  }

  /**
   * Changes the epoch limit, e.g. to continue training a finished run.
   *
   * @param maxEpochs ≥ 0
   */
  public void setMaxEpochs(int maxEpochs) {
    if (maxEpochs < 0) {
      throw new IllegalArgumentException("number of epochs must be at least 0, got " + maxEpochs);
    }
    this.maxEpochs = maxEpochs;
  }

  /** @return epochs completed (since the last restart) */
  public int epochsDone() {
    return epochsDone;
  }

  /** @return how often training restarted with a halved learning rate */
  public int restarts() {
    return restarts;
  }

  /** @return the learning rate in use (η, halved once per restart) */
  public double learningRate() {
    return learningRate;
  }

  /** @return true if early stopping was asked for but the data was too small to hold rows out */
  public boolean validationSkipped() {
    return validationSkipped;
  }

  /** @return the architecture being trained */
  public NetworkShape shape() {
    return shape;
  }

  /**
   * @return the training objective at the current weights (computed if not yet known; with mini-batches,
   *         the mean over the last epoch's batches)
   */
  public double currentLoss() {
    if (!trainingLossIsCurrent && (batch == null || epochsDone == 0)) {
      evaluateTrainingObjective();
    }
    return trainingLoss[epochsDone];
  }

  /**
   * The training loss last computed, without computing anything (for progress reports): with mini-batches
   * the weighted mean of the objective over the last epoch's batches; with full batches J(θ) at the start of
   * the last epoch (the loss that epoch's step descended from).
   *
   * @return that loss, or NaN before the first epoch
   */
  public double latestLoss() {
    if (epochsDone == 0) {
      return trainingLossIsCurrent ? trainingLoss[0] : Double.NaN;
    }
    return batch != null || trainingLossIsCurrent ? trainingLoss[epochsDone] : trainingLoss[epochsDone - 1];
  }

  /** @return the held-out mean cross-entropy after the last epoch, or NaN without early stopping */
  public double latestValidationLoss() {
    return validation == null ? Double.NaN : validationLoss[epochsDone];
  }

  /** @return a network with the current weights (for predictions between epochs) */
  public Network currentNetwork() {
    return new Network(shape, params);
  }

  /**
   * @return the trained network (with early stopping, the weights of the best validation epoch) and its
   *         loss curves
   */
  public TrainingResult result() {
    currentLoss();
    boolean useBest = validation != null && bestEpoch < epochsDone;
    double[] kept = useBest ? bestParams : params;
    int keptEpoch = useBest ? bestEpoch : epochsDone;
    StopReason reason = stopReason != null ? stopReason : StopReason.EPOCHS;
    double[] validationCurve = validation == null ? null : Arrays.copyOf(validationLoss, epochsDone + 1);
    return new TrainingResult(new Network(shape, kept), Arrays.copyOf(trainingLoss, epochsDone + 1),
        validationCurve, epochsDone, keptEpoch, reason, learningRate, restarts, validationSkipped,
        train.numRows(), validation == null ? 0 : validation.numRows());
  }

  @Override
  public void close() {
    fullGradient.close();
    if (validationGradient != null) {
      validationGradient.close();
    }
    if (batchGradient != null) {
      batchGradient.close();
    }
  }
}
