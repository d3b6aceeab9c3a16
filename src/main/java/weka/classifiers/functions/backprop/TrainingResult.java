package weka.classifiers.functions.backprop;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** A trained network with its loss curves and how training went, as a model saves it. */
public final class TrainingResult implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final double[] lossHistory;
  private final double[] validationHistory;
  private final int epochs;
  private final int keptEpoch;
  private final StopReason stopReason;
  private final double learningRate;
  private final int restarts;
  private final boolean validationSkipped;
  /** The row counts as models saved by 1.0.x hold them (capped at Integer.MAX_VALUE since 1.1). */
  private final int trainingRows;
  private final int validationRows;
  /** The row counts, for any size (added in 1.1; 0 in a model saved before, whose int counts are exact). */
  private final long trainingRowCount;
  private final long validationRowCount;
  /** Added after 1.0.0: models saved by 1.0.0 read it as 0. */
  private final int functionEvaluations;
  /** {@link Checksum} of the histories and counts; {@link Checksum#NONE} in models saved before it was kept. */
  private final long checksum;

  /**
   * @param network the network kept
   * @param lossHistory training objective after 0 … epochs epochs
   * @param validationHistory held-out loss after 0 … epochs epochs, or null without early stopping
   * @param epochs epochs run
   * @param keptEpoch the epoch whose weights the network has
   * @param stopReason why training ended
   * @param learningRate the learning rate finally used (after any halving)
   * @param restarts restarts with a halved learning rate
   * @param validationSkipped true if early stopping was asked for but the data was too small to split
   * @param trainingRows rows trained on
   * @param validationRows rows held out
   * @param functionEvaluations evaluations of J and ∇J over all training rows (since the last restart)
   */
  public TrainingResult(Network network, double[] lossHistory, double[] validationHistory, int epochs,
      int keptEpoch, StopReason stopReason, double learningRate, int restarts, boolean validationSkipped,
      long trainingRows, long validationRows, int functionEvaluations) {
    this.network = network;
    this.lossHistory = lossHistory.clone();
    this.validationHistory = validationHistory == null ? null : validationHistory.clone();
    this.epochs = epochs;
    this.keptEpoch = keptEpoch;
    this.stopReason = stopReason;
    this.learningRate = learningRate;
    this.restarts = restarts;
    this.validationSkipped = validationSkipped;
    this.trainingRows = (int) Math.min(Integer.MAX_VALUE, trainingRows);
    this.validationRows = (int) Math.min(Integer.MAX_VALUE, validationRows);
    this.trainingRowCount = trainingRows;
    this.validationRowCount = validationRows;
    this.functionEvaluations = functionEvaluations;
    this.checksum = checksum();
  }

  private long checksum() {
    return new Checksum().add(lossHistory).add(validationHistory).add((long) epochs).add((long) keptEpoch)
        .add((long) (stopReason == null ? -1 : stopReason.ordinal())).add(learningRate).add((long) restarts)
        .add(validationSkipped ? 1L : 0L).add(trainingRowCount).add(validationRowCount).add((long) functionEvaluations)
        .value();
  }

  /**
   * A loaded result is checked before it is used: a network, a history for every epoch it reports, a kept epoch
   * among those run, and a checksum that matches.
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (network == null || lossHistory == null || lossHistory.length == 0 || stopReason == null) {
      throw new InvalidObjectException("the training result has no " + (network == null ? "network"
          : stopReason == null ? "stop reason" : "loss history"));
    }
    if (epochs < 0 || keptEpoch < 0 || keptEpoch > epochs) {
      throw new InvalidObjectException("the kept epoch " + keptEpoch + " is not one of the " + epochs
          + " epochs run");
    }
    if (validationHistory != null && validationHistory.length <= keptEpoch) {
      throw new InvalidObjectException("the validation history has " + validationHistory.length + " values, too "
          + "few for the kept epoch " + keptEpoch);
    }
    if (restarts < 0 || trainingRows < 0 || validationRows < 0 || trainingRowCount < 0 || validationRowCount < 0
        || functionEvaluations < 0) {
      throw new InvalidObjectException("the training result has a negative count");
    }
    if (checksum != Checksum.NONE && checksum != checksum()) {
      throw new InvalidObjectException("the training history does not match its checksum: the file was changed or "
          + "damaged");
    }
  }

  /** @return the trained network */
  public Network network() {
    return network;
  }

  /**
   * @return the training objective after each number of epochs, starting with the initial weights (a copy);
   *         with full batches entry e is exactly J(θ_e), with mini-batches entry e ≥ 1 is the weighted mean
   *         of the objective over epoch e's batches
   */
  public double[] lossHistory() {
    return lossHistory.clone();
  }

  /** @return the held-out mean cross-entropy after each number of epochs, or null without early stopping */
  public double[] validationHistory() {
    return validationHistory == null ? null : validationHistory.clone();
  }

  /** @return the training loss with the initial weights */
  public double initialLoss() {
    return lossHistory[0];
  }

  /** @return the training loss after the last epoch */
  public double finalLoss() {
    return lossHistory[lossHistory.length - 1];
  }

  /** @return epochs run */
  public int epochs() {
    return epochs;
  }

  /** @return the epoch whose weights the network has (the best validation epoch with early stopping) */
  public int keptEpoch() {
    return keptEpoch;
  }

  /** @return why training ended */
  public StopReason stopReason() {
    return stopReason;
  }

  /** @return the learning rate finally used */
  public double learningRate() {
    return learningRate;
  }

  /** @return how often training restarted with half the learning rate */
  public int restarts() {
    return restarts;
  }

  /** @return true if early stopping was asked for but the data was too small to hold rows out */
  public boolean validationSkipped() {
    return validationSkipped;
  }

  /** @return rows trained on */
  public long trainingRows() {
    return trainingRowCount > 0 ? trainingRowCount : trainingRows;
  }

  /** @return rows held out for early stopping */
  public long validationRows() {
    return validationRowCount > 0 ? validationRowCount : validationRows;
  }

  /**
   * @return how often J and ∇J were computed over all training rows since the last restart: by L-BFGS's
   *         line searches, by each full-batch step, and for the loss reported at the start (mini-batches) and
   *         the end; batch steps are not counted
   */
  public int functionEvaluations() {
    return functionEvaluations;
  }
}
