package weka.classifiers.functions.backprop.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What model selection will do on a data set: the number of folds k, the candidates (g, λ) and the patience, or why
 * it does not run. The rule, one for all data sets (chosen on the public study's data sets together, ACCURACY.md):
 * <ul>
 *   <li>up to {@link #LARGE_DATA_ROWS} rows: {@link #DEFAULT_FOLDS} folds; the configured g with the configured λ and
 *       with the strong {@link #STRONG_WEIGHT_DECAY}; patience {@link #PATIENCE} epochs;</li>
 *   <li>above: {@link #LARGE_DATA_FOLDS} folds; g and {@link #LARGE_DATA_HIDDEN_FACTOR}·g hidden units with the
 *       configured λ (large data supports more capacity, and each candidate costs more); patience
 *       {@link #LARGE_DATA_PATIENCE};</li>
 *   <li>at most n / {@link #MIN_FOLD_ROWS} folds, so that every fold holds some rows; with fewer than
 *       {@link #MIN_FOLDS} (below 15 rows) there is nothing to select on, and the configured network is trained
 *       alone.</li>
 * </ul>
 * A grid or a number of folds given explicitly replaces the rule's.
 */
public final class TuningPlan {

  /** Folds up to {@link #LARGE_DATA_ROWS} rows. */
  public static final int DEFAULT_FOLDS = 5;
  /** Folds above {@link #LARGE_DATA_ROWS} rows. */
  public static final int LARGE_DATA_FOLDS = 3;
  /** Rows above which the data counts as large. */
  public static final int LARGE_DATA_ROWS = 2000;
  /** The fewest folds the rule selects on. */
  public static final int MIN_FOLDS = 3;
  /** The fewest rows per fold. */
  public static final int MIN_FOLD_ROWS = 5;
  /** Epochs without a lower mean held-out Brier score before a candidate stops, up to {@link #LARGE_DATA_ROWS}. */
  public static final int PATIENCE = 50;
  /** The same above {@link #LARGE_DATA_ROWS} rows. */
  public static final int LARGE_DATA_PATIENCE = 10;
  /** The second weight decay of the rule's grid on small data. */
  public static final double STRONG_WEIGHT_DECAY = 1e-2;
  /** The larger hidden layer of the rule's grid on large data, as a multiple of the configured one. */
  public static final int LARGE_DATA_HIDDEN_FACTOR = 4;

  private final int folds;
  private final List<Candidate> candidates;
  private final int patience;
  private final String skipReason;

  private TuningPlan(int folds, List<Candidate> candidates, int patience, String skipReason) {
    this.folds = folds;
    this.candidates = candidates;
    this.patience = patience;
    this.skipReason = skipReason;
  }

  /**
   * @param rows n, the training rows
   * @param numHidden the configured g (-H)
   * @param weightDecay the configured λ (-R)
   * @param epochs the most epochs (-N)
   * @param folds k (-tune-folds), or 0 for the rule's
   * @param hidden the hidden units to try (-tune-hidden), or null for the rule's
   * @param decays the weight decays to try (-tune-decay), or null for the rule's
   * @return the plan
   */
  public static TuningPlan of(int rows, int numHidden, double weightDecay, int epochs, int folds, int[] hidden,
      double[] decays) {
    boolean large = rows > LARGE_DATA_ROWS;
    int k = Math.min(folds > 0 ? folds : large ? LARGE_DATA_FOLDS : DEFAULT_FOLDS, rows / MIN_FOLD_ROWS);
    int least = folds > 0 ? Math.min(folds, MIN_FOLDS) : MIN_FOLDS;
    if (epochs == 0) {
      return skipped("-N 0 trains no epoch");
    }
    if (k < least) {
      return skipped(rows + " training instances are too few to cross-validate (" + least + " folds of at least "
          + MIN_FOLD_ROWS + ")");
    }
    List<Integer> gs = new ArrayList<>();
    if (hidden != null) {
      for (int g : hidden) {
        addOnce(gs, g);
      }
    } else {
      addOnce(gs, numHidden);
      if (large) {
        addOnce(gs, (int) Math.min(Integer.MAX_VALUE, (long) LARGE_DATA_HIDDEN_FACTOR * numHidden));
      }
    }
    List<Double> lambdas = new ArrayList<>();
    if (decays != null) {
      for (double lambda : decays) {
        addOnce(lambdas, lambda);
      }
    } else {
      addOnce(lambdas, weightDecay);
      if (!large) {
        addOnce(lambdas, STRONG_WEIGHT_DECAY);
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int g : gs) {
      for (double lambda : lambdas) {
        candidates.add(new Candidate(g, lambda));
      }
    }
    return new TuningPlan(k, Collections.unmodifiableList(candidates), large ? LARGE_DATA_PATIENCE : PATIENCE, null);
  }

  private static <T> void addOnce(List<T> list, T value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }

  private static TuningPlan skipped(String reason) {
    return new TuningPlan(0, Collections.<Candidate>emptyList(), 0, reason);
  }

  /** @return true if model selection runs */
  public boolean runs() {
    return skipReason == null;
  }

  /** @return why model selection does not run, or null if it does */
  public String skipReason() {
    return skipReason;
  }

  /** @return k */
  public int folds() {
    return folds;
  }

  /** @return the candidates, in the order they are tried (the first wins a tie) */
  public List<Candidate> candidates() {
    return candidates;
  }

  /** @return epochs without a lower mean held-out Brier score before a candidate stops */
  public int patience() {
    return patience;
  }
}
