package weka.classifiers.functions.backprop.bridge;

import java.io.Serializable;
import java.util.List;

import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A fitted preprocessing: turns instances with the training header into the network's input rows
 * (1, x_1, …, x_m). {@link StatisticsPreprocessing} fits it from mergeable statistics (what training uses
 * since version 1.1); {@link Preprocessing} is the chain of Weka filters that models saved by version 1.0
 * hold, kept so that they still load and predict.
 */
public interface Preprocessor extends Serializable {

  /**
   * @return the standardization of a numeric class (the network predicts the standardized target), or null for a
   *     nominal class
   */
  default TargetScale targetScale() {
    return null;
  }

  /** @return m, the number of network inputs */
  int numInputs();

  /** @return the number of attributes dropped as useless */
  int numUselessRemoved();

  /** @return the number of binary inputs dropped because they were constant in the training data */
  int numConstantInputsRemoved();

  /** @return the names of the m inputs, in order */
  List<String> inputNames();

  /**
   * @return the fitted statistics as the encoder computes them, for {@link JavaSource}
   * @throws Exception if this preprocessing has no such statistics (version 1.0's filter chain), saying so
   */
  InputEncoder encoder() throws Exception;

  /**
   * Converts a batch of instances (class values may be missing) into rows for prediction.
   *
   * @param data instances with the training header
   * @return row-major rows with the bias column, numInstances × (m + 1)
   * @throws Exception if the conversion fails
   * @throws IllegalArgumentException naming the input and instance if a value becomes infinite
   */
  double[] toRows(Instances data) throws Exception;

  /**
   * Converts instances {@code from} … {@code to − 1} of a batch for prediction (a block of a large batch).
   *
   * @param data instances with the training header
   * @param from first instance, inclusive
   * @param to last instance, exclusive
   * @return row-major rows with the bias column, (to − from) × (m + 1)
   * @throws Exception if the conversion fails
   * @throws IllegalArgumentException naming the input and instance (counted in the whole batch) if a value becomes
   *     infinite
   */
  default double[] toRows(Instances data, int from, int to) throws Exception {
    return toRows(new Instances(data, from, to - from));
  }

  /**
   * Converts one instance for prediction.
   *
   * @param instance an instance with the training header
   * @return (1, inputs…), m + 1 values
   * @throws Exception if the conversion fails
   * @throws IllegalArgumentException naming the input if a value becomes infinite
   */
  double[] toRow(Instance instance) throws Exception;
}
