package weka.classifiers.functions.backprop.bridge;

import java.io.InvalidObjectException;
import java.util.Arrays;

import weka.classifiers.functions.backprop.Checksum;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.preprocess.TargetSums;
import weka.classifiers.rules.ZeroR;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The class prior, as Weka's ZeroR predicts it, with the reason no network was trained (training data with
 * nothing to learn). Immutable; it cannot be updated by a stream.
 */
public final class PriorModel extends ModelState {

  private static final long serialVersionUID = 1L;

  /**
   * Weights whose sum overflows are summed in units of 2^960: each is then below 2^64, and their sum stays finite for
   * any number of instances.
   */
  static final int OVERFLOW_UNIT_EXPONENT = 960;

  private final Instances header;
  private final ZeroR prior;
  private final String reason;
  private final int missingClassDropped;
  /** {@link Checksum} of the prior's distribution; {@link Checksum#NONE} in models saved before it was kept. */
  private final long checksum;

  PriorModel(Instances header, ZeroR prior, String reason, int missingClassDropped) {
    this.header = header;
    this.prior = prior;
    this.reason = reason;
    this.missingClassDropped = missingClassDropped;
    long sum;
    try {
      sum = new Checksum().add(priorDistribution()).value();
    } catch (Exception e) {
      sum = Checksum.NONE; // a ZeroR that cannot predict is refused by validate() when loaded
    }
    this.checksum = sum;
  }

  /** @return the prior: what ZeroR predicts for any instance */
  private double[] priorDistribution() throws Exception {
    return priorDistribution(header, prior);
  }

  /**
   * @param header the training header
   * @param prior ZeroR built on it
   * @return what it predicts for any instance
   */
  static double[] priorDistribution(Instances header, ZeroR prior) throws Exception {
    double[] missing = new double[header.numAttributes()];
    Arrays.fill(missing, Utils.missingValue());
    DenseInstance blank = new DenseInstance(1.0, missing);
    blank.setDataset(header);
    return prior.distributionForInstance(blank);
  }

  @Override
  public JavaSource javaSource() throws Exception {
    return JavaSource.prior(header, priorDistribution(), reason);
  }

  @Override
  public void validate() throws InvalidObjectException {
    if (header == null || prior == null || reason == null) {
      throw new InvalidObjectException("the class prior has no " + (header == null ? "header"
          : prior == null ? "ZeroR" : "reason"));
    }
    TrainingData.validateHeader(header, false);
    double[] distribution;
    try {
      distribution = priorDistribution();
    } catch (Exception e) {
      throw new InvalidObjectException("the class prior cannot predict: " + e);
    }
    boolean nominal = header.classAttribute().isNominal();
    if (distribution.length != (nominal ? header.numClasses() : 1)) {
      throw new InvalidObjectException("the class prior gives " + distribution.length + " values for the "
          + header.numClasses() + " class values");
    }
    for (double p : distribution) {
      if (!(p > Double.NEGATIVE_INFINITY && p < Double.POSITIVE_INFINITY) || nominal && !(p >= 0 && p <= 1)) {
        throw new InvalidObjectException("the class prior has the value " + p);
      }
    }
    if (checksum != Checksum.NONE && checksum != new Checksum().add(distribution).value()) {
      throw new InvalidObjectException("the class prior does not match its checksum: the file was changed or "
          + "damaged");
    }
    if (missingClassDropped < 0) {
      throw new InvalidObjectException("the model counts " + missingClassDropped + " instances without a class");
    }
  }

  /**
   * @param header the training header
   * @param train the training instances with a class value
   * @param reason why no network was trained
   * @param missingClassDropped training instances dropped because their class was missing
   * @return ZeroR built on the instances
   * @throws Exception if ZeroR fails
   */
  static PriorModel of(Instances header, Instances train, String reason, int missingClassDropped) throws Exception {
    ZeroR zeroR;
    if (train.classAttribute().isNominal() && !(train.sumOfWeights() < Double.POSITIVE_INFINITY)) {
      // weights whose sum overflows: ZeroR would give NaN, so it is given the class totals in a unit that keeps
      // them finite (beside such weights, its Laplace count of 1 per class is nothing anyway)
      double[] classWeights = new double[train.numClasses()];
      for (int k = 0; k < train.numInstances(); k++) {
        classWeights[(int) train.instance(k).classValue()] += Math.scalb(train.instance(k).weight(),
            -OVERFLOW_UNIT_EXPONENT);
      }
      zeroR = prior(header, classWeights);
    } else {
      zeroR = new ZeroR();
      zeroR.buildClassifier(train);
      if (train.classAttribute().isNumeric() && !(Math.abs(priorDistribution(header, zeroR)[0])
          < Double.POSITIVE_INFINITY)) {
        // weighted class values whose sum overflows: the weighted mean from sums in power-of-two units, which do not
        TargetSums sums = new TargetSums();
        for (int k = 0; k < train.numInstances(); k++) {
          sums.add(train.instance(k).classValue(), train.instance(k).weight());
        }
        zeroR = prior(header, new double[] {1.0}, sums.mean());
      }
    }
    return new PriorModel(header, zeroR, reason, missingClassDropped);
  }

  /**
   * The prior of a numeric class fitted elsewhere (by the Spark adapter, from the class's merged moments): ZeroR
   * predicting the class values' weighted mean, as {@link #of} builds it on the instances (up to the rounding of the
   * mean; exactly the value of a class that does not vary).
   *
   * @param header the training header, a numeric class set (copied without instances)
   * @param mean the weighted mean of the class values, finite
   * @param reason why no network was trained
   * @param missingClassDropped training instances dropped because their class was missing
   * @return the prior, which a classifier adopts
   * @throws IllegalArgumentException if the class is not numeric or the mean is not finite
   */
  public static PriorModel ofMean(Instances header, double mean, String reason, int missingClassDropped) {
    if (header.classIndex() < 0 || !header.classAttribute().isNumeric()
        || !(Math.abs(mean) < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("a prior mean " + mean + " needs a numeric class and a finite mean");
    }
    Instances own = TrainingData.ownHeader(header);
    try {
      return new PriorModel(own, prior(own, new double[] {1.0}, mean), reason, missingClassDropped);
    } catch (Exception e) {
      throw new IllegalStateException("ZeroR could not be built on the mean " + mean + ": " + e, e);
    }
  }

  /**
   * The class prior from the total weight of each class, as Weka's ZeroR computes it from the instances
   * (Laplace-corrected weighted counts): ZeroR needs only the total weight of each class, so it is given one
   * instance per class carrying that weight (the same numbers for whole weights; other weights may differ in the
   * last bit, being summed per class first).
   *
   * @param header the training header
   * @param classWeights the total weight of each class
   * @return a ZeroR built on the class weights
   * @throws Exception if ZeroR fails
   */
  static ZeroR prior(Instances header, double[] classWeights) throws Exception {
    return prior(header, classWeights, 0.0);
  }

  /**
   * The prior from a stream's sums: for a nominal class as {@link #prior(Instances, double[])}, for a numeric class
   * the weighted mean of the class values (ZeroR's prediction), given as one instance carrying the total weight.
   *
   * @param header the training header
   * @param classWeights the total weight of each class (numeric class: one total)
   * @param targetMean for a numeric class, the weighted mean of the class values
   * @return a ZeroR built on them
   * @throws Exception if ZeroR fails
   */
  static ZeroR prior(Instances header, double[] classWeights, double targetMean) throws Exception {
    if (header.classAttribute().isNumeric()) {
      Instances mean = new Instances(header, 1);
      if (classWeights.length == 1 && classWeights[0] > 0) {
        double[] values = new double[header.numAttributes()];
        Arrays.fill(values, Utils.missingValue());
        values[header.classIndex()] = targetMean;
        mean.add(new DenseInstance(classWeights[0], values));
      }
      ZeroR zeroR = new ZeroR();
      zeroR.buildClassifier(mean);
      return zeroR;
    }
    Instances totals = new Instances(header, classWeights.length);
    for (int c = 0; c < classWeights.length; c++) {
      double[] values = new double[header.numAttributes()];
      Arrays.fill(values, Utils.missingValue());
      values[header.classIndex()] = c;
      totals.add(new DenseInstance(classWeights[c], values));
    }
    ZeroR zeroR = new ZeroR();
    zeroR.buildClassifier(totals);
    return zeroR;
  }

  @Override
  public Instances header() {
    return header;
  }

  @Override
  public TrainingResult result() {
    return null;
  }

  @Override
  public double[] distribution(Instance instance) throws Exception {
    return prior.distributionForInstance(instance);
  }

  @Override
  public double[][] distributions(Instances instances) throws Exception {
    return distributions(prior, instances);
  }

  /** @return the prior's distribution for each instance */
  static double[][] distributions(ZeroR prior, Instances instances) throws Exception {
    double[][] result = new double[instances.numInstances()][];
    for (int k = 0; k < result.length; k++) {
      result[k] = prior.distributionForInstance(instances.instance(k));
    }
    return result;
  }

  @Override
  public void describe(StringBuilder text, ModelText.Context context) {
    ModelText.facts(text, null, missingClassDropped);
    ModelText.prior(text, "No network was trained: " + reason + ".\n", prior.toString());
  }

  @Override
  public StreamTrainer stream() {
    throw new IllegalStateException(TrainingLog.PREFIX + "this model predicts the class prior (no network was "
        + "trained: " + reason + ") and cannot be updated; start incremental training with buildClassifier on the "
        + "header without instances, then updateClassifier");
  }
}
