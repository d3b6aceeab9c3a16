package weka.classifiers.functions.backprop.tune;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * What model selection tried and chose, for the model text: for every candidate its cross-validated score (the mean
 * held-out Brier score at its best epoch), the accuracy of the fold networks on their held-out rows at that epoch,
 * the best epoch and the epochs run; the number of folds, rows and the patience; and which candidate was chosen.
 * For a numeric target the score is the mean held-out squared error of the (standardized) target, and the second
 * figure the root relative squared error instead of the accuracy. Immutable.
 */
public final class SearchReport implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int folds;
  private final int rows;
  private final int patience;
  private final Candidate[] candidates;
  private final double[] brier;
  private final double[] accuracy;
  private final int[] bestEpoch;
  private final int[] epochsRun;
  private final int chosen;
  /** True for a numeric target; false in reports saved before regression existed. */
  private final boolean numeric;

  SearchReport(int folds, int rows, int patience, Candidate[] candidates, double[] brier, double[] accuracy,
      int[] bestEpoch, int[] epochsRun, int chosen, boolean numeric) {
    this.numeric = numeric;
    this.folds = folds;
    this.rows = rows;
    this.patience = patience;
    this.candidates = candidates.clone();
    this.brier = brier.clone();
    this.accuracy = accuracy.clone();
    this.bestEpoch = bestEpoch.clone();
    this.epochsRun = epochsRun.clone();
    this.chosen = chosen;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    int n = candidates == null ? 0 : candidates.length;
    if (n == 0 || brier == null || brier.length != n || accuracy == null || accuracy.length != n
        || bestEpoch == null || bestEpoch.length != n || epochsRun == null || epochsRun.length != n
        || chosen < 0 || chosen >= n || folds < 2) {
      throw new InvalidObjectException("the tuning report is incomplete");
    }
  }

  /** @return k */
  public int folds() {
    return folds;
  }

  /** @return the training rows cross-validated */
  public int rows() {
    return rows;
  }

  /** @return the patience in epochs */
  public int patience() {
    return patience;
  }

  /** @return the number of candidates tried */
  public int numCandidates() {
    return candidates.length;
  }

  /** @return candidate i */
  public Candidate candidate(int i) {
    return candidates[i];
  }

  /** @return true if the target was numeric (regression): the score is a squared error, no accuracy */
  public boolean numeric() {
    return numeric;
  }

  /**
   * @return candidate i's mean held-out Brier score Σ_c (p_c − y_c)², weighted by the rows' weights; for a numeric
   *     target its mean held-out squared error (p − t)² on the standardized scale
   */
  public double brier(int i) {
    return brier[i];
  }

  /**
   * @return the weighted fraction of held-out rows candidate i's fold networks classified correctly; NaN for a
   *     numeric target
   */
  public double accuracy(int i) {
    return numeric ? Double.NaN : accuracy[i];
  }

  /**
   * @return for a numeric target, candidate i's held-out root relative squared error (a fraction: 1 is as good as
   *     predicting the mean); NaN for classes
   */
  public double rootRelativeSquaredError(int i) {
    return numeric ? accuracy[i] : Double.NaN;
  }

  /** @return the epoch with candidate i's lowest score */
  public int bestEpoch(int i) {
    return bestEpoch[i];
  }

  /** @return the epochs candidate i ran */
  public int epochsRun(int i) {
    return epochsRun[i];
  }

  /** @return the index of the chosen candidate: the lowest score, the earlier on a tie */
  public int chosen() {
    return chosen;
  }
}
