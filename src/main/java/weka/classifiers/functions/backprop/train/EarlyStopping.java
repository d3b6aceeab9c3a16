package weka.classifiers.functions.backprop.train;

/**
 * Early stopping: after each epoch the mean cross-entropy on the held-out rows is computed; the weights of the
 * epoch with the lowest value are kept, and once {@code patience} epochs in a row bring no lower value the
 * patience has run out.
 */
final class EarlyStopping implements AutoCloseable {

  private final RowSums heldOut;
  private final GradientSums sums;
  private final int patience;
  private double bestLoss;
  private int bestEpoch;
  private double[] bestParams;
  private int epochsSinceBest;

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
   * Starts (again) from the initial weights: they are the best so far, at epoch 0.
   *
   * @param params θ_0 (copied)
   */
  void restart(double[] params) {
    bestLoss = Double.POSITIVE_INFINITY;
    bestEpoch = 0;
    bestParams = params.clone();
    epochsSinceBest = 0;
  }

  /**
   * Computes the held-out loss at θ, records it in the history and keeps θ if the loss is the lowest so far.
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

  /** @return the epoch with the lowest held-out loss so far */
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
