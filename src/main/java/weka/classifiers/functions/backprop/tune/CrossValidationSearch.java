package weka.classifiers.functions.backprop.tune;

import java.util.List;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingDivergedException;

/**
 * Model selection by k-fold cross-validation on the training rows, the epochs chosen from the same folds.
 *
 * <p>For each candidate (g, λ) of the {@link TuningPlan}, k networks are trained in lockstep, network f on all rows
 * but fold f ({@link Folds}; the rows are sorted by fold, so each network leaves one range out and the data is
 * held once), one epoch at a time with the configured update rule. After every epoch each network
 * predicts its held-out fold, and the candidate's score at that epoch is the mean held-out Brier score
 * <pre>  B(e) = Σ_k s_k Σ_c (p_kc − y_kc)² / Σ_k s_k</pre>
 * over all rows (every row is held out once). The Brier score, unlike the cross-entropy, is bounded, so one
 * confidently wrong row of a small fold cannot decide. For a numeric target (a linear output) the score is the mean
 * held-out squared error B(e) = Σ_k s_k (p_k − t_k)² / Σ_k s_k, the loss the networks are trained on, and the
 * report's second figure is the root relative squared error √(B / Σ_k s_k (t_k − t̄)² · Σ_k s_k) instead of the
 * accuracy. A candidate stops after {@code patience} epochs without a
 * lower B, or at the most epochs. The candidate with the lowest B wins (the earlier one on a tie), with E* its best
 * epoch; the model is the {@link Committee} of its k fold networks at E*, which averages their probabilities.
 *
 * <p>Deterministic: the folds and each network's initial weights (seed + f for fold f) come from the seed, and each
 * trainer is bit-identical for any number of threads, so the whole search is.
 */
public final class CrossValidationSearch {

  /** Hears of each epoch of the search (the Weka face's status bar and debug lines). */
  public interface Progress {
    /**
     * @param candidate the index of the candidate being trained
     * @param epoch the epoch just run by its k networks
     * @param score B(epoch)
     */
    void epoch(int candidate, int epoch, double score);
  }

  /** The search's outcome: the committee and the report. */
  public static final class Outcome {
    private final Committee committee;
    private final SearchReport report;

    Outcome(Committee committee, SearchReport report) {
      this.committee = committee;
      this.report = report;
    }

    /** @return the chosen candidate's k fold networks at its best epoch */
    public Committee committee() {
      return committee;
    }

    /** @return what was tried and chosen */
    public SearchReport report() {
      return report;
    }
  }

  /** The largest Brier score: Σ_c (p_c − y_c)² ≤ 2 for probabilities (a little more for rounding). */
  private static final double MAX_BRIER = 2 + 1e-9;

  private CrossValidationSearch() {
  }

  /**
   * @param sorted the training rows sorted by fold ({@link Folds#sortedByFold}; weights and class balance applied)
   * @param foldStart the folds' ranges in it ({@link Folds#starts})
   * @param base the configured settings; each candidate replaces g and λ, and the folds replace the hold-out split
   *     of early stopping
   * @param plan a plan that runs, with foldStart.length − 1 folds
   * @param progress told of every epoch, or null
   * @return the committee and the report
   * @throws weka.classifiers.functions.backprop.train.TrainingInterruptedException if the thread is interrupted
   * @throws weka.classifiers.functions.backprop.train.TrainingDivergedException if a fold network's loss cannot be
   *     kept finite
   */
  public static Outcome run(DataMatrix sorted, int[] foldStart, TrainingConfig base, TuningPlan plan,
      Progress progress) {
    if (!plan.runs()) {
      throw new IllegalArgumentException("the plan does not run: " + plan.skipReason());
    }
    int k = plan.folds();
    if (foldStart.length != k + 1 || foldStart[0] != 0 || foldStart[k] != sorted.numRows()) {
      throw new IllegalArgumentException("the fold ranges do not cover the " + sorted.numRows() + " rows in " + k
          + " folds");
    }
    double totalWeight = 0;
    for (int r = 0; r < sorted.numRows(); r++) {
      totalWeight += sorted.weight(r);
    }
    if (!(totalWeight > 0)) {
      throw new IllegalArgumentException("the training rows' weights sum to " + totalWeight);
    }
    double targetVariance = sorted.isNumeric() ? weightedVariance(sorted, totalWeight) : Double.NaN;
    List<Candidate> candidates = plan.candidates();
    int numCandidates = candidates.size();
    double[] brier = new double[numCandidates];
    double[] accuracy = new double[numCandidates];
    int[] bestEpoch = new int[numCandidates];
    int[] epochsRun = new int[numCandidates];
    int chosen = -1;
    Network[] chosenMembers = null;
    for (int i = 0; i < numCandidates; i++) {
      Candidate candidate = candidates.get(i);
      Network[] members = new Network[k];
      double[] best = searchCandidate(candidate, i, sorted, foldStart, totalWeight, base, plan.patience(), members,
          progress);
      brier[i] = best[0];
      accuracy[i] = sorted.isNumeric() ? Math.sqrt(best[0] / targetVariance) : best[1];
      bestEpoch[i] = (int) best[2];
      epochsRun[i] = (int) best[3];
      if (chosen < 0 || brier[i] < brier[chosen]) {
        chosen = i;
        chosenMembers = members;
      }
    }
    SearchReport report = new SearchReport(k, sorted.numRows(), plan.patience(),
        candidates.toArray(new Candidate[0]), brier, accuracy, bestEpoch, epochsRun, chosen, sorted.isNumeric());
    return new Outcome(new Committee(chosenMembers), report);
  }

  /**
   * Trains one candidate's k fold networks in lockstep.
   *
   * @param members receives the networks at the best epoch
   * @return {B at the best epoch, accuracy there, the best epoch, the epochs run}
   */
  private static double[] searchCandidate(Candidate candidate, int index, DataMatrix sorted, int[] foldStart,
      double totalWeight, TrainingConfig base, int patience, Network[] members, Progress progress) {
    int k = foldStart.length - 1;
    Trainer[] trainers = new Trainer[k];
    double[][] p = new double[k][];
    double bestScore = Double.POSITIVE_INFINITY;
    double bestAccuracy = 0;
    int bestEpoch = 0;
    int epoch = 0;
    try {
      for (int f = 0; f < k; f++) {
        TrainingConfig config = base.toBuilder().numHidden(candidate.numHidden())
            .weightDecay(candidate.weightDecay()).validationFraction(0).seed(base.seed() + f).build();
        trainers[f] = Trainer.leavingOut(sorted, foldStart[f], foldStart[f + 1], config);
        p[f] = new double[(foldStart[f + 1] - foldStart[f]) * sorted.numClasses()];
      }
      while (epoch < base.epochs()) {
        boolean ran = false;
        for (Trainer trainer : trainers) {
          ran |= trainer.epoch();
        }
        if (!ran) {
          break; // every network has finished (L-BFGS converged)
        }
        epoch++;
        Network[] now = new Network[k];
        for (int f = 0; f < k; f++) {
          now[f] = trainers[f].currentNetwork();
        }
        double[] sums = scoreAll(now, sorted, foldStart, p);
        double score = sums[0] / totalWeight;
        if (!(score <= (sorted.isNumeric() ? Double.MAX_VALUE : MAX_BRIER))) {
          // a fold network whose predictions are not numbers: its weights overflowed though its loss did not
          throw new TrainingDivergedException("training diverged: the held-out " + (sorted.isNumeric() ? "predictions"
              : "probabilities") + " of a fold network became NaN at epoch " + epoch + " (" + candidate + "); use a "
              + "smaller learning rate");
        }
        if (progress != null) {
          progress.epoch(index, epoch, score);
        }
        if (score < bestScore) {
          bestScore = score;
          bestAccuracy = sums[1] / totalWeight;
          bestEpoch = epoch;
          System.arraycopy(now, 0, members, 0, k);
        } else if (epoch - bestEpoch >= patience) {
          break;
        }
      }
    } finally {
      for (Trainer trainer : trainers) {
        if (trainer != null) {
          trainer.close();
        }
      }
    }
    if (bestEpoch == 0) {
      // no epoch could run (every network finished before its first): the initial networks
      for (int f = 0; f < k; f++) {
        members[f] = trainers[f].currentNetwork();
      }
      double[] sums = scoreAll(members, sorted, foldStart, p);
      bestScore = sums[0] / totalWeight;
      bestAccuracy = sums[1] / totalWeight;
    }
    return new double[] {bestScore, bestAccuracy, bestEpoch, epoch};
  }

  /** @return {@link #score} summed over the folds, network f on fold f's rows */
  private static double[] scoreAll(Network[] networks, DataMatrix sorted, int[] foldStart, double[][] p) {
    double squares = 0;
    double correct = 0;
    for (int f = 0; f < networks.length; f++) {
      double[] score = score(networks[f], sorted, foldStart[f], foldStart[f + 1], p[f]);
      squares += score[0];
      correct += score[1];
    }
    return new double[] {squares, correct};
  }

  /**
   * @param network a fold network
   * @param rows the matrix
   * @param from its first held-out row
   * @param to the row after its last
   * @param p a buffer for their probabilities
   * @return {Σ_k s_k Σ_c (p_kc − y_kc)², Σ_k s_k [argmax_c p_kc = y_k]} over rows from … to − 1
   */
  static double[] score(Network network, DataMatrix rows, int from, int to, double[] p) {
    return score(network, rows.x(), from, rows, from, to - from, p);
  }

  /**
   * The held-out score of n rows, read from x (the rows themselves, or a changed copy of them, as permutation
   * importance makes), whose classes and weights are those of rows from … from + n − 1.
   *
   * @param x row-major rows with the bias column
   * @param firstRow the first of them in x
   * @param rows the matrix the classes and weights come from
   * @param from the first row there
   * @param n the number of rows
   * @param p a buffer for their probabilities
   * @return {Σ_k s_k Σ_c (p_kc − y_kc)², Σ_k s_k [argmax_c p_kc = y_k]}; for a numeric target
   *     {Σ_k s_k (p_k − t_k)², NaN} (no accuracy)
   */
  static double[] score(Network network, double[] x, int firstRow, DataMatrix rows, int from, int n, double[] p) {
    int numClasses = rows.numClasses();
    network.distributions(x, firstRow, n, p);
    if (rows.isNumeric()) {
      return squaredError(rows, from, n, p);
    }
    int[] y = rows.y();
    double squares = 0;
    double correct = 0;
    for (int k = 0; k < n; k++) {
      int r = from + k;
      double s = rows.weight(r);
      int at = k * numClasses;
      double sum = 0;
      int argmax = 0;
      for (int c = 0; c < numClasses; c++) {
        double pc = p[at + c];
        double e = pc - (c == y[r] ? 1 : 0);
        sum += e * e;
        if (pc > p[at + argmax]) {
          argmax = c;
        }
      }
      squares += s * sum;
      correct += argmax == y[r] ? s : 0;
    }
    return new double[] {squares, correct};
  }

  /** @return {Σ_k s_k (p_k − t_k)², NaN} over rows from … from + n − 1, predicted in p */
  private static double[] squaredError(DataMatrix rows, int from, int n, double[] p) {
    double[] t = rows.target();
    double squares = 0;
    for (int k = 0; k < n; k++) {
      double e = p[k] - t[from + k];
      squares += rows.weight(from + k) * e * e;
    }
    return new double[] {squares, Double.NaN};
  }

  /** @return Σ_k s_k (t_k − t̄)² / Σ_k s_k, the weighted variance of the targets about their weighted mean */
  private static double weightedVariance(DataMatrix rows, double totalWeight) {
    double[] t = rows.target();
    double mean = 0;
    for (int k = 0; k < t.length; k++) {
      mean += rows.weight(k) * t[k];
    }
    mean /= totalWeight;
    double sum = 0;
    for (int k = 0; k < t.length; k++) {
      double d = t[k] - mean;
      sum += rows.weight(k) * d * d;
    }
    return sum / totalWeight;
  }
}
