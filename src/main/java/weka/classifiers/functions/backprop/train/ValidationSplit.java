package weka.classifiers.functions.backprop.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A stratified, seeded hold-out split for early stopping: from each class, round(fraction × its rows) rows
 * (shuffled with a {@link Random} seeded {@code seed + 1}) are held out, the rest are trained on.
 *
 * <p>The split is a plan of row indices, made from the class labels alone, so that the caller builds the rows once,
 * in split order (the training rows first, the held-out rows last), and hands them to
 * {@link Trainer#withHeldOutRowsLast} without a copy.
 *
 * <p>Data too small to split: if the validation set would have fewer than {@link #MIN_VALIDATION_ROWS} rows, or
 * the training set fewer than {@link #MIN_VALIDATION_ROWS} rows, there is no split: training uses all rows for
 * all epochs, without early stopping.
 */
public final class ValidationSplit {

  /** The fewest rows either side of a split may have. */
  public static final int MIN_VALIDATION_ROWS = 5;

  private ValidationSplit() {
  }

  /**
   * Which rows a configuration holds out: fraction {@link TrainingConfig#validationFraction()}, shuffled with a
   * {@link Random} seeded {@code seed + 1}.
   *
   * @param y the class index of every row
   * @param numClasses the number of classes
   * @param config the configuration
   * @return {training rows, held-out rows}, each in ascending order, or null if the configuration asks for no
   *         split or the data is too small to split
   */
  public static int[][] plan(int[] y, int numClasses, TrainingConfig config) {
    return config.validationFraction() > 0
        ? plan(y, numClasses, config.validationFraction(), new Random(config.seed() + 1)) : null;
  }

  private static int[][] plan(int[] y, int numClasses, double fraction, Random random) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      byClass.add(new ArrayList<Integer>());
    }
    for (int k = 0; k < y.length; k++) {
      byClass.get(y[k]).add(k);
    }
    List<Integer> trainRows = new ArrayList<>();
    List<Integer> validationRows = new ArrayList<>();
    for (List<Integer> rows : byClass) {
      java.util.Collections.shuffle(rows, random);
      int held = (int) Math.round(fraction * rows.size());
      validationRows.addAll(rows.subList(0, held));
      trainRows.addAll(rows.subList(held, rows.size()));
    }
    if (validationRows.size() < MIN_VALIDATION_ROWS || trainRows.size() < MIN_VALIDATION_ROWS) {
      return null;
    }
    java.util.Collections.sort(trainRows);
    java.util.Collections.sort(validationRows);
    return new int[][] {toArray(trainRows), toArray(validationRows)};
  }

  private static int[] toArray(List<Integer> list) {
    int[] array = new int[list.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = list.get(i);
    }
    return array;
  }
}
