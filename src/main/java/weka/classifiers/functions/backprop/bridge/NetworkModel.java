package weka.classifiers.functions.backprop.bridge;

import java.io.InvalidObjectException;

import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A trained network with what it needs to predict and to describe itself: the training header, the fitted
 * preprocessing, how training went, how many training instances were dropped for a missing class, and where it
 * was trained if not by buildClassifier (the Spark adapter builds one with {@link #trainedElsewhere} and the
 * classifier adopts it). Immutable.
 */
public final class NetworkModel extends ModelState {

  private static final long serialVersionUID = 1L;

  private final Instances header;
  private final Preprocessor preprocessing;
  private final TrainingResult result;
  private final int missingClassDropped;
  /** Where and how the network was trained if not by buildClassifier (e.g. "on Spark …"), else null. */
  private final String trainedWhere;

  NetworkModel(Instances header, Preprocessor preprocessing, TrainingResult result, int missingClassDropped,
      String trainedWhere) {
    this.header = header;
    this.preprocessing = preprocessing;
    this.result = result;
    this.missingClassDropped = missingClassDropped;
    this.trainedWhere = trainedWhere;
  }

  /**
   * A network trained outside buildClassifier (by the Spark adapter, with the same engine and preprocessing),
   * which a classifier adopts to predict with it, describe it and save it exactly like one it trained itself.
   *
   * @param header the training data's header, class attribute set (copied without instances)
   * @param preprocessing the fitted preprocessing (its inputs are the network's)
   * @param result the trained network and its training history
   * @param missingClassDropped how many instances were ignored because their class was missing
   * @param trainedWhere where and how it was trained, for the model text (e.g. "on Spark, 8 partitions")
   * @return the model
   * @throws IllegalArgumentException if the network does not fit the preprocessing or the header's class
   */
  public static NetworkModel trainedElsewhere(Instances header, Preprocessor preprocessing, TrainingResult result,
      int missingClassDropped, String trainedWhere) {
    NetworkShape shape = result.network().shape();
    if (shape.numInputs() != preprocessing.numInputs() || shape.numClasses() != header.numClasses()) {
      throw new IllegalArgumentException("the network (" + shape.numInputs() + " inputs, " + shape.numClasses()
          + " classes) does not fit the preprocessing (" + preprocessing.numInputs() + " inputs) and the class ("
          + header.numClasses() + " values)");
    }
    return new NetworkModel(TrainingData.ownHeader(header), preprocessing, result, missingClassDropped, trainedWhere);
  }

  @Override
  public void validate() throws InvalidObjectException {
    if (header == null || preprocessing == null || result == null) {
      throw new InvalidObjectException("the model has no " + (header == null ? "header"
          : preprocessing == null ? "preprocessing" : "network"));
    }
    validateParts(header, preprocessing, result.network().shape(), missingClassDropped, "the network has");
  }

  /**
   * Checks that a loaded model's parts agree: the header, the preprocessing (fitted on it) and the network shape
   * (its inputs are the preprocessing's, its classes the header's).
   *
   * @param what the subject of the messages, e.g. "the network has"
   */
  static void validateParts(Instances header, Preprocessor preprocessing, NetworkShape shape, int missingClassDropped,
      String what) throws InvalidObjectException {
    TrainingData.validateHeader(header, true);
    if (shape.numInputs() != preprocessing.numInputs()) {
      throw new InvalidObjectException(what + " " + shape.numInputs() + " inputs, but its preprocessing gives "
          + preprocessing.numInputs());
    }
    if (shape.numClasses() != header.numClasses()) {
      throw new InvalidObjectException(what + " " + shape.numClasses() + " classes, but the class attribute '"
          + header.classAttribute().name() + "' has " + header.numClasses() + " values");
    }
    if (preprocessing instanceof StatisticsPreprocessing) {
      ((StatisticsPreprocessing) preprocessing).validate(header);
    }
    if (missingClassDropped < 0) {
      throw new InvalidObjectException("the model counts " + missingClassDropped + " instances without a class");
    }
  }

  /** @return the same model with a network trained further (the next buffer of a stream) */
  NetworkModel withResult(TrainingResult trainedFurther) {
    return new NetworkModel(header, preprocessing, trainedFurther, missingClassDropped, trainedWhere);
  }

  @Override
  public Instances header() {
    return header;
  }

  @Override
  public TrainingResult result() {
    return result;
  }

  /** @return the fitted preprocessing */
  Preprocessor preprocessing() {
    return preprocessing;
  }

  /** @return training instances dropped because their class was missing */
  int missingClassDropped() {
    return missingClassDropped;
  }

  @Override
  public double[] distribution(Instance instance) throws Exception {
    return distribution(preprocessing, result.network(), instance);
  }

  @Override
  public double[][] distributions(Instances instances) throws Exception {
    return distributions(preprocessing, result.network(), instances);
  }

  /**
   * @param preprocessing the fitted preprocessing
   * @param network the network
   * @param instance an instance with the training header
   * @return p, the network's class probabilities
   */
  static double[] distribution(Preprocessor preprocessing, Network network, Instance instance) throws Exception {
    return prediction(preprocessing, network.distribution(preprocessing.toRow(instance)), "the instance");
  }

  /**
   * @param preprocessing the fitted preprocessing
   * @param output the network's (or committee's) output for one instance: class probabilities, or the standardized
   *     prediction of a numeric class
   * @param where the instance, for the message
   * @return the class probabilities (checked), or the numeric prediction on the class's scale (checked finite)
   */
  static double[] prediction(Preprocessor preprocessing, double[] output, String where) {
    TargetScale target = preprocessing.targetScale();
    if (target == null) {
      return checkDistribution(output, where);
    }
    output[0] = target.original(output[0]);
    if (!(Math.abs(output[0]) < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "the network's prediction for " + where + " is "
          + output[0] + ": its numeric values are too far outside the training range");
    }
    return output;
  }

  /**
   * @param preprocessing the fitted preprocessing
   * @param network the network
   * @param instances instances with the training header
   * @return p of each instance, the rows through the network in blocks of at most {@link #BLOCK_VALUES} encoded
   *     values: the memory a batch needs besides its result does not grow with the batch (Weka's Evaluation hands
   *     over the whole test set), and each row's probabilities are the same in any block
   */
  static double[][] distributions(Preprocessor preprocessing, Network network, Instances instances)
      throws Exception {
    return distributions(preprocessing, network::distributions, network.shape().numClasses(),
        network.shape().rowWidth(), instances);
  }

  /** What predicts rows of a row-major matrix: a network, or a committee of networks. */
  interface Probabilities {
    /**
     * @param x row-major rows with the bias column
     * @param firstRow first row to predict
     * @param rows number of rows
     * @param out receives rows × numClasses probabilities
     */
    void of(double[] x, int firstRow, int rows, double[] out);
  }

  /**
   * @param preprocessing the fitted preprocessing
   * @param model the network or committee
   * @param numClasses its classes
   * @param rowWidth m + 1
   * @param instances instances with the training header
   * @return p of each instance, in blocks as {@link #distributions(Preprocessor, Network, Instances)}
   */
  static double[][] distributions(Preprocessor preprocessing, Probabilities model, int numClasses, int rowWidth,
      Instances instances) throws Exception {
    double[][] result = new double[instances.numInstances()][];
    int blockRows = blockRows(rowWidth);
    for (int from = 0; from < result.length; from += blockRows) {
      int to = Math.min(result.length, from + blockRows);
      double[] x = preprocessing.toRows(instances, from, to);
      double[] flat = new double[(to - from) * numClasses];
      model.of(x, 0, to - from, flat);
      for (int k = from; k < to; k++) {
        double[] row = new double[numClasses];
        System.arraycopy(flat, (k - from) * numClasses, row, 0, numClasses);
        result[k] = prediction(preprocessing, row, "instance " + (k + 1));
      }
    }
    return result;
  }

  /** Most encoded values in one block of batch prediction: 2^20, 8 MB. */
  static final int BLOCK_VALUES = 1 << 20;

  /**
   * @param rowWidth m + 1
   * @return rows per block: as many as {@link #BLOCK_VALUES} values hold, at least one
   */
  static int blockRows(int rowWidth) {
    return Math.max(1, BLOCK_VALUES / rowWidth);
  }

  /**
   * A last guard: the network's output is finite for every finite input it was trained for, but inputs
   * extreme enough to overflow its sums (+infinity meeting -infinity) would give NaN.
   */
  static double[] checkDistribution(double[] distribution, String where) {
    for (double p : distribution) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(TrainingLog.PREFIX + "the network's output for " + where + " is not a "
            + "probability (" + p + "): its numeric values are too far outside the training range");
      }
    }
    return distribution;
  }

  @Override
  public JavaSource javaSource() throws Exception {
    return JavaSource.networks(header, preprocessing, result.network());
  }

  @Override
  public void describe(StringBuilder text, ModelText.Context context) {
    describe(text, context, missingClassDropped);
  }

  /** @param missingClass training instances without a class value, the stream's included */
  void describe(StringBuilder text, ModelText.Context context, long missingClass) {
    ModelText.facts(text, trainedWhere, missingClass);
    text.append(ModelText.describe(header, preprocessing, result, context.trainingConfig(), context.balanced(),
        context.options(), context.decimals(), context.printAllWeights()));
  }

  /** A trained network is updated by a stream that continues from its weights, its preprocessing fixed. */
  @Override
  public StreamTrainer stream() {
    return StreamTrainer.continuing(this);
  }
}
