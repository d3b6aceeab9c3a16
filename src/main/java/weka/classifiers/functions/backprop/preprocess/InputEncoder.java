package weka.classifiers.functions.backprop.preprocess;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The fitted preprocessing: turns a raw row (Weka's internal encoding, NaN = missing) into the network's
 * input row (1, x_1, …, x_m), with statistics from two passes over the training rows ({@link ColumnSummary},
 * {@link ColumnMoments}). It computes what this chain of Weka filters computes on the same data (up to the
 * rounding of the sums, which here merge by blocks):
 * <ol>
 *   <li>power-of-two scaling of each numeric column (exact; keeps the sums finite for values near ±1e300);</li>
 *   <li>ReplaceMissingValues: a missing numeric value becomes the weighted mean of the present values
 *       (0 if their weight is at most {@link #MIN_MEAN_WEIGHT} times the largest weight's power of two), a missing
 *       nominal value the value of largest weight (the first such);</li>
 *   <li>RemoveUseless: after replacement, a column with fewer than two distinct values is dropped, and so is a
 *       nominal column whose distinct values exceed {@link #MAX_VARIANCE_PERCENT} % of the rows;</li>
 *   <li>NominalToBinary: a nominal column with at most two declared values becomes one 0/1 input that indicates
 *       its second value (named "name=value"); one with k &gt; 2 values becomes k such indicator inputs;</li>
 *   <li>RemoveUseless again: an indicator input constant on the training rows is dropped (a value that never
 *       occurs there, so an unseen value at prediction reads as "none of the values seen");</li>
 *   <li>Standardize: each input becomes (x − μ) / σ with the weighted mean μ and the standard deviation
 *       σ = √(M2 / (S − Σs²/S)) over all rows after replacement (S = Σs the total weight; σ undefined when
 *       S − Σs²/S ≤ 0, i.e. one row has all the weight); when σ is not positive, only μ is subtracted. For an
 *       indicator whose value has weight S₁ (and S₀ = S − S₁), μ = S₁/S and M2 = S₁S₀/S.</li>
 * </ol>
 * <p>Weights are reliability weights (relative importance), not frequencies: the spread is the unbiased one for
 * reliability weights, M2 / (S − Σs²/S), which stays the same when every weight is multiplied by one constant. For
 * unit weights S − Σs²/S = n − 1, Weka's (and the filter chain's) M2 / (S − 1). Weka's filters read weights as
 * frequencies, M2 / (S − 1), which depends on their scale: weights that sum to 1 gave a spread of about 1e7 times the
 * true one, so every input became about 1e-8. So for weighted data σ differs from the filter chain's by the factor
 * √((S − 1) / (S − Σs²/S)), and a weight of 2 is not exactly a duplicated row (n − 1 counts the rows, not S − 1).
 * Only ratios of the first pass's weight sums are used, in the unit of the largest weight (see
 * {@link ColumnSummary}), so the encoder is the same for any scale of the weights, up to rounding (bit for bit for a
 * power of two).
 *
 * One deliberate difference: a numeric column that is constant apart from missing values is dropped here (its
 * mean is that constant, so after replacement it does not vary). The filter chain computes the mean as Σwx/Σw,
 * which can differ from the constant in the last bit (ten values 1.1 give 1.1000000000000003), and then keeps
 * the column as an input whose standard deviation is about 1e-16, i.e. noise scaled up to unit variance.
 *
 * <p>Encoding is stateless, so any number of threads may use one encoder.
 */
public final class InputEncoder implements Serializable {

  private static final long serialVersionUID = 1L;

  /** ReplaceMissingValues' rule: a mean over a present weight of at most this is taken to be 0. */
  public static final double MIN_MEAN_WEIGHT = 1e-6;

  /** RemoveUseless' default: a nominal column with more distinct values than this % of the rows is dropped. */
  public static final double MAX_VARIANCE_PERCENT = 99.0;

  /** How input i is computed from its column. */
  private enum Kind { NUMERIC, INDICATOR }

  private final int numColumns;
  private final Kind[] kind;
  private final int[] column;
  /** NUMERIC: the power-of-two scale; otherwise unused. */
  private final double[] scale;
  /** NUMERIC: the scaled replacement of a missing value; INDICATOR: the mode. */
  private final double[] replacement;
  /** μ. */
  private final double[] mean;
  /** σ (NaN when undefined). */
  private final double[] stdDev;
  /** INDICATOR: the value index it indicates; otherwise −1. */
  private final int[] indicatedValue;
  private final int numUselessRemoved;
  private final int numConstantInputsRemoved;
  /** A CRC-32 of every statistic (bit 32 set); 0 in models saved before it was kept. */
  private final long checksum;

  private InputEncoder(int numColumns, Kind[] kind, int[] column, double[] scale, double[] replacement,
      double[] mean, double[] stdDev, int[] indicatedValue, int numUselessRemoved, int numConstantInputsRemoved) {
    this.numColumns = numColumns;
    this.kind = kind;
    this.column = column;
    this.scale = scale;
    this.replacement = replacement;
    this.mean = mean;
    this.stdDev = stdDev;
    this.indicatedValue = indicatedValue;
    this.numUselessRemoved = numUselessRemoved;
    this.numConstantInputsRemoved = numConstantInputsRemoved;
    this.checksum = checksum();
  }

  /** @return a CRC-32 of the sizes and every statistic, bit 32 set (never 0) */
  private long checksum() {
    ByteBuffer bytes = ByteBuffer.allocate(8 * (4 + kind.length * 7));
    bytes.putLong(numColumns).putLong(numUselessRemoved).putLong(numConstantInputsRemoved).putLong(kind.length);
    for (int i = 0; i < kind.length; i++) {
      bytes.putLong(kind[i] == null ? -1 : kind[i].ordinal()).putLong(column[i]).putLong(indicatedValue[i])
          .putDouble(scale[i]).putDouble(replacement[i]).putDouble(mean[i]).putDouble(stdDev[i]);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.array(), 0, bytes.position());
    return crc.getValue() | (1L << 32);
  }

  /**
   * A loaded encoder is checked before it is used: arrays of one length, every input reading a column of the row,
   * finite statistics (a standard deviation ≥ 0, or undefined), and a checksum that matches.
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (kind == null || column == null || scale == null || replacement == null || mean == null || stdDev == null
        || indicatedValue == null) {
      throw new InvalidObjectException("the preprocessing lacks an array of statistics");
    }
    int m = kind.length;
    if (column.length != m || scale.length != m || replacement.length != m || mean.length != m
        || stdDev.length != m || indicatedValue.length != m) {
      throw new InvalidObjectException("the preprocessing's arrays have different lengths");
    }
    if (numColumns < 1 || numUselessRemoved < 0 || numConstantInputsRemoved < 0) {
      throw new InvalidObjectException("the preprocessing has " + numColumns + " columns");
    }
    for (int i = 0; i < m; i++) {
      String input = "input " + (i + 1) + " of the preprocessing";
      if (kind[i] == null || column[i] < 0 || column[i] >= numColumns) {
        throw new InvalidObjectException(input + " reads column " + column[i] + " of " + numColumns);
      }
      if (!finite(replacement[i]) || !finite(mean[i])
          || kind[i] == Kind.NUMERIC && !(finite(scale[i]) && scale[i] > 0)) {
        throw new InvalidObjectException(input + " has a statistic that is not finite");
      }
      if (!(Double.isNaN(stdDev[i]) || finite(stdDev[i]) && stdDev[i] >= 0)) {
        throw new InvalidObjectException(input + " has standard deviation " + stdDev[i]);
      }
      if ((kind[i] == Kind.INDICATOR) != (indicatedValue[i] >= 0)) {
        throw new InvalidObjectException(input + " indicates value " + indicatedValue[i]);
      }
    }
    if (checksum != 0 && checksum != checksum()) {
      throw new InvalidObjectException("the preprocessing's statistics do not match their checksum: the file was "
          + "changed or damaged");
    }
  }

  private static boolean finite(double value) {
    return value > Double.NEGATIVE_INFINITY && value < Double.POSITIVE_INFINITY;
  }

  /**
   * Fits the encoder.
   *
   * @param summary the first pass over the training rows
   * @param moments the second pass over the same rows
   * @return the encoder
   */
  public static InputEncoder fit(ColumnSummary summary, ColumnMoments moments) {
    int columns = summary.numColumns();
    long n = summary.numRows();
    int capacity = 0;
    for (int a = 0; a < columns; a++) {
      capacity += summary.isNominal(a) && summary.numValues(a) > 2 ? summary.numValues(a) : 1;
    }
    Kind[] kind = new Kind[capacity];
    int[] column = new int[capacity];
    double[] scale = new double[capacity];
    double[] replacement = new double[capacity];
    double[] mean = new double[capacity];
    double[] stdDev = new double[capacity];
    int[] indicatedValue = new int[capacity];
    int inputs = 0;
    int useless = 0;
    int constant = 0;
    for (int a = 0; a < columns; a++) {
      if (summary.isNumeric(a)) {
        double present = moments.weight(a);
        double r = present > MIN_MEAN_WEIGHT ? moments.mean(a) : 0.0;
        if (!numericVaries(summary, moments, a, r)) {
          useless++;
          continue;
        }
        // Standardize's statistics over all rows: the present values and, for each missing one, r
        double[] all = ColumnMoments.combine(present, moments.mean(a), moments.m2(a), summary.missingWeight(a), r,
            0.0);
        double denominator = reliabilityDenominator(all[0], summary.squaredWeight());
        double variance = denominator > 0 ? Math.max(0.0, all[2] / denominator) : Double.NaN;
        kind[inputs] = Kind.NUMERIC;
        column[inputs] = a;
        scale[inputs] = moments.scale(a);
        replacement[inputs] = r;
        mean[inputs] = all[0] > 0 ? all[1] : 0.0;
        stdDev[inputs] = Math.sqrt(variance);
        indicatedValue[inputs] = -1;
        inputs++;
      } else if (summary.isNominal(a)) {
        int k = summary.numValues(a);
        int mode = mode(summary, a);
        long[] counts = countsAfterReplacement(summary, a, mode);
        int distinct = 0;
        for (long count : counts) {
          distinct += count > 0 ? 1 : 0;
        }
        if (distinct < 2 || tooVaried(distinct, n)) {
          useless++;
          continue;
        }
        double total = summary.totalWeight();
        for (int v = k <= 2 ? 1 : 0; v < k; v++) {
          if (counts[v] == 0 || counts[v] == n) {
            constant++;
            continue;
          }
          double s1 = summary.weight(a, v) + (v == mode ? summary.missingWeight(a) : 0.0);
          double s0 = total - s1;
          kind[inputs] = Kind.INDICATOR;
          column[inputs] = a;
          replacement[inputs] = mode;
          indicatedValue[inputs] = v;
          mean[inputs] = total > 0 ? s1 / total : 0.0;
          double denominator = reliabilityDenominator(total, summary.squaredWeight());
          stdDev[inputs] = denominator > 0 ? Math.sqrt(Math.max(0.0, s1 * s0 / total / denominator)) : Double.NaN;
          inputs++;
        }
      } else if (a != summary.classIndex()) {
        useless++;
      }
    }
    return new InputEncoder(columns, java.util.Arrays.copyOf(kind, inputs), java.util.Arrays.copyOf(column, inputs),
        java.util.Arrays.copyOf(scale, inputs), java.util.Arrays.copyOf(replacement, inputs),
        java.util.Arrays.copyOf(mean, inputs), java.util.Arrays.copyOf(stdDev, inputs),
        java.util.Arrays.copyOf(indicatedValue, inputs), useless, constant);
  }

  /**
   * @param total S = Σ s over the rows
   * @param squared Σ s² over the same rows (in the square of S's unit)
   * @return S − Σs²/S, the divisor of M2 in the unbiased variance for reliability weights (n − 1 for unit weights,
   *     ≤ 0 when one row has all the weight)
   */
  static double reliabilityDenominator(double total, double squared) {
    return total > 0 ? total - squared / total : 0.0;
  }

  /** RemoveUseless' test for a numeric column after missing values became r: two or more distinct values. */
  private static boolean numericVaries(ColumnSummary summary, ColumnMoments moments, int a, double r) {
    if (summary.missing(a) == summary.numRows()) {
      return false;
    }
    double lowest = summary.min(a) * moments.scale(a);
    double highest = summary.max(a) * moments.scale(a);
    if (Double.compare(lowest, highest) != 0) {
      return true;
    }
    return summary.missing(a) > 0 && Double.compare(r, lowest) != 0;
  }

  /** The value of largest weight, the first of equals (ReplaceMissingValues' mode); 0 if none is present. */
  private static int mode(ColumnSummary summary, int a) {
    int best = 0;
    for (int v = 1; v < summary.numValues(a); v++) {
      if (summary.weight(a, v) > summary.weight(a, best)) {
        best = v;
      }
    }
    return best;
  }

  private static long[] countsAfterReplacement(ColumnSummary summary, int a, int mode) {
    long[] counts = new long[summary.numValues(a)];
    for (int v = 0; v < counts.length; v++) {
      counts[v] = summary.count(a, v);
    }
    if (counts.length > 0) {
      counts[mode] += summary.missing(a);
    }
    return counts;
  }

  private static boolean tooVaried(int distinct, long rows) {
    return distinct * 100.0 / rows > MAX_VARIANCE_PERCENT;
  }

  /**
   * Writes (1, x_1, …, x_m) for one raw row.
   *
   * @param values the raw row (all columns, the class included; it is ignored)
   * @param x receives the input row
   * @param offset where the row starts in x
   */
  public void encode(double[] values, double[] x, int offset) {
    if (values.length != numColumns) {
      throw new IllegalArgumentException("row has " + values.length + " values, expected " + numColumns);
    }
    x[offset] = 1.0;
    for (int i = 0; i < kind.length; i++) {
      double v = values[column[i]];
      double input;
      if (kind[i] == Kind.NUMERIC) {
        input = Double.isNaN(v) ? replacement[i] : v * scale[i];
      } else {
        input = (Double.isNaN(v) ? replacement[i] : v) == indicatedValue[i] ? 1.0 : 0.0;
      }
      input = stdDev[i] > 0 ? (input - mean[i]) / stdDev[i] : input - mean[i];
      x[offset + 1 + i] = input;
    }
  }

  /**
   * Finds an input that is not finite (a value so far outside the training range that standardizing it
   * overflows), so that the caller can name it.
   *
   * @param x encoded rows
   * @param offset where the row starts (its bias)
   * @return the first such input (0-based, bias excluded), or −1 if all are finite
   */
  public int firstNonFiniteInput(double[] x, int offset) {
    for (int i = 0; i < kind.length; i++) {
      double value = x[offset + 1 + i];
      if (!(value > Double.NEGATIVE_INFINITY && value < Double.POSITIVE_INFINITY)) {
        return i;
      }
    }
    return -1;
  }

  /** @return m, the number of inputs */
  public int numInputs() {
    return kind.length;
  }

  /** @return the number of columns a raw row has */
  public int numColumns() {
    return numColumns;
  }

  /**
   * @param i an input (0-based, bias excluded)
   * @return the column it is computed from
   */
  public int column(int i) {
    return column[i];
  }

  /**
   * @param i an input
   * @return the nominal value index it indicates, or −1 if it is a numeric input
   */
  public int indicatedValue(int i) {
    return indicatedValue[i];
  }

  /**
   * @param i an input
   * @return the power-of-two scale a numeric input's value is multiplied by (1 for an indicator)
   */
  public double scale(int i) {
    return kind[i] == Kind.NUMERIC ? scale[i] : 1.0;
  }

  /**
   * @param i an input
   * @return what replaces a missing value: the scaled replacement of a numeric input, the mode's value index for an
   *     indicator
   */
  public double replacement(int i) {
    return replacement[i];
  }

  /**
   * @param i an input
   * @return μ, subtracted in standardization
   */
  public double mean(int i) {
    return mean[i];
  }

  /**
   * @param i an input
   * @return σ, divided by in standardization when it is positive (NaN when undefined: then only μ is subtracted)
   */
  public double stdDev(int i) {
    return stdDev[i];
  }

  /** @return the number of columns dropped as useless (constant, or nominal with nearly all values distinct) */
  public int numUselessRemoved() {
    return numUselessRemoved;
  }

  /** @return the number of indicator inputs dropped because they were constant on the training rows */
  public int numConstantInputsRemoved() {
    return numConstantInputsRemoved;
  }
}
