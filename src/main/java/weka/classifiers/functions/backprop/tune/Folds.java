package weka.classifiers.functions.backprop.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified folds of cross-validation, from the class labels alone: the rows of each class, shuffled with a
 * {@link Random} seeded {@code seed + 3}, are dealt to the folds in turn, the dealing continuing from one class to
 * the next, so that every fold holds about 1/k of each class and the fold sizes differ by at most one.
 */
public final class Folds {

  /** Added to the seed for the fold shuffle (the initial weights use the seed, the hold-out split seed + 1). */
  static final long SEED_OFFSET = 3;

  private Folds() {
  }

  /**
   * @param y the class index of every row
   * @param numClasses the number of classes
   * @param k the number of folds, 2 … n
   * @param seed the training seed
   * @return the fold 0 … k − 1 of every row
   */
  public static int[] stratified(int[] y, int numClasses, int k, long seed) {
    if (k < 2 || k > y.length) {
      throw new IllegalArgumentException("need 2 to " + y.length + " folds, got " + k);
    }
    Random random = new Random(seed + SEED_OFFSET);
    int[] fold = new int[y.length];
    int next = 0;
    for (int c = 0; c < numClasses; c++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == c) {
          rows.add(i);
        }
      }
      Collections.shuffle(rows, random);
      for (int i : rows) {
        fold[i] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }

  /**
   * The rows sorted by fold, so that each fold's rows are one range (and a trainer can leave it out without a copy).
   *
   * @param fold the fold 0 … k − 1 of every row
   * @param k the number of folds
   * @return {the rows of fold 0 ascending, then those of fold 1, …}
   */
  public static int[] sortedByFold(int[] fold, int k) {
    int[] start = starts(fold, k);
    int[] next = start.clone();
    int[] order = new int[fold.length];
    for (int i = 0; i < fold.length; i++) {
      order[next[fold[i]]++] = i;
    }
    return order;
  }

  /**
   * @param fold the fold of every row
   * @param k the number of folds
   * @return k + 1 positions: fold f's rows are positions start[f] … start[f + 1] − 1 of {@link #sortedByFold}
   */
  public static int[] starts(int[] fold, int k) {
    int[] start = new int[k + 1];
    for (int f : fold) {
      start[f + 1]++;
    }
    for (int f = 0; f < k; f++) {
      start[f + 1] += start[f];
    }
    return start;
  }
}
