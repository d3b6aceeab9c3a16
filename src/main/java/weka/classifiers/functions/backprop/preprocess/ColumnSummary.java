package weka.classifiers.functions.backprop.preprocess;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The first statistics pass over raw rows: per column, counts, ranges and nominal value frequencies; sums
 * that merge by addition (or min/max), so blocks of rows (threads, partitions of a cluster) can be summarized
 * separately and merged.
 *
 * <p>A raw row is a {@code double[]} in Weka's internal encoding: a numeric value, or the index of a nominal
 * value, and NaN for a missing value. The column kinds are given by {@code numValues}: {@link #NUMERIC} for a
 * numeric (or date) column, k &ge; 0 for a nominal column with k declared values, {@link #IGNORED} for a
 * column that is not an input. The class column is skipped.
 *
 * <p>What it keeps, per numeric column: the number of present and missing values, the weight of the missing
 * ones, the largest finite |x| (for the power-of-two scale), and the smallest and largest value (to tell a
 * constant column); per nominal column: the number of rows and the weight of each value, and the number of
 * missing values; for all rows: n and S = Σ s; and, for a nominal class, the weight S_c of each class value
 * (for class balancing).
 */
public final class ColumnSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  /** {@code numValues} entry of a numeric column. */
  public static final int NUMERIC = -1;
  /** {@code numValues} entry of a column that is not an input (e.g. a string attribute). */
  public static final int IGNORED = -2;

  private final int[] numValues;
  private final int classIndex;
  private long numRows;
  private double totalWeight;
  private final long[] missing;
  private final double[] missingWeight;
  private final double[] maxAbs;
  private final double[] min;
  private final double[] max;
  private final long[][] valueCounts;
  private final double[][] valueWeights;
  private final double[] classWeights;

  /**
   * @param numValues per column: {@link #NUMERIC}, {@link #IGNORED}, or the number of nominal values
   * @param classIndex the class column (skipped), or −1
   */
  public ColumnSummary(int[] numValues, int classIndex) {
    this.numValues = numValues.clone();
    this.classIndex = classIndex;
    int columns = numValues.length;
    this.missing = new long[columns];
    this.missingWeight = new double[columns];
    this.maxAbs = new double[columns];
    this.min = new double[columns];
    this.max = new double[columns];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    this.valueCounts = new long[columns][];
    this.valueWeights = new double[columns][];
    this.classWeights = classIndex >= 0 && numValues[classIndex] >= 0 ? new double[numValues[classIndex]] : null;
    for (int a = 0; a < columns; a++) {
      if (numValues[a] < IGNORED) {
        throw new IllegalArgumentException("column " + a + " has kind " + numValues[a]);
      }
      if (isNominal(a)) {
        valueCounts[a] = new long[numValues[a]];
        valueWeights[a] = new double[numValues[a]];
      }
    }
  }

  /**
   * Adds one row.
   *
   * @param values the raw row, one value per column
   * @param weight its weight s ≥ 0
   */
  public void add(double[] values, double weight) {
    if (values.length != numValues.length) {
      throw new IllegalArgumentException("row has " + values.length + " values, expected " + numValues.length);
    }
    numRows++;
    totalWeight += weight;
    if (classWeights != null) {
      double c = values[classIndex];
      if (!Double.isNaN(c)) {
        if (!(c >= 0 && c < classWeights.length && c == Math.rint(c))) {
          throw new IllegalArgumentException("column " + classIndex + " (the class) holds " + c + ", not the index "
              + "of one of its " + classWeights.length + " nominal values");
        }
        classWeights[(int) c] += weight;
      }
    }
    for (int a = 0; a < values.length; a++) {
      double v = values[a];
      if (a == classIndex || numValues[a] == IGNORED) {
        continue;
      }
      if (Double.isNaN(v)) {
        missing[a]++;
        missingWeight[a] += weight;
      } else if (numValues[a] == NUMERIC) {
        double abs = Math.abs(v);
        if (abs > maxAbs[a] && abs < Double.POSITIVE_INFINITY) {
          maxAbs[a] = abs;
        }
        min[a] = Math.min(min[a], v);
        max[a] = Math.max(max[a], v);
      } else {
        int index = (int) v;
        if (index < 0 || index >= numValues[a] || index != v) {
          throw new IllegalArgumentException("column " + a + " holds " + v + ", not the index of one of its "
              + numValues[a] + " nominal values");
        }
        valueCounts[a][index]++;
        valueWeights[a][index] += weight;
      }
    }
  }

  /**
   * this ← this + other.
   *
   * @param other the summary of other rows with the same columns
   * @return this
   */
  public ColumnSummary merge(ColumnSummary other) {
    if (!Arrays.equals(numValues, other.numValues) || classIndex != other.classIndex) {
      throw new IllegalArgumentException("cannot merge summaries of different columns");
    }
    numRows += other.numRows;
    totalWeight += other.totalWeight;
    if (classWeights != null) {
      for (int c = 0; c < classWeights.length; c++) {
        classWeights[c] += other.classWeights[c];
      }
    }
    for (int a = 0; a < numValues.length; a++) {
      missing[a] += other.missing[a];
      missingWeight[a] += other.missingWeight[a];
      maxAbs[a] = Math.max(maxAbs[a], other.maxAbs[a]);
      min[a] = Math.min(min[a], other.min[a]);
      max[a] = Math.max(max[a], other.max[a]);
      if (valueCounts[a] != null) {
        for (int v = 0; v < valueCounts[a].length; v++) {
          valueCounts[a][v] += other.valueCounts[a][v];
          valueWeights[a][v] += other.valueWeights[a][v];
        }
      }
    }
    return this;
  }

  /**
   * The power-of-two scale of each numeric column: 2^−e, e the binary exponent of its largest finite |x|, so
   * that the scaled values lie within (−2, 2) and their sums and squares neither overflow nor underflow;
   * multiplying by a power of two is exact for normal values. 1 for other columns and all-zero columns.
   *
   * @return the scales, one per column
   */
  public double[] scales() {
    double[] scales = new double[numValues.length];
    for (int a = 0; a < scales.length; a++) {
      scales[a] = isNumeric(a) && maxAbs[a] > 0 ? Math.scalb(1.0, -Math.getExponent(maxAbs[a])) : 1.0;
    }
    return scales;
  }

  /** @return the number of columns */
  public int numColumns() {
    return numValues.length;
  }

  /** @return the class column, or −1 */
  public int classIndex() {
    return classIndex;
  }

  /**
   * @param a a column
   * @return true if it is a numeric input column
   */
  public boolean isNumeric(int a) {
    return a != classIndex && numValues[a] == NUMERIC;
  }

  /**
   * @param a a column
   * @return true if it is a nominal input column
   */
  public boolean isNominal(int a) {
    return a != classIndex && numValues[a] >= 0;
  }

  /**
   * @param a a column
   * @return the number of declared nominal values
   */
  public int numValues(int a) {
    return numValues[a];
  }

  /**
   * @param c a class value index
   * @return S_c, the total weight of the rows of that class (0 if the class column is not nominal)
   */
  public double classWeight(int c) {
    return classWeights == null ? 0.0 : classWeights[c];
  }

  /** @return n, the number of rows */
  public long numRows() {
    return numRows;
  }

  /** @return S, the total weight */
  public double totalWeight() {
    return totalWeight;
  }

  /**
   * @param a a column
   * @return the number of missing values
   */
  public long missing(int a) {
    return missing[a];
  }

  /**
   * @param a a column
   * @return the total weight of the rows where it is missing
   */
  public double missingWeight(int a) {
    return missingWeight[a];
  }

  /**
   * @param a a numeric column
   * @return its smallest present value (+∞ if none)
   */
  public double min(int a) {
    return min[a];
  }

  /**
   * @param a a numeric column
   * @return its largest present value (−∞ if none)
   */
  public double max(int a) {
    return max[a];
  }

  /**
   * @param a a nominal column
   * @param v a value index
   * @return the number of rows holding that value
   */
  public long count(int a, int v) {
    return valueCounts[a][v];
  }

  /**
   * @param a a nominal column
   * @param v a value index
   * @return the total weight of the rows holding that value
   */
  public double weight(int a, int v) {
    return valueWeights[a][v];
  }
}
