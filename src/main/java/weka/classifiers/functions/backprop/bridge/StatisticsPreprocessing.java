package weka.classifiers.functions.backprop.bridge;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import weka.classifiers.functions.backprop.preprocess.ColumnMoments;
import weka.classifiers.functions.backprop.preprocess.ColumnSummary;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The preprocessing fitted from statistics: two passes over the training instances
 * ({@link ColumnSummary}, then {@link ColumnMoments}) fit an {@link InputEncoder}, which computes what Weka's
 * filter chain PowerOfTwoScaling → ReplaceMissingValues → RemoveUseless → NominalToBinary → RemoveUseless →
 * Standardize computes (see {@link InputEncoder}), without copying the data: each instance is encoded straight
 * into the engine's dense matrix. The statistics are sums that merge, so the same preprocessing can be fitted
 * from blocks of rows (a cluster's partitions) or from a stream's first buffer.
 *
 * <p>Encoding keeps no state, so predictions need no lock. Every encoded row is checked to be finite; a value
 * that is not (a prediction value so far outside the training range that standardizing it overflows) fails
 * with a message naming the input.
 */
public final class StatisticsPreprocessing implements Preprocessor {

  private static final long serialVersionUID = 1L;

  private final InputEncoder encoder;
  private final List<String> inputNames;
  /** The standardization of a numeric class; null for a nominal class (and in models saved before 1.3). */
  private final TargetScale target;

  /**
   * @param encoder the fitted encoder
   * @param header the training header (names the inputs)
   */
  public StatisticsPreprocessing(InputEncoder encoder, Instances header) {
    this(encoder, header, null);
  }

  private StatisticsPreprocessing(InputEncoder encoder, Instances header, TargetScale target) {
    this.target = target;
    if (encoder.numColumns() != header.numAttributes()) {
      throw new IllegalArgumentException("the encoder has " + encoder.numColumns() + " columns, the header "
          + header.numAttributes() + " attributes");
    }
    this.encoder = encoder;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < encoder.numInputs(); i++) {
      Attribute attribute = header.attribute(encoder.column(i));
      int value = encoder.indicatedValue(i);
      names.add(value < 0 ? attribute.name() : attribute.name() + "=" + attribute.value(value));
    }
    this.inputNames = Collections.unmodifiableList(names);
  }

  /** A loaded preprocessing is checked before it is used: an encoder (itself checked) and a name for each input. */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (encoder == null || inputNames == null || inputNames.size() != encoder.numInputs()) {
      throw new InvalidObjectException("the preprocessing has " + (encoder == null ? "no encoder"
          : (inputNames == null ? "no" : inputNames.size()) + " input names for " + encoder.numInputs() + " inputs"));
    }
  }

  /**
   * @param header the training header the model keeps
   * @throws InvalidObjectException if the encoder does not fit it: another number of columns, a numeric input read
   *     from an attribute that is not numeric, an indicator of a value the attribute does not have
   */
  void validate(Instances header) throws InvalidObjectException {
    if ((target != null) != header.classAttribute().isNumeric()) {
      throw new InvalidObjectException("the preprocessing " + (target == null ? "has no" : "has a") + " numeric "
          + "target's scale, but the class attribute '" + header.classAttribute().name() + "' is "
          + Attribute.typeToString(header.classAttribute()));
    }
    if (encoder.numColumns() != header.numAttributes()) {
      throw new InvalidObjectException("the preprocessing reads " + encoder.numColumns() + " columns, but the header "
          + "has " + header.numAttributes() + " attributes");
    }
    for (int i = 0; i < encoder.numInputs(); i++) {
      Attribute attribute = header.attribute(encoder.column(i));
      int value = encoder.indicatedValue(i);
      boolean fits = value < 0 ? attribute.isNumeric() : attribute.isNominal() && value < attribute.numValues();
      if (!fits || encoder.column(i) == header.classIndex()) {
        throw new InvalidObjectException("input " + (i + 1) + " of the preprocessing does not fit attribute '"
            + attribute.name() + "'");
      }
    }
  }

  /**
   * @param scale the standardization of a numeric class, fitted on the same training data (here by
   *     {@link #fitTarget}, on a cluster from the merged moments of its blocks)
   * @param header the training header
   * @return this preprocessing with the target's standardization
   */
  public StatisticsPreprocessing withTarget(TargetScale scale, Instances header) {
    return new StatisticsPreprocessing(encoder, header, scale);
  }

  /**
   * Fits the standardization of a numeric class on training instances.
   *
   * @param train instances with a numeric class value each
   * @return the scale, or null if the class does not vary (nothing to learn)
   */
  static TargetScale fitTarget(Instances train) {
    double[] t = new double[train.numInstances()];
    double[] s = new double[t.length];
    for (int k = 0; k < t.length; k++) {
      t[k] = train.instance(k).classValue();
      s[k] = train.instance(k).weight();
    }
    return TargetScale.fit(t, s);
  }

  @Override
  public TargetScale targetScale() {
    return target;
  }

  /**
   * Fits the preprocessing of the inputs on training data (two passes, no copy of the data); a numeric class's
   * standardization is added by {@link #withTarget}.
   *
   * @param train training data with a class attribute (not modified)
   * @return the fitted preprocessing
   */
  public static StatisticsPreprocessing fit(Instances train) {
    ColumnSummary summary = new ColumnSummary(columnKinds(train), train.classIndex());
    for (int k = 0; k < train.numInstances(); k++) {
      Instance instance = train.instance(k);
      summary.add(instance.toDoubleArray(), instance.weight());
    }
    ColumnMoments moments = new ColumnMoments(summary);
    for (int k = 0; k < train.numInstances(); k++) {
      Instance instance = train.instance(k);
      moments.add(instance.toDoubleArray(), instance.weight());
    }
    return new StatisticsPreprocessing(InputEncoder.fit(summary, moments), train);
  }

  /**
   * @param header a Weka header
   * @return the column kinds {@link ColumnSummary} expects: numeric (and date) columns, nominal columns with
   *         their number of values, and every other type ignored
   */
  public static int[] columnKinds(Instances header) {
    int[] kinds = new int[header.numAttributes()];
    for (int a = 0; a < kinds.length; a++) {
      Attribute attribute = header.attribute(a);
      kinds[a] = attribute.isNumeric() ? ColumnSummary.NUMERIC
          : attribute.isNominal() ? attribute.numValues() : ColumnSummary.IGNORED;
    }
    return kinds;
  }

  @Override
  public double[] toRows(Instances data) {
    return toRows(data, 0, data.numInstances());
  }

  @Override
  public double[] toRows(Instances data, int from, int to) {
    int width = numInputs() + 1;
    double[] x = new double[Math.multiplyExact(to - from, width)];
    for (int k = from; k < to; k++) {
      encode(data.instance(k).toDoubleArray(), x, (k - from) * width, "instance " + (k + 1));
    }
    return x;
  }

  @Override
  public double[] toRow(Instance instance) {
    double[] row = new double[numInputs() + 1];
    encode(instance.toDoubleArray(), row, 0, "the instance");
    return row;
  }

  /**
   * Encodes one row: (1, x_1, …, x_m) into x at offset.
   *
   * @param values the attribute values, Weka's internal values (class included, ignored)
   * @param x where the row goes
   * @param offset its first position
   * @param where the row, for the message
   * @throws IllegalArgumentException naming the input and the row if a value is not finite after encoding
   */
  public void encode(double[] values, double[] x, int offset, String where) {
    encoder.encode(values, x, offset);
    int bad = encoder.firstNonFiniteInput(x, offset);
    if (bad >= 0) {
      throw nonFinite(inputNames.get(bad), where, x[offset + 1 + bad]);
    }
  }

  /**
   * @param input the input's name
   * @param where which instance
   * @param value its value
   * @return the error for an input that became infinite or NaN
   */
  private static IllegalArgumentException nonFinite(String input, String where, double value) {
    return new IllegalArgumentException(TrainingLog.PREFIX + "input '" + input + "' of " + where + " is " + value
        + " after standardization (a value far outside the training range overflows); inputs must stay finite");
  }

  @Override
  public int numInputs() {
    return encoder.numInputs();
  }

  @Override
  public int numUselessRemoved() {
    return encoder.numUselessRemoved();
  }

  @Override
  public int numConstantInputsRemoved() {
    return encoder.numConstantInputsRemoved();
  }

  @Override
  public List<String> inputNames() {
    return inputNames;
  }

  @Override
  public InputEncoder encoder() {
    return encoder;
  }
}
