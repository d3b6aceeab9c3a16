package weka.classifiers.functions.backprop.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.core.Instance;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;
import weka.filters.unsupervised.attribute.Standardize;

/**
 * The preprocessing of models saved by version 1.0: Weka's own filters, fitted on the training data and kept
 * for prediction. Training now uses {@link StatisticsPreprocessing}, which computes the same from mergeable
 * statistics without copying the data; this class remains so that saved models load, predict and go on being
 * updated (the tests fit it, as the reference the new one is tested against). The filters, in order:
 * <ol>
 *   <li>{@link PowerOfTwoScaling}: every numeric attribute is multiplied by a power of two so that its largest
 *       absolute value lies in [1, 2): exact, invisible after standardization, and it keeps the sums of the
 *       following filters from overflowing (values near ±1e300) or underflowing (subnormal values);</li>
 *   <li>{@link ReplaceMissingValues}: a missing value becomes the attribute's training mean or mode;</li>
 *   <li>{@link RemoveUseless}: attributes that are constant (or nominal with nearly all values distinct)
 *       are removed;</li>
 *   <li>{@link NominalToBinary}: a nominal attribute becomes one 0/1 input (two values) or one indicator
 *       input per value;</li>
 *   <li>{@link RemoveUseless} again: indicator inputs that are constant in the training data (a nominal value
 *       that never occurs there) are removed, so that no untrained weight meets such a value at prediction;
 *       an unseen value then reads as "none of the values seen in training";</li>
 *   <li>{@link Standardize}: every input is shifted and scaled to mean 0, standard deviation 1 on the
 *       training data.</li>
 * </ol>
 * The class attribute is left as it is; each matrix row is (1, inputs…), the bias x0 = 1 first.
 * Weka's filters keep state while converting one instance, so single-instance conversion is synchronized.
 *
 * <p>Every converted row is checked to be finite; a value that is not (a prediction value so far outside the
 * training range that standardizing it overflows) fails with a message naming the input.
 */
public final class Preprocessing implements Preprocessor {

  private static final long serialVersionUID = 1L;

  private final Filter[] filters;
  private final Instances outputHeader;
  private final int numInputs;
  private final int numUselessRemoved;
  private final int numConstantInputsRemoved;

  /**
   * @param filters the fitted filters, in the order above
   * @param outputHeader the header the filters output
   * @param numUselessRemoved attributes the first RemoveUseless removed
   * @param numConstantInputsRemoved binary inputs the second RemoveUseless removed
   */
  Preprocessing(Filter[] filters, Instances outputHeader, int numUselessRemoved, int numConstantInputsRemoved) {
    this.filters = filters;
    this.numUselessRemoved = numUselessRemoved;
    this.numConstantInputsRemoved = numConstantInputsRemoved;
    this.outputHeader = outputHeader;
    this.numInputs = outputHeader.numAttributes() - 1;
  }

  /** @return m, the number of network inputs after preprocessing */
  @Override
  public int numInputs() {
    return numInputs;
  }

  /** @return the number of attributes RemoveUseless dropped */
  @Override
  public int numUselessRemoved() {
    return numUselessRemoved;
  }

  /**
   * @return the number of binary inputs removed because they were constant in the training data (indicators
   *         of nominal values that never occur there)
   */
  @Override
  public int numConstantInputsRemoved() {
    return numConstantInputsRemoved;
  }

  @Override
  public List<String> inputNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < numInputs; i++) {
      names.add(inputName(i));
    }
    return Collections.unmodifiableList(names);
  }
  /** Version 1.0's filters keep their statistics in Weka's filter objects: there is no encoder to write out. */
  @Override
  public InputEncoder encoder() throws Exception {
    throw new Exception(TrainingLog.PREFIX + "this model was trained by version 1.0, whose preprocessing is a chain "
        + "of Weka filters; its Java source cannot be written: train the model again with this version");
  }


  /**
   * Converts a batch of instances (class values may be missing) into rows for prediction.
   *
   * @param data instances with the training header
   * @return row-major rows with the bias column, numInstances × (m + 1)
   * @throws Exception if a Weka filter fails
   */
  @Override
  public double[] toRows(Instances data) throws Exception {
    return toRows(data, 0, data.numInstances());
  }

  @Override
  public double[] toRows(Instances data, int from, int to) throws Exception {
    Instances filtered = filter(from == 0 && to == data.numInstances() ? data : new Instances(data, from, to - from));
    int width = numInputs + 1;
    double[] x = new double[Math.multiplyExact(filtered.numInstances(), width)];
    for (int k = 0; k < filtered.numInstances(); k++) {
      copyInputs(filtered.instance(k), x, k * width);
      checkFinite(x, k * width, "instance " + (from + k + 1));
    }
    return x;
  }

  /**
   * Converts one instance for prediction.
   *
   * @param instance an instance with the training header
   * @return (1, inputs…), m + 1 values
   * @throws Exception if a Weka filter fails
   */
  @Override
  public synchronized double[] toRow(Instance instance) throws Exception {
    Instance current = instance;
    for (Filter filter : filters) {
      if (!filter.input(current)) {
        throw new IllegalStateException("filter " + filter.getClass().getSimpleName() + " held back an instance");
      }
      current = filter.output();
    }
    double[] row = new double[numInputs + 1];
    copyInputs(current, row, 0);
    checkFinite(row, 0, "the instance");
    return row;
  }

  private Instances filter(Instances data) throws Exception {
    Instances current = data;
    for (Filter filter : filters) {
      synchronized (this) {
        current = Filter.useFilter(current, filter);
      }
    }
    return current;
  }

  /**
   * @throws IllegalArgumentException naming the input if a preprocessed value is not finite
   */
  private void checkFinite(double[] x, int offset, String where) {
    for (int i = 1; i <= numInputs; i++) {
      double value = x[offset + i];
      if (!(value > Double.NEGATIVE_INFINITY && value < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(TrainingLog.PREFIX + "input '" + inputName(i - 1) + "' of " + where
            + " is " + value + " after standardization (a value far outside the training range overflows); "
            + "inputs must stay finite");
      }
    }
  }

  /** @return the name of network input i (0-based, class excluded) */
  private String inputName(int i) {
    int classIndex = outputHeader.classIndex();
    return outputHeader.attribute(i < classIndex || classIndex < 0 ? i : i + 1).name();
  }

  private void copyInputs(Instance instance, double[] x, int offset) {
    x[offset] = 1.0;
    int classIndex = instance.classIndex();
    int column = offset + 1;
    for (int a = 0; a < instance.numAttributes(); a++) {
      if (a != classIndex) {
        x[column++] = instance.value(a);
      }
    }
  }
}
