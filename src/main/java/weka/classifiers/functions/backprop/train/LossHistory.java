package weka.classifiers.functions.backprop.train;

import java.util.Arrays;

/**
 * The loss curves of a training run: entry e of each is the loss after e epochs (entry 0: at the initial
 * weights). The training curve holds J(θ_e) where the run computed it over all training rows, and, with
 * mini-batches, the weighted mean of the batch objectives of epoch e; the held-out curve holds the mean
 * cross-entropy on the held-out rows.
 *
 * <p>It also knows which training loss was recorded last since the run (re)started, so that the trainer can
 * report it without computing anything, and tell whether the loss at the current weights is known.
 */
final class LossHistory {

  private double[] training = new double[16];
  /** Null without held-out rows. */
  private double[] validation;
  private int latestTraining = -1;

  /**
   * @param withValidation true if the run holds rows out for early stopping
   */
  LossHistory(boolean withValidation) {
    this.validation = withValidation ? new double[16] : null;
  }

  /** Forgets which training loss was recorded last: the run starts again from the initial weights. */
  void restart() {
    latestTraining = -1;
  }

  /**
   * @param epoch e, the epochs the loss is after
   * @param loss the training objective there (NaN or infinite allowed: the trainer then restarts)
   */
  void recordTraining(int epoch, double loss) {
    training = room(training, epoch);
    training[epoch] = loss;
    latestTraining = epoch;
  }

  /** @return the epoch of the training loss recorded last since the (re)start, or −1 if none */
  int latestTrainingEpoch() {
    return latestTraining;
  }

  /** @return the training loss recorded last since the (re)start, or NaN if none */
  double latestTraining() {
    return latestTraining < 0 ? Double.NaN : training[latestTraining];
  }

  /**
   * @param epoch e
   * @param loss the held-out loss after e epochs, finite
   */
  void recordValidation(int epoch, double loss) {
    validation = room(validation, epoch);
    validation[epoch] = loss;
  }

  /**
   * @param epoch e
   * @return the held-out loss recorded for e epochs (0 if none was), or NaN without held-out rows
   */
  double validation(int epoch) {
    return validation == null ? Double.NaN : validation[epoch];
  }

  /**
   * @param epochs the epochs run
   * @return the training curve, entries 0 … epochs (a copy)
   */
  double[] trainingCurve(int epochs) {
    return Arrays.copyOf(training, epochs + 1);
  }

  /**
   * @param epochs the epochs run
   * @return the held-out curve, entries 0 … epochs (a copy), or null without held-out rows
   */
  double[] validationCurve(int epochs) {
    return validation == null ? null : Arrays.copyOf(validation, epochs + 1);
  }

  private static double[] room(double[] curve, int index) {
    return index < curve.length ? curve : Arrays.copyOf(curve, Math.max(index + 1, 2 * curve.length));
  }
}
