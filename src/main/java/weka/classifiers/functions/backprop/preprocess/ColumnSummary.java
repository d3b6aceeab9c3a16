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
 * missing values; for all rows: n, S = Σ s and Σ s²; and, for a nominal class, the weight S_c of each class value
 * (for class balancing).
 *
 * <p>Weights in units of the largest: every weight sum is kept in units of 2^E, E the binary exponent of the
 * largest weight seen ({@link #weightExponent()}), so the largest weight counts between 1 and 2 and no sum of
 * finite weights overflows (nor, for the squares, underflows); when a larger weight comes, the sums are rescaled
 * by a power of two, which is exact, so they are what summing the scaled weights would give. Whole weights up to
 * 1 (unweighted data) have E = 0: the sums are the plain ones. A class's weight S_c is kept in units of its own
 * largest weight ({@link #classWeightExponent}), so that -balance can weigh classes whose weights are any number of
 * orders of magnitude apart.
 */
public final class ColumnSummary implements Serializable {

  private static final long serialVersionUID = 2L;

  /** {@code numValues} entry of a numeric column. */
  public static final int NUMERIC = -1;
  /** {@code numValues} entry of a column that is not an input (e.g. a string attribute). */
  public static final int IGNORED = -2;

  private final int[] numValues;
  private final int classIndex;
  private long numRows;
  /** E of the weight unit 2^E, or {@link #NO_WEIGHT} while no positive weight has been seen. */
  private int weightExponent = NO_WEIGHT;
  /** Σ s, Σ s² in units of 2^E and 2^2E. */
  private double totalWeight;
  private double squaredWeight;
  private final long[] missing;
  private final double[] missingWeight;
  private final double[] maxAbs;
  private final double[] min;
  private final double[] max;
  private final long[][] valueCounts;
  private final double[][] valueWeights;
  private final double[] classWeights;
  /** Per class: E_c of the unit 2^E_c of its weight sum, or {@link #NO_WEIGHT}. */
  private final int[] classExponents;

  /** The exponent of a unit while no positive weight has been added. */
  private static final int NO_WEIGHT = Integer.MIN_VALUE;

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
    this.classExponents = classWeights == null ? null : new int[classWeights.length];
    if (classExponents != null) {
      Arrays.fill(classExponents, NO_WEIGHT);
    }
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
    if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("row has weight " + weight + "; weights must be finite and >= 0");
    }
    numRows++;
    if (weight > 0 && Math.getExponent(weight) > weightExponent) {
      rescaleWeights(Math.getExponent(weight));
    }
    double s = inUnit(weight, weightExponent);
    totalWeight += s;
    squaredWeight += s * s;
    if (classWeights != null) {
      double c = values[classIndex];
      if (!Double.isNaN(c)) {
        if (!(c >= 0 && c < classWeights.length && c == Math.rint(c))) {
          throw new IllegalArgumentException("column " + classIndex + " (the class) holds " + c + ", not the index "
              + "of one of its " + classWeights.length + " nominal values");
        }
        addClassWeight((int) c, weight == 0 ? 0.0 : Math.scalb(weight, -Math.getExponent(weight)),
            Math.getExponent(weight));
      }
    }
    for (int a = 0; a < values.length; a++) {
      double v = values[a];
      if (a == classIndex || numValues[a] == IGNORED) {
        continue;
      }
      if (Double.isNaN(v)) {
        missing[a]++;
        missingWeight[a] += s;
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
        valueWeights[a][index] += s;
      }
    }
  }

  /**
   * @param weight a weight ≥ 0
   * @param exponent E of a unit ({@link #NO_WEIGHT}: only a zero weight can be added)
   * @return weight / 2^E
   */
  private static double inUnit(double weight, int exponent) {
    return weight == 0 ? 0.0 : Math.scalb(weight, -exponent);
  }

  /** Makes 2^exponent (larger than the current one) the weight unit: every weight sum is rescaled, exactly. */
  private void rescaleWeights(int exponent) {
    if (weightExponent != NO_WEIGHT) {
      int shift = weightExponent - exponent;
      totalWeight = Math.scalb(totalWeight, shift);
      squaredWeight = Math.scalb(squaredWeight, 2 * shift);
      for (int a = 0; a < missingWeight.length; a++) {
        missingWeight[a] = Math.scalb(missingWeight[a], shift);
        if (valueWeights[a] != null) {
          for (int v = 0; v < valueWeights[a].length; v++) {
            valueWeights[a][v] = Math.scalb(valueWeights[a][v], shift);
          }
        }
      }
    }
    weightExponent = exponent;
  }

  /**
   * S_c += sum · 2^exponent, in class c's own unit (the larger of its unit and 2^exponent).
   *
   * @param sum a weight or a sum of weights, in units of 2^exponent
   */
  private void addClassWeight(int c, double sum, int exponent) {
    if (sum == 0) {
      return;
    }
    if (exponent > classExponents[c]) {
      if (classExponents[c] != NO_WEIGHT) {
        classWeights[c] = Math.scalb(classWeights[c], classExponents[c] - exponent);
      }
      classExponents[c] = exponent;
    }
    classWeights[c] += Math.scalb(sum, exponent - classExponents[c]);
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
    if (other.weightExponent > weightExponent) {
      rescaleWeights(other.weightExponent);
    }
    // the other's sums in this unit (exact but for what falls below the smallest double)
    int shift = other.weightExponent == NO_WEIGHT ? 0 : other.weightExponent - weightExponent;
    totalWeight += Math.scalb(other.totalWeight, shift);
    squaredWeight += Math.scalb(other.squaredWeight, 2 * shift);
    if (classWeights != null) {
      for (int c = 0; c < classWeights.length; c++) {
        addClassWeight(c, other.classWeights[c], other.classExponents[c]);
      }
    }
    for (int a = 0; a < numValues.length; a++) {
      missing[a] += other.missing[a];
      missingWeight[a] += Math.scalb(other.missingWeight[a], shift);
      maxAbs[a] = Math.max(maxAbs[a], other.maxAbs[a]);
      min[a] = Math.min(min[a], other.min[a]);
      max[a] = Math.max(max[a], other.max[a]);
      if (valueCounts[a] != null) {
        for (int v = 0; v < valueCounts[a].length; v++) {
          valueCounts[a][v] += other.valueCounts[a][v];
          valueWeights[a][v] += Math.scalb(other.valueWeights[a][v], shift);
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
   * @return S_c, the total weight of the rows of that class, in units of 2^{@link #classWeightExponent}(c), its own
   *     largest weight's power of two: between 1 and 2n unless it is 0 (always 0 if the class column is not
   *     nominal)
   */
  public double classWeight(int c) {
    return classWeights == null ? 0.0 : classWeights[c];
  }

  /**
   * @param c a class value index
   * @return the exponent of the unit of {@link #classWeight}(c) (0 if the class has no weight)
   */
  public int classWeightExponent(int c) {
    return classWeights == null || classExponents[c] == NO_WEIGHT ? 0 : classExponents[c];
  }

  /** @return n, the number of rows */
  public long numRows() {
    return numRows;
  }

  /**
   * @return E: every weight sum is in units of 2^E, E the binary exponent of the largest weight (0 if there is no
   *     positive weight)
   */
  public int weightExponent() {
    return weightExponent == NO_WEIGHT ? 0 : weightExponent;
  }

  /** @return S, the total weight, in units of 2^E */
  public double totalWeight() {
    return totalWeight;
  }

  /** @return Σ s², the sum of the squared weights, in units of 2^2E */
  public double squaredWeight() {
    return squaredWeight;
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
   * @return the total weight of the rows where it is missing, in units of 2^E
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
   * @return the total weight of the rows holding that value, in units of 2^E
   */
  public double weight(int a, int v) {
    return valueWeights[a][v];
  }
}
