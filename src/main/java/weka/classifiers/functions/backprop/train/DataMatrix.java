package weka.classifiers.functions.backprop.train;

/**
 * Training rows as one contiguous row-major matrix X (n × (m + 1)) whose column 0 is the bias x0 = 1,
 * with a class index y_k (or, for regression, a numeric target t_k) and a weight s_k for each row. Built once per
 * training run; the engine never sees per-row objects.
 *
 * <p>A matrix of numeric targets ({@link #numeric}) counts as one "class" for everything that groups rows by class:
 * every y_k is 0 and {@link #numClasses()} is 1, so stratified folds and validation splits of it are plain random
 * ones, and a network trained on it has one linear output.
 */
public final class DataMatrix {

  private final double[] x;
  private final int[] y;
  /** t_k, or null for class labels. */
  private final double[] target;
  private final double[] weights;
  private final int numRows;
  private final int numInputs;
  private final int numClasses;

  /**
   * Wraps the arrays (they are not copied).
   *
   * @param x row-major values, n·(m + 1) long, with x[k·(m+1)] = 1 for every row k
   * @param y class index of each row, in 0 … numClasses − 1
   * @param weights weight s_k ≥ 0 of each row, or null for all ones
   * @param numInputs m
   * @param numClasses number of class values (≥ 2)
   */
  public DataMatrix(double[] x, int[] y, double[] weights, int numInputs, int numClasses) {
    this(x, y, null, weights, numInputs, atLeastTwo(numClasses));
  }

  private static int atLeastTwo(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + numClasses);
    }
    return numClasses;
  }

  /**
   * Rows with a numeric target each (regression), for a network with one linear output.
   *
   * @param x row-major values, n·(m + 1) long, with x[k·(m+1)] = 1 for every row k
   * @param target t_k of each row, finite (not copied)
   * @param weights weight s_k ≥ 0 of each row, or null for all ones
   * @param numInputs m
   * @return the matrix, with {@link #numClasses()} 1 and every class index 0
   */
  public static DataMatrix numeric(double[] x, double[] target, double[] weights, int numInputs) {
    for (int k = 0; k < target.length; k++) {
      if (!(Math.abs(target[k]) < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("row " + k + " has target " + target[k] + "; targets must be finite");
      }
    }
    return new DataMatrix(x, new int[target.length], target, weights, numInputs, 1);
  }

  private DataMatrix(double[] x, int[] y, double[] target, double[] weights, int numInputs, int numClasses) {
    int width = numInputs + 1;
    if (y.length == 0 || x.length != (long) y.length * width) {
      throw new IllegalArgumentException("x has " + x.length + " values, expected " + y.length + " rows × "
          + width + " columns (at least one row)");
    }
    if (weights != null && weights.length != y.length) {
      throw new IllegalArgumentException(weights.length + " weights for " + y.length + " rows");
    }
    for (int k = 0; k < y.length; k++) {
      if (y[k] < 0 || y[k] >= numClasses) {
        throw new IllegalArgumentException("row " + k + " has class index " + y[k] + ", outside 0.."
            + (numClasses - 1));
      }
      if (x[k * width] != 1.0) {
        throw new IllegalArgumentException("row " + k + " lacks the bias value x0 = 1");
      }
      if (weights != null && !(weights[k] >= 0 && weights[k] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("row " + k + " has weight " + weights[k]
            + "; weights must be finite and >= 0");
      }
    }
    this.x = x;
    this.y = y;
    this.target = target;
    this.weights = weights;
    this.numRows = y.length;
    this.numInputs = numInputs;
    this.numClasses = numClasses;
  }

  /** @return the row-major values including the bias column (not a copy) */
  public double[] x() {
    return x;
  }

  /** @return the class indices (not a copy; all 0 for numeric targets) */
  public int[] y() {
    return y;
  }

  /** @return the numeric targets t_k (not a copy), or null for class labels */
  public double[] target() {
    return target;
  }

  /** @return true if the rows have numeric targets (regression) rather than class labels */
  public boolean isNumeric() {
    return target != null;
  }

  /** @return the weights s_k (not a copy), or null when every row has weight 1 */
  double[] weights() {
    return weights;
  }

  /**
   * @param k row index
   * @return s_k, 1 when the matrix has no weights
   */
  public double weight(int k) {
    return weights == null ? 1.0 : weights[k];
  }

  /** @return n */
  public int numRows() {
    return numRows;
  }

  /** @return m, the number of inputs without the bias */
  public int numInputs() {
    return numInputs;
  }

  /** @return m + 1 */
  public int rowWidth() {
    return numInputs + 1;
  }

  /** @return the number of class values; 1 for numeric targets (the values a prediction has) */
  public int numClasses() {
    return numClasses;
  }
}
