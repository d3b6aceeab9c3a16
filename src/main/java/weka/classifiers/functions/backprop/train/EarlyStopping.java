package weka.classifiers.functions.backprop.train;

/**
 * Early stopping: after each epoch the mean cross-entropy on the held-out rows is computed; the weights of the
 * trained epoch (1, 2, …) with the lowest value are kept, and once {@code patience} epochs in a row bring no lower
 * value the patience has run out.
 *
 * <p>Random initial weights (epoch 0) are never kept once an epoch has run, even when their held-out loss is the
 * lowest: keeping them predicts noise (on very wide data, e.g. 2,000 attributes × 100 rows, the first steps overfit
 * at once and the random network's loss of about log 2 stayed the lowest: 42 % training accuracy on two balanced
 * classes). Their loss is recorded, and the model text says when it was the lowest. Initial weights that were
 * trained before (the next buffer of a stream continues the previous one's) are a network like any other, and are
 * kept when their held-out loss is the lowest.
 */
final class EarlyStopping implements AutoCloseable {

  private final RowSums heldOut;
  private final GradientSums sums;
  private final int patience;
  private double bestLoss;
  private int bestEpoch;
  private double[] bestParams;
  private int epochsSinceBest;
  /** True if the initial weights may be kept (they were trained before), false if they are random. */
  private boolean initialKeepable;

  /**
   * @param heldOut the held-out rows (closed by {@link #close()})
   * @param numParameters the length of θ
   * @param patience epochs without a lower held-out loss before the patience runs out, &ge; 1
   */
  EarlyStopping(RowSums heldOut, int numParameters, int patience) {
    this.heldOut = heldOut;
    this.sums = new GradientSums(numParameters);
    this.patience = patience;
  }

  /** @return the number of held-out rows, at least 1 */
  long numRows() {
    return Trainer.rowCount(heldOut);
  }

  /**
   * Starts (again) from the initial weights: they are what is kept until an epoch has run.
   *
   * @param params θ_0 (copied)
   * @param trained true if θ_0 was trained before (then it is kept if its held-out loss stays the lowest), false if
   *     it is random
   */
  void restart(double[] params, boolean trained) {
    initialKeepable = trained;
    bestLoss = Double.POSITIVE_INFINITY;
    bestEpoch = 0;
    bestParams = params.clone();
    epochsSinceBest = 0;
  }

  /**
   * Computes the held-out loss at θ, records it in the history and, after a trained epoch (e ≥ 1), keeps θ if the
   * loss is the lowest of the trained epochs so far.
   *
   * @param epoch e, the epochs θ is after
   * @param params θ_e (not modified)
   * @param history receives the held-out loss
   * @return false if the loss is NaN or infinite (then nothing is recorded or kept)
   */
  boolean observe(int epoch, double[] params, LossHistory history) {
    heldOut.sums(params, sums);
    double loss = sums.meanLoss();
    if (!(loss > Double.NEGATIVE_INFINITY && loss < Double.POSITIVE_INFINITY)) {
      return false;
    }
    history.recordValidation(epoch, loss);
    if (epoch == 0 && !initialKeepable) {
      return true; // recorded, never kept: the random initial weights
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      bestEpoch = epoch;
      System.arraycopy(params, 0, bestParams, 0, params.length);
      epochsSinceBest = 0;
    } else {
      epochsSinceBest++;
    }
    return true;
  }

  /** @return true if the last {@code patience} observations brought no lower held-out loss */
  boolean patienceRanOut() {
    return epochsSinceBest >= patience;
  }

  /** @return the trained epoch with the lowest held-out loss so far, 0 before the first */
  int bestEpoch() {
    return bestEpoch;
  }

  /** @return the weights of that epoch (not a copy) */
  double[] bestParams() {
    return bestParams;
  }

  @Override
  public void close() {
    heldOut.close();
  }
}
