package weka.classifiers.functions.backprop.train;

import java.util.Random;

import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.StopReason;
import weka.classifiers.functions.backprop.TrainingResult;

/**
 * The loop over epochs of one training run, one epoch per {@link #epoch()} call, so that a run can be stepped
 * (Weka's iterative classifiers) or run to the end.
 *
 * <p>An epoch is what the configuration's {@link EpochUpdate} does: one step of the derivation's full-batch
 * gradient descent (or momentum, Nesterov, Adam) on J(θ) = (1/S) Σ s_k ℓ_k + (λ/2) Σ w², a pass of steps on
 * shuffled mini-batches of B rows, or one iteration of L-BFGS. The learning rate of epoch t is η / (1 + d·t).
 * Around the update the loop keeps:
 * <ul>
 *   <li>the {@link LossHistory} (the training and held-out loss after each epoch);</li>
 *   <li>{@link EarlyStopping}, when rows are held out: after each epoch the held-out loss is computed, training
 *       stops after {@code patience} epochs without a lower value, and the result keeps the best epoch's
 *       weights (never the random initial ones once an epoch has run). Data too small to split ({@link ValidationSplit}) trains on all rows without early stopping
 *       ({@link TrainingResult#validationSkipped()});</li>
 *   <li>the divergence guard: if a loss becomes NaN or infinite, training restarts from the initial weights with
 *       half the learning rate, at most {@link #MAX_RESTARTS} times; then {@link TrainingDivergedException}. (L-BFGS
 *       uses no learning rate and accepts finite losses only, so a non-finite J(θ_0) or held-out loss ends it at
 *       once.)</li>
 * </ul>
 *
 * <p>Where the rows are: {@link #withHeldOutRowsLast} holds them locally, in the split order of
 * {@link ValidationSplit#plan}; {@link #fullBatch} trains on any {@link RowSums} (e.g. rows spread over a cluster)
 * with the same full-batch code, so the same sums give the same network, bit for bit.
 *
 * <p>Initial weights: every non-bias weight is drawn uniformly from ±√(3 / fan-in) (variance 1 / fan-in,
 * fan-in = m + 1 for Θ and g + 1 for β) with {@link Random} seeded from the configuration; biases start at 0. The
 * same data and configuration give the same network, whatever the thread count.
 */
public final class Trainer implements AutoCloseable {

  /** How many times training restarts with a halved learning rate before it gives up. */
  public static final int MAX_RESTARTS = 10;

  private final TrainingConfig config;
  private final NetworkShape shape;
  private final RowSums train;
  private final long trainingRows;
  private final long validationRows;
  private final boolean validationSkipped;
  private final TrainingObjective objective;
  private final EpochUpdate update;
  private final LossHistory history;
  /** Null without held-out rows. */
  private final EarlyStopping earlyStopping;
  private final double[] initialParams;
  private final double[] params;
  private final double[] gradient;
  /** The threads and kernel buffers the run's local row sets share, or null (closed with the trainer). */
  private final GradientWorkers workers;

  /** True once {@link #startFrom} gave trained initial weights instead of the seeded random ones. */
  private boolean startsFromGivenWeights;
  private double learningRate;
  private int restarts;
  private int maxEpochs;
  private int epochsDone;
  private StopReason stopReason;

  /**
   * @param train the training rows' sums
   * @param validation the held-out rows' sums, or null
   * @param batchRows the matrix whose rows 0 … numBatchRows − 1 are the training rows, for mini-batches; null
   *        when the rows are known only through their sums
   * @param validationSkipped true if the configuration asks for held-out rows but there are none
   */
  Trainer(TrainingConfig config, NetworkShape shape, RowSums train, RowSums validation, DataMatrix batchRows,
      int numBatchRows, boolean validationSkipped) {
    this(config, shape, train, validation, batchRows, numBatchRows, 0, 0, validationSkipped, null);
  }

  /**
   * @param workers the threads and buffers shared by the row sets and the mini-batches, closed with the trainer;
   *        or null (the mini-batches then have their own)
   */
  private Trainer(TrainingConfig config, NetworkShape shape, RowSums train, RowSums validation, DataMatrix batchRows,
      int numBatchRows, int gapFrom, int gapLength, boolean validationSkipped, GradientWorkers workers) {
    this.workers = workers;
    this.config = config;
    this.shape = shape;
    this.train = train;
    this.trainingRows = rowCount(train);
    this.validationSkipped = validationSkipped;
    int n = shape.numParameters();
    this.earlyStopping = validation == null ? null : new EarlyStopping(validation, n, config.patience());
    this.validationRows = earlyStopping == null ? 0 : earlyStopping.numRows();
    this.initialParams = initialParameters(shape, config.seed());
    this.params = initialParams.clone();
    this.gradient = new double[n];
    this.history = new LossHistory(earlyStopping != null);
    this.objective = new TrainingObjective(shape, train, config.weightDecay());
    this.update = EpochUpdate.of(config, shape, objective, history, batchRows, numBatchRows, gapFrom, gapLength,
        workers);
    this.learningRate = config.learningRate();
    this.maxEpochs = config.epochs();
    start();
  }

  /**
   * Trains on rows held in this JVM, already in split order: rows 0 … t − 1 are the training rows and rows
   * t … n − 1 the held-out rows (t = n: none), e.g. built in the order of {@link ValidationSplit#plan}. Nothing is
   * copied, so the data is held once. With a batch size B between 1 and t − 1 the training rows are stepped on in
   * shuffled mini-batches, otherwise as one full batch.
   *
   * @param data the rows, training rows first (not modified)
   * @param numTrainRows t, 1 ≤ t ≤ n
   * @param config hyperparameters (read now; {@link #setMaxEpochs} changes the epoch limit later)
   * @return a trainer before its first epoch
   * @throws IllegalArgumentException if t is outside 1 … n
   */
  public static Trainer withHeldOutRowsLast(DataMatrix data, int numTrainRows, TrainingConfig config) {
    int n = data.numRows();
    if (numTrainRows < 1 || numTrainRows > n) {
      throw new IllegalArgumentException("the training rows must be 1 to " + n + ", got " + numTrainRows);
    }
    NetworkShape shape = NetworkShape.forClasses(data.numInputs(), config.numHidden(),
        data.numClasses(), config.activation(), config.kernels());
    // one set of threads and kernel buffers for the training rows, the held-out rows and the mini-batches
    GradientWorkers workers = new GradientWorkers(shape, config.numThreads());
    return new Trainer(config, shape, new LocalRowSums(data, 0, numTrainRows, workers),
        numTrainRows < n ? new LocalRowSums(data, numTrainRows, n, workers) : null, data, numTrainRows, 0, 0,
        config.validationFraction() > 0 && numTrainRows == n, workers);
  }

  /**
   * Trains on all rows of a matrix held in this JVM but one range, which is left out (the held-out fold of
   * cross-validation, in a matrix sorted by fold): the training rows are 0 … a − 1 and b … n − 1, without a copy and
   * without early stopping (the caller scores the rows left out). Mini-batches are drawn from the training rows as
   * {@link #withHeldOutRowsLast} draws them from rows 0 … t − 1.
   *
   * @param data the rows (not modified)
   * @param gapFrom a, the first row left out
   * @param gapTo b, the first row after those left out; 0 ≤ a &lt; b ≤ n, and some row is left to train on
   * @param config hyperparameters; the validation fraction must be 0
   * @return a trainer before its first epoch
   * @throws IllegalArgumentException if the range is not one, or leaves no training row
   */
  public static Trainer leavingOut(DataMatrix data, int gapFrom, int gapTo, TrainingConfig config) {
    if (config.validationFraction() > 0) {
      throw new IllegalArgumentException("a trainer that leaves rows out has no early stopping: the validation "
          + "fraction must be 0, got " + config.validationFraction());
    }
    NetworkShape shape = NetworkShape.forClasses(data.numInputs(), config.numHidden(),
        data.numClasses(), config.activation(), config.kernels());
    GradientWorkers workers = new GradientWorkers(shape, config.numThreads());
    RowSums train;
    try {
      train = new GapRowSums(data, gapFrom, gapTo, workers, shape.numParameters());
    } catch (IllegalArgumentException e) {
      workers.close();
      throw e;
    }
    return new Trainer(config, shape, train, null, data, data.numRows() - (gapTo - gapFrom), gapFrom,
        gapTo - gapFrom, false, workers);
  }

  /**
   * Full-batch training on rows that compute their own sums, wherever they are: the update, the divergence guard
   * and early stopping run exactly as in {@link #withHeldOutRowsLast} with batch size 0, so sums equal to those of
   * the local rows give the same network, bit for bit. The trainer closes the sources in {@link #close()}.
   *
   * @param shape the architecture; its hidden units, activation and kernels must be the configuration's
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
    if (shape.numHidden() != config.numHidden() || shape.activation() != config.activation()
        || shape.kernels() != config.kernels()) {
      throw new IllegalArgumentException("the shape " + shape + " (" + shape.kernels().optionName()
          + " kernels) does not match the configuration's " + config.numHidden() + " "
          + config.activation().optionName() + " hidden units (" + config.kernels().optionName() + " kernels)");
    }
    if (train == null) {
      throw new IllegalArgumentException("no training rows");
    }
    return new Trainer(config, shape, train, validation, null, 0, 0, 0,
        config.validationFraction() > 0 && validation == null, null);
  }

  /** @return the number of rows, at least 1 */
  static long rowCount(RowSums rows) {
    long n = rows.numRows();
    if (n < 1) {
      throw new IllegalArgumentException("need at least 1 row, got " + n);
    }
    return n;
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
   * Starts from the given weights instead of the seeded random ones: incremental training continues each
   * buffer of a stream from the weights the previous buffer left. Everything else stays as it is: the batch order
   * comes from the seed, the update rule starts afresh, and the divergence guard restarts from these weights.
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
    startsFromGivenWeights = true;
    start();
    return this;
  }

  /** (Re)starts from the initial weights with the current learning rate. */
  private void start() {
    System.arraycopy(initialParams, 0, params, 0, params.length);
    update.restart();
    objective.restart();
    history.restart();
    epochsDone = 0;
    stopReason = null;
    if (earlyStopping != null) {
      earlyStopping.restart(params, startsFromGivenWeights);
    }
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
    if (epochsDone == 0 && earlyStopping != null) {
      earlyStopping.observe(0, params, history); // a non-finite held-out loss at θ_0 is not recorded
    }
    boolean finite;
    try {
      finite = updateAndObserve();
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

  /**
   * One epoch of the update, then the held-out loss.
   *
   * @return false if a loss was not finite
   */
  private boolean updateAndObserve() {
    EpochUpdate.Outcome outcome = update.run(params, epochsDone, learningRate);
    switch (outcome) {
      case NOT_FINITE:
        return false;
      case STUCK:
        stopReason = StopReason.CONVERGED;
        return true;
      default:
        epochsDone++;
        if (outcome == EpochUpdate.Outcome.CONVERGED) {
          stopReason = StopReason.CONVERGED;
        }
        if (earlyStopping == null) {
          return true;
        }
        if (!earlyStopping.observe(epochsDone, params, history)) {
          return false;
        }
        if (earlyStopping.patienceRanOut()) {
          stopReason = StopReason.EARLY_STOPPING;
        }
        return true;
    }
  }

  private void restartWithHalfRate() {
    if (!update.usesLearningRate()) {
      // L-BFGS (its line search already shrinks steps that give NaN or ∞): a restart would replay the same run,
      // so the loss is non-finite at the start or on the held-out rows
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

  /** @return the learning rate in use (η, halved once per restart) */
  public double learningRate() {
    return learningRate;
  }

  /** @return true if early stopping was asked for but there were no held-out rows */
  boolean validationSkipped() {
    return validationSkipped;
  }

  /** @return the architecture being trained */
  public NetworkShape shape() {
    return shape;
  }

  /**
   * @return the training objective at the current weights (computed if not yet known; with mini-batches after
   *         the first epoch, the mean over the last epoch's batches)
   */
  double currentLoss() {
    if (history.latestTrainingEpoch() != epochsDone) {
      history.recordTraining(epochsDone, objective.valueAndGradient(params, gradient));
    }
    return history.latestTraining();
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
    return history.latestTraining();
  }

  /** @return the held-out mean cross-entropy after the last epoch, or NaN without early stopping */
  public double latestValidationLoss() {
    return history.validation(epochsDone);
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
    boolean useBest = earlyStopping != null && earlyStopping.bestEpoch() < epochsDone;
    double[] kept = useBest ? earlyStopping.bestParams() : params;
    int keptEpoch = useBest ? earlyStopping.bestEpoch() : epochsDone;
    StopReason reason = stopReason != null ? stopReason : StopReason.EPOCHS;
    return new TrainingResult(new Network(shape, kept), history.trainingCurve(epochsDone),
        history.validationCurve(epochsDone), epochsDone, keptEpoch, reason, learningRate, restarts,
        validationSkipped, trainingRows, validationRows, objective.evaluations());
  }

  /** @return the kernel buffers the run has made so far (one per thread at most), 0 for rows known by their sums */
  int numKernelBuffers() {
    return workers == null ? 0 : workers.numAccumulators();
  }

  @Override
  public void close() {
    train.close();
    if (earlyStopping != null) {
      earlyStopping.close();
    }
    update.close();
    if (workers != null) {
      workers.close();
    }
  }
}
