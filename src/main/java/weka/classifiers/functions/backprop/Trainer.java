package weka.classifiers.functions.backprop;

import weka.classifiers.functions.backprop.train.TrainingConfig;
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
 * <p>L-BFGS ({@link UpdateRule#LBFGS}, full batch only): an epoch is one iteration of {@link Lbfgs}, whose
 * line search evaluates J and ∇J as often as it needs (counted in {@link TrainingResult#functionEvaluations()});
 * the learning rate is not used. Training stops with {@link StopReason#CONVERGED} when the gradient vanishes or
 * no step lowers J.
 *
 * <p>Where the rows are: {@link #Trainer(DataMatrix, TrainingConfig)} holds them locally and makes the
 * validation split itself; {@link #fullBatch} trains on any {@link RowSums} (e.g. rows spread over a cluster)
 * with the same full-batch code, so the same sums give the same network, bit for bit.
 *
 * <p>Divergence guard: if a loss becomes NaN or infinite, training restarts from the initial weights with
 * half the learning rate, at most {@link #MAX_RESTARTS} times; then {@link TrainingDivergedException}. (L-BFGS
 * accepts finite losses only, so only a non-finite J(θ_0) or validation loss restarts it, and as it uses no
 * learning rate the restarts repeat the same run.)
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
  private final RowSums train;
  private final RowSums validation;
  private final boolean validationSkipped;
  private final long trainingRows;
  private final long validationRows;
  private final double[] initialParams;
  private final double[] params;
  private final double[] gradient;
  private final GradientSums sums;
  private final GradientSums validationSums;
  /** Mini-batches only (local rows): the rows, their shuffled order, the batch buffer and its gradient. */
  private final DataMatrix trainRows;
  private final int[] order;
  private final DataMatrix batch;
  private final BatchGradient batchGradient;
  /** The step rule, or null for L-BFGS. */
  private final Optimizer optimizer;
  /** L-BFGS, or null for a step rule. */
  private final Lbfgs lbfgs;

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
  private boolean lbfgsStarted;
  private int functionEvaluations;

  /**
   * Trains on rows held in this JVM: holds out the validation rows ({@link ValidationSplit#of}) and, with a
   * batch size &gt; 0, steps on shuffled mini-batches.
   *
   * @param data the training rows (not modified)
   * @param config hyperparameters (read now; {@link #setMaxEpochs} changes the epoch limit later)
   * @throws IllegalArgumentException for L-BFGS with a batch size &gt; 0
   */
  public Trainer(DataMatrix data, TrainingConfig config) {
    this(checkRuleAndBatchSize(config), shapeFor(data, config), data, ValidationSplit.of(data, config));
  }

  private Trainer(TrainingConfig config, NetworkShape shape, DataMatrix data, ValidationSplit split) {
    this(config, shape, split == null ? data : split.train(),
        new LocalRowSums(shape, split == null ? data : split.train(), config.numThreads()),
        split == null ? null : new LocalRowSums(shape, split.validation(), config.numThreads()),
        config.validationFraction() > 0 && split == null);
  }

  /**
   * Trains on rows held in this JVM that are already in split order: rows 0 … t − 1 are the training rows and
   * rows t … n − 1 the held-out rows (t = n: none), e.g. built in the order of {@link ValidationSplit#plan}.
   * Nothing is copied, so the data is held once; with the rows of {@link ValidationSplit#plan} in that order
   * the network is bit-identical to {@link #Trainer(DataMatrix, TrainingConfig)}'s on the unsplit rows.
   *
   * @param data the rows, training rows first (not modified)
   * @param numTrainRows t, 1 ≤ t ≤ n
   * @param config hyperparameters
   * @return a trainer before its first epoch
   * @throws IllegalArgumentException for L-BFGS with a batch size &gt; 0, or t outside 1 … n
   */
  public static Trainer withHeldOutRowsLast(DataMatrix data, int numTrainRows, TrainingConfig config) {
    checkRuleAndBatchSize(config);
    int n = data.numRows();
    if (numTrainRows < 1 || numTrainRows > n) {
      throw new IllegalArgumentException("the training rows must be 1 to " + n + ", got " + numTrainRows);
    }
    NetworkShape shape = shapeFor(data, config);
    int threads = config.numThreads();
    return new Trainer(config, shape, data, numTrainRows, new LocalRowSums(shape, data, 0, numTrainRows, threads),
        numTrainRows < n ? new LocalRowSums(shape, data, numTrainRows, n, threads) : null,
        config.validationFraction() > 0 && numTrainRows == n);
  }

  private Trainer(TrainingConfig config, NetworkShape shape, DataMatrix trainRows, RowSums train,
      RowSums validation, boolean validationSkipped) {
    this(config, shape, trainRows, trainRows == null ? 0 : trainRows.numRows(), train, validation,
        validationSkipped);
  }

  /** @param numBatchRows the training rows are rows 0 … numBatchRows − 1 of trainRows (for mini-batches) */
  private Trainer(TrainingConfig config, NetworkShape shape, DataMatrix trainRows, int numBatchRows, RowSums train,
      RowSums validation, boolean validationSkipped) {
    this.config = config;
    this.shape = shape;
    this.train = train;
    this.validation = validation;
    this.validationSkipped = validationSkipped;
    this.trainingRows = rowCount(train);
    this.validationRows = validation == null ? 0 : rowCount(validation);
    this.initialParams = initialParameters(shape, config.seed());
    this.params = initialParams.clone();
    this.gradient = new double[shape.numParameters()];
    this.sums = new GradientSums(shape.numParameters());
    if (validation != null) {
      this.validationSums = new GradientSums(shape.numParameters());
      this.validationLoss = new double[16];
    } else {
      this.validationSums = null;
    }
    int batchSize = config.batchSize();
    if (trainRows != null && batchSize > 0 && batchSize < numBatchRows) {
      this.trainRows = trainRows;
      this.order = new int[numBatchRows];
      this.batch = DataMatrix.batchBuffer(batchSize, trainRows);
      this.batchGradient = new BatchGradient(shape, batch, config.numThreads());
    } else {
      this.trainRows = null;
      this.order = null;
      this.batch = null;
      this.batchGradient = null;
    }
    UpdateRule rule = config.updateRule();
    this.optimizer = rule.isFullBatchOnly() ? null
        : rule.create(shape.numParameters(), config.learningRate(), config.momentum());
    this.lbfgs = rule == UpdateRule.LBFGS ? new Lbfgs(shape.numParameters(), this::lbfgsObjective) : null;
    this.learningRate = config.learningRate();
    this.maxEpochs = config.epochs();
    start();
  }

  /**
   * Full-batch training on rows that compute their own sums, wherever they are: the optimizer, the
   * divergence guard and early stopping run exactly as in {@link #Trainer(DataMatrix, TrainingConfig)} with
   * batch size 0, so sums equal to those of the local rows give the same network, bit for bit. The trainer
   * closes the sources in {@link #close()}.
   *
   * @param shape the architecture; its hidden units and activation must be the configuration's
   * @param train the training rows
   * @param validation the held-out rows for early stopping, or null for none (if the configuration has a
   *        validation fraction &gt; 0, the result then says that early stopping was skipped, as for data too
   *        small to split)
   * @param config hyperparameters, with batch size 0
   * @return a trainer before its first epoch
   * @throws IllegalArgumentException if the batch size is not 0 or the shape does not match the
   *         configuration (the sources are then not closed)
   */
  public static Trainer fullBatch(NetworkShape shape, RowSums train, RowSums validation, TrainingConfig config) {
    if (config.batchSize() > 0) {
      throw new IllegalArgumentException("training from row sums is full batch only: the batch size must be 0, "
          + "got " + config.batchSize());
    }
    if (shape.numHidden() != config.numHidden() || shape.activation() != config.activation()) {
      throw new IllegalArgumentException("the shape " + shape + " does not match the configuration's "
          + config.numHidden() + " " + config.activation().optionName() + " hidden units");
    }
    if (train == null) {
      throw new IllegalArgumentException("no training rows");
    }
    return new Trainer(config, shape, null, train, validation,
        config.validationFraction() > 0 && validation == null);
  }

  private static TrainingConfig checkRuleAndBatchSize(TrainingConfig config) {
    if (config.updateRule().isFullBatchOnly() && config.batchSize() > 0) {
      throw new IllegalArgumentException(config.updateRule().optionName() + " trains on full batches: the batch "
          + "size must be 0, got " + config.batchSize());
    }
    return config;
  }

  private static NetworkShape shapeFor(DataMatrix data, TrainingConfig config) {
    return new NetworkShape(data.numInputs(), config.numHidden(), NetworkShape.outputsForClasses(data.numClasses()),
        config.activation());
  }

  /** @return the number of rows, at least 1 */
  private static long rowCount(RowSums rows) {
    long n = rows.numRows();
    if (n < 1) {
      throw new IllegalArgumentException("need at least 1 row, got " + n);
    }
    return n;
  }

  /** (Re)starts from the initial weights with the current learning rate. */
  private void start() {
    System.arraycopy(initialParams, 0, params, 0, params.length);
    if (optimizer != null) {
      optimizer.reset();
    }
    lbfgsStarted = false;
    functionEvaluations = 0;
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
   * Starts from the given weights instead of the seeded random ones: incremental training continues each
   * buffer of a stream from the weights the previous buffer left. Works with every way of making a trainer.
   * Everything else stays as it is: the validation split and the batch order come from the seed, the optimizer
   * starts afresh, and the divergence guard restarts from these weights.
   *
   * @param initialParams the starting parameters, in the layout of {@link #shape()} (copied)
   * @return this trainer
   * @throws IllegalArgumentException if initialParams does not have the shape's number of parameters
   * @throws IllegalStateException if an epoch has already run
   */
  public Trainer startFrom(double[] initialParams) {
    if (initialParams.length != this.initialParams.length) {
      throw new IllegalArgumentException(initialParams.length + " initial parameters for a network that has "
          + this.initialParams.length + " (" + shape.numInputs() + " inputs, " + shape.numHidden()
          + " hidden units, " + shape.numOutputs() + " outputs)");
    }
    if (epochsDone > 0 || restarts > 0) {
      throw new IllegalStateException("the starting weights can only be set before the first epoch");
    }
    System.arraycopy(initialParams, 0, this.initialParams, 0, initialParams.length);
    start();
    return this;
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
   * @return true if an epoch was run (or, with L-BFGS, tried: when no step lowers J, training ends with
   *         {@link StopReason#CONVERGED} and the epoch count stays), false if training had already finished
   *         (all epochs run, stopped early, or converged)
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
    boolean finite;
    try {
      finite = lbfgs != null ? lbfgsIteration() : stepEpoch();
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

  /** A step rule's epoch: one full-batch step or one pass of mini-batch steps, then the validation loss. */
  private boolean stepEpoch() {
    // a huge decay makes η / (1 + d t) underflow to 0, which no optimizer takes: keep the smallest positive rate
    double rate = learningRate / (1.0 + config.learningRateDecay() * epochsDone);
    optimizer.setLearningRate(Math.max(Double.MIN_VALUE, rate));
    boolean finite = batch == null ? fullBatchStep() : miniBatchEpoch();
    if (!finite) {
      return false;
    }
    epochsDone++;
    trainingLossIsCurrent = false;
    return validation == null || recordValidation();
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

  /**
   * L-BFGS: one iteration from θ_e to θ_{e+1}, recording J(θ_{e+1}) (known from the line search) and the
   * validation loss; at the first epoch it first evaluates J(θ_0).
   *
   * @return false if a loss is not finite (J(θ_0) or the validation loss; the line search accepts finite
   *         values only)
   */
  private boolean lbfgsIteration() {
    if (!lbfgsStarted) {
      double loss = lbfgs.start(params);
      record(epochsDone, loss);
      trainingLossIsCurrent = true;
      if (!isFinite(loss)) {
        return false;
      }
      lbfgsStarted = true;
    }
    if (!lbfgs.iterate()) {
      stopReason = StopReason.CONVERGED;
      return true;
    }
    lbfgs.copyPosition(params);
    epochsDone++;
    record(epochsDone, lbfgs.value());
    trainingLossIsCurrent = true;
    if (lbfgs.converged()) {
      stopReason = StopReason.CONVERGED;
    }
    return validation == null || recordValidation();
  }

  /** J and ∇J for L-BFGS's line search, which may evaluate many times per epoch: checks for interruption. */
  private double lbfgsObjective(double[] theta, double[] gradientOut) {
    if (Thread.currentThread().isInterrupted()) {
      throw new TrainingInterruptedException(epochsDone);
    }
    return objective(theta, gradientOut);
  }

  /**
   * The training objective over all training rows:
   * J(θ) = L / S + (λ/2) Σ w², ∇J(θ) = G / S + λw, from the sums G, L, S of {@link RowSums}.
   *
   * @param theta θ (not modified)
   * @param gradientOut receives ∇J(θ)
   * @return J(θ)
   */
  private double objective(double[] theta, double[] gradientOut) {
    train.sums(theta, sums);
    functionEvaluations++;
    sums.meanGradient(gradientOut);
    return sums.meanLoss() + WeightDecay.apply(shape, theta, config.weightDecay(), gradientOut);
  }

  /** Mini-batches: shuffle, then one step per batch; records the weighted mean of the batch objectives. */
  private boolean miniBatchEpoch() {
    if (epochsDone == 0 && !trainingLossIsCurrent) {
      if (!isFinite(evaluateTrainingObjective())) {
        return false;
      }
    }
    int n = order.length;
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
      batch.gather(trainRows, order, from, rows);
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
    double loss = objective(params, gradient);
    record(epochsDone, loss);
    trainingLossIsCurrent = true;
    return loss;
  }

  /** Records the held-out loss at the current weights; returns false if it is not finite. */
  private boolean recordValidation() {
    validation.sums(params, validationSums);
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
    if (lbfgs != null) {
      // L-BFGS uses no learning rate (its line search already shrinks steps that give NaN or ∞): a restart would
      // replay the same run, so the loss is non-finite at the start or on the held-out rows
      throw new TrainingDivergedException("training diverged: the loss is NaN or infinite where L-BFGS cannot "
          + "step away from it (at the initial weights or on the held-out rows)");
    }
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

  /** @return true when no further epoch will run: all epochs run, stopped early, or converged (L-BFGS) */
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

  /** @return evaluations of J and ∇J over all training rows since the last restart */
  public int functionEvaluations() {
    return functionEvaluations;
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
   * the weighted mean of the objective over the last epoch's batches; with full-batch step rules J(θ) at the
   * start of the last epoch (the loss that epoch's step descended from); with L-BFGS J(θ) after the last
   * epoch (its line search computed it).
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
        trainingRows, validationRows, functionEvaluations);
  }

  @Override
  public void close() {
    train.close();
    if (validation != null) {
      validation.close();
    }
    if (batchGradient != null) {
      batchGradient.close();
    }
  }
}
