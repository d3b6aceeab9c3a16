package weka.classifiers.functions.backprop.train;

import java.util.Random;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.optim.Optimizer;

/**
 * An epoch of mini-batch training: the training rows are shuffled (a {@link Random} seeded {@code seed + 2},
 * drawn on from epoch to epoch), then each run of B rows gives one step of the step rule on that batch's
 * J = L_B / S_B + (λ/2) Σ w². The loss recorded after the epoch is the weighted mean of the batch objectives
 * (batches of zero total weight are skipped); before the first epoch J(θ_0) is computed over all rows.
 *
 * <p>A batch is the shuffled order's positions from … from + B − 1: the kernel reads the rows those positions name
 * where they are (no copy of the batch, and the matrix, which other trainers may share, is never written), as one
 * chunk ({@link BatchGradient#MIN_SHARED_ROWS}): by the calling thread alone, or with two threads and enough hidden
 * units by the calling thread and a helper split by hidden units, with the same bits.
 */
final class MiniBatchUpdate implements EpochUpdate {

  private final NetworkShape shape;
  private final Optimizer step;
  private final double decay;
  private final double weightDecay;
  private final int batchSize;
  private final long seed;
  private final TrainingObjective objective;
  private final LossHistory history;
  /**
   * The training rows are rows 0 … order.length − 1 of this matrix, except that the {@link #gapLength} rows from
   * {@link #gapFrom} on are skipped (the rows after them take their places).
   */
  private final DataMatrix rows;
  private final int gapFrom;
  private final int gapLength;
  private final int[] order;
  private final BatchGradient batchGradient;
  private final GradientSums sums;
  private final double[] gradient;
  private Random shuffle;

  /**
   * @param config batch size, decay, weight decay, seed and threads
   * @param shape the architecture
   * @param step the step rule
   * @param objective J over all training rows (for J(θ_0))
   * @param history receives the losses
   * @param rows the matrix holding the training rows first (not modified)
   * @param numRows the number of training rows, more than the batch size
   * @param gapFrom the first row left out (a held-out fold), or 0
   * @param gapLength the rows left out from gapFrom on, 0 for none
   * @param workers the run's threads and kernel buffers, or null for the batches' own
   */
  MiniBatchUpdate(TrainingConfig config, NetworkShape shape, Optimizer step, TrainingObjective objective,
      LossHistory history, DataMatrix rows, int numRows, int gapFrom, int gapLength, GradientWorkers workers) {
    this.shape = shape;
    this.step = step;
    this.decay = config.learningRateDecay();
    this.weightDecay = config.weightDecay();
    this.batchSize = config.batchSize();
    this.seed = config.seed();
    this.objective = objective;
    this.history = history;
    this.rows = rows;
    this.gapFrom = gapFrom;
    this.gapLength = gapLength;
    this.order = new int[numRows];
    this.batchGradient = workers == null ? new BatchGradient(shape, rows, config.numThreads())
        : new BatchGradient(rows, workers);
    this.sums = new GradientSums(shape.numParameters());
    this.gradient = new double[shape.numParameters()];
  }

  @Override
  public Outcome run(double[] theta, int epoch, double learningRate) {
    step.setLearningRate(EpochUpdate.scheduled(learningRate, decay, epoch));
    if (epoch == 0 && history.latestTrainingEpoch() < 0) {
      double loss = objective.valueAndGradient(theta, gradient);
      history.recordTraining(0, loss);
      if (!EpochUpdate.isFinite(loss)) {
        return Outcome.NOT_FINITE;
      }
    }
    shuffleOrder();
    int n = order.length;
    double lossSum = 0.0;
    double weightSum = 0.0;
    for (int from = 0; from < n; from += batchSize) {
      if (Thread.currentThread().isInterrupted()) {
        Thread.interrupted();
        throw new TrainingInterruptedException(epoch);
      }
      int count = Math.min(batchSize, n - from);
      batchGradient.sums(theta, order, from, from + count, sums);
      if (sums.weight() <= 0) {
        continue;
      }
      sums.meanGradient(gradient);
      double loss = sums.meanLoss() + WeightDecay.apply(shape, theta, weightDecay, gradient);
      if (!EpochUpdate.isFinite(loss)) {
        return Outcome.NOT_FINITE;
      }
      lossSum += loss * sums.weight();
      weightSum += sums.weight();
      step.step(theta, gradient);
    }
    history.recordTraining(epoch + 1, lossSum / weightSum);
    return Outcome.MOVED;
  }

  /** A Fisher–Yates shuffle of the n training rows' indices (0 … n − 1, past the rows left out) into {@link #order}. */
  private void shuffleOrder() {
    int n = order.length;
    for (int k = 0; k < n; k++) {
      order[k] = k < gapFrom ? k : k + gapLength;
    }
    for (int k = n - 1; k > 0; k--) {
      int j = shuffle.nextInt(k + 1);
      int swap = order[k];
      order[k] = order[j];
      order[j] = swap;
    }
  }

  @Override
  public void restart() {
    step.reset();
    shuffle = new Random(seed + 2);
  }

  @Override
  public boolean usesLearningRate() {
    return true;
  }

  @Override
  public void close() {
    batchGradient.close();
  }
}
