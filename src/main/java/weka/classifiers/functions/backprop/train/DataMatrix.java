package weka.classifiers.functions.backprop.train;

/**
 * Training rows as one contiguous row-major matrix X (n × (m + 1)) whose column 0 is the bias x0 = 1,
 * with a class index y_k and a weight s_k for each row. Built once per training run; the engine never
 * sees per-row objects.
 */
public final class DataMatrix {

  private final double[] x;
  private final int[] y;
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
    int width = numInputs + 1;
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + numClasses);
    }
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
    this.weights = weights;
    this.numRows = y.length;
    this.numInputs = numInputs;
    this.numClasses = numClasses;
  }

  /** @return the row-major values including the bias column (not a copy) */
  public double[] x() {
    return x;
  }

  /** @return the class indices (not a copy) */
  public int[] y() {
    return y;
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

  /** @return the number of class values */
  public int numClasses() {
    return numClasses;
  }
}
