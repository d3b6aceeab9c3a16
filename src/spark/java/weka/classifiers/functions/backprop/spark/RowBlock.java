package weka.classifiers.functions.backprop.spark;

import java.io.Serializable;

import weka.classifiers.functions.backprop.train.DataMatrix;

/**
 * A block of preprocessed rows held by one Spark partition: the engine's dense row-major matrix (bias column
 * first), class indices (or, for a numeric class, the standardized targets: {@link DataMatrix#numeric}) and weights,
 * built once and cached, so that every pass over the data is the engine's
 * own kernel over plain arrays. Blocks are fixed by the rows' positions in the data ({@link FixedBlocks}): block b
 * holds the rows b·B … (b + 1)·B − 1 of one side of the validation split, so it may be empty.
 */
public final class RowBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int index;
  private final double[] x;
  private final int[] y;
  /** The standardized targets of a numeric class, or null for class indices. */
  private final double[] target;
  private final double[] weights;
  private final int numInputs;
  private final int numClasses;
  private transient DataMatrix matrix;

  /**
   * @param index the block's number b, fixed by its rows' positions in the data
   * @param x n × (m + 1) values, row-major, x[k(m+1)] = 1
   * @param y class index per row
   * @param weights weight per row, or null for all ones
   * @param numInputs m
   * @param numClasses the number of class values
   */
  RowBlock(int index, double[] x, int[] y, double[] weights, int numInputs, int numClasses) {
    this(index, x, y, null, weights, numInputs, numClasses);
  }

  private RowBlock(int index, double[] x, int[] y, double[] target, double[] weights, int numInputs,
      int numClasses) {
    this.index = index;
    this.x = x;
    this.y = y;
    this.target = target;
    this.weights = weights;
    this.numInputs = numInputs;
    this.numClasses = numClasses;
  }

  /**
   * A block of rows with a numeric target each (regression).
   *
   * @param index the block's number b, fixed by its rows' positions in the data
   * @param x n × (m + 1) values, row-major, x[k(m+1)] = 1
   * @param target the standardized target t'_k of each row
   * @param weights weight per row, or null for all ones
   * @param numInputs m
   * @return the block, one "class" as {@link DataMatrix#numeric} counts it
   */
  static RowBlock numeric(int index, double[] x, double[] target, double[] weights, int numInputs) {
    return new RowBlock(index, x, new int[target.length], target, weights, numInputs, 1);
  }

  /** @return the block's number b */
  public int index() {
    return index;
  }

  /** @return the rows as the engine's matrix (checked once, then kept); there must be at least one */
  public DataMatrix matrix() {
    if (matrix == null) {
      matrix = target != null ? DataMatrix.numeric(x, target, weights, numInputs)
          : new DataMatrix(x, y, weights, numInputs, numClasses);
    }
    return matrix;
  }

  /** @return the number of rows */
  public int numRows() {
    return y.length;
  }
}
