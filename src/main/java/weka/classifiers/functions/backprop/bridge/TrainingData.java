package weka.classifiers.functions.backprop.bridge;

import java.io.InvalidObjectException;
import java.util.Arrays;

import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.classifiers.functions.backprop.train.ClassBalance;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingMemory;
import weka.classifiers.functions.backprop.train.ValidationSplit;
import weka.classifiers.functions.backprop.tune.Folds;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.core.Utils;

/**
 * The training data, from Weka's instances to the engine's rows, for batch training, each buffer of a stream and
 * the Spark adapter alike (Weka's capabilities aside): the values no model can be fitted to, the instances whose
 * class is missing (dropped), what leaves nothing to learn (then the class prior is predicted, see
 * {@link PriorModel}), the size a network may have, and the loop that turns rows into x (through the
 * preprocessing), y and the weights, with {@link ClassBalance} for -balance. Messages count instances from 1, as
 * in the file.
 */
public final class TrainingData {

  /** Why no network is trained when the preprocessing leaves no input. */
  public static final String NO_VARIATION = "no attribute varies in the training data";
  /** The refusal of -balance for a numeric class. */
  public static final String BALANCE_NEEDS_CLASSES = TrainingLog.PREFIX + "-balance (balanceClasses) weights the "
      + "classes of a nominal class to the same total; the class is numeric, so it has no classes to balance: "
      + "leave -balance off";
  /** Why no network is fitted to a numeric class that has one value (the mean is predicted instead). */
  public static final String NO_TARGET_VARIATION = "the numeric class has the same value in every training instance "
      + "(of positive weight)";

  private TrainingData() {
  }

  // ------------------------------------------------------------------------------------------- checks

  /**
   * Rejects what no model can be fitted to: a weight that is negative, NaN or infinite, an infinite numeric value
   * (NaN is Weka's missing value and is handled), and what does not fit the header: another number of values than
   * it has attributes, or a nominal value (class included) that is not the index of one of the attribute's values.
   *
   * @param data training instances
   * @throws IllegalArgumentException naming the instance, the attribute and the value
   */
  public static void checkValues(Instances data) {
    int n = data.numAttributes();
    boolean[] numeric = new boolean[n];
    int[] nominalValues = new int[n];
    for (int a = 0; a < n; a++) {
      numeric[a] = data.attribute(a).isNumeric();
      nominalValues[a] = data.attribute(a).isNominal() ? data.attribute(a).numValues() : -1;
    }
    for (int k = 0; k < data.numInstances(); k++) {
      Instance instance = data.instance(k);
      if (!fits(instance, n, numeric, nominalValues, data.classIndex())) {
        checkValues(instance, "training instance " + (k + 1)); // throws, naming the instance, attribute and value
      }
    }
  }

  /**
   * The test of {@link #checkValues(Instance, String)} with the attributes' kinds looked up once per data set and no
   * message built (on 100,000 × 50 values, 18 ms a build went into these checks with a message per instance); where
   * it fails, checkValues(Instance, String) finds the problem again and says what it is.
   *
   * @return true if the instance has a finite weight &ge; 0, n values, no infinite numeric input and only nominal
   *     values (class included) that index one of their attribute's values
   */
  private static boolean fits(Instance instance, int n, boolean[] numeric, int[] nominalValues, int classIndex) {
    double weight = instance.weight();
    if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY) || instance.numAttributes() != n) {
      return false;
    }
    for (int i = 0; i < instance.numValues(); i++) {
      int a = instance.index(i);
      double value = instance.valueSparse(i);
      if (a != classIndex && (numeric[a] && Double.isInfinite(value) || !indexesAValue(nominalValues[a], value))) {
        return false;
      }
    }
    return classIndex < 0 || indexesAValue(nominalValues[classIndex], instance.value(classIndex));
  }

  /** @return true unless the attribute is nominal (numValues &ge; 0) and the value, not missing, is no value's index */
  private static boolean indexesAValue(int numValues, double value) {
    return numValues < 0 || Double.isNaN(value) || value >= 0 && value < numValues && value == Math.rint(value);
  }

  /**
   * @param instance a training instance
   * @param where the instance, for the message ("training instance 3", "stream instance 12")
   * @throws IllegalArgumentException naming the instance, the attribute and the value
   */
  public static void checkValues(Instance instance, String where) {
    double weight = instance.weight();
    if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + where + " has weight " + weight
          + "; instance weights must be finite and >= 0");
    }
    checkPredictionValues(instance, where);
    int classIndex = instance.classIndex();
    if (classIndex >= 0) {
      checkNominal(instance.attribute(classIndex), instance.value(classIndex), where, "class attribute");
    }
  }

  /**
   * @param instance an instance to predict (or to train on), with a header
   * @param where the instance, for the message
   * @throws IllegalArgumentException if it does not have one value per attribute of its header, or naming the first
   *     input attribute (the class is not read) whose value is infinite (numeric) or not one of its values (nominal)
   */
  public static void checkPredictionValues(Instance instance, String where) {
    int attributes = instance.dataset() == null ? instance.numAttributes() : instance.dataset().numAttributes();
    if (instance.numAttributes() != attributes) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + where + " has " + instance.numAttributes()
          + " values, but its header has " + attributes + " attributes");
    }
    int classIndex = instance.classIndex();
    for (int i = 0; i < instance.numValues(); i++) {
      int a = instance.index(i);
      if (a == classIndex) {
        continue;
      }
      double value = instance.valueSparse(i);
      Attribute attribute = instance.attribute(a);
      if (Double.isInfinite(value) && attribute.isNumeric()) {
        throw new IllegalArgumentException(TrainingLog.PREFIX + where + ": attribute '" + attribute.name()
            + "' has value " + value + "; numeric values must be finite (use a missing value '?' for an unknown one)");
      }
      checkNominal(attribute, value, where, "attribute");
    }
  }

  /**
   * @param attribute an attribute
   * @param value its value in an instance (NaN: missing)
   * @param what "attribute" or "class attribute", for the message
   * @throws IllegalArgumentException if the attribute is nominal and the value is not the index of one of its values
   */
  private static void checkNominal(Attribute attribute, double value, String where, String what) {
    if (!indexesAValue(attribute.isNominal() ? attribute.numValues() : -1, value)) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + where + ": " + what + " '" + attribute.name()
          + "' has value " + value + ", not the index of one of its " + attribute.numValues() + " values (a whole "
          + "number from 0 to " + (attribute.numValues() - 1) + "); the instance does not fit its header");
    }
  }

  /**
   * @param given the header of instances given for prediction, or with a stream's instance
   * @param where null for prediction, else the stream's instance ("stream instance 12")
   * @throws IllegalArgumentException if there is no header
   */
  public static void checkHasHeader(Instances given, String where) {
    if (given == null) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + (where == null
          ? "the instance has no header (dataset); give it the training data's header with Instance.setDataset"
          : where + " has no header (dataset); give it the header given to buildClassifier with "
              + "Instance.setDataset"));
    }
  }

  /**
   * @param training the training header
   * @param given the header of instances given for prediction, or with a stream's instance
   * @param where null for prediction, else the stream's instance ("stream instance 12")
   * @throws IllegalArgumentException if the headers differ (class included), saying how (Weka's
   *     {@link Instances#equalHeadersMsg})
   */
  public static void checkSameHeader(Instances training, Instances given, String where) {
    String difference = training.equalHeadersMsg(given);
    if (difference != null) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + (where == null
          ? "the test data's header does not match the training data's: "
          : "the header of " + where + " does not match the header given to buildClassifier: ") + difference);
    }
  }

  /**
   * @param data training data
   * @return its header, without instances, as the model keeps it: a deep copy. Weka's Instances share attribute
   *     objects, and those share their nominal values; some of Weka's in-place changes (renameAttributeValue)
   *     rename a value in every Instances sharing it, so a model holding a shallow copy of the training header would
   *     change with the caller's data, and a test header changed that way would still look equal to it
   */
  public static Instances ownHeader(Instances data) {
    try {
      return (Instances) new SerializedObject(new Instances(data, 0)).getObject();
    } catch (Exception e) {
      throw new IllegalStateException("the training header could not be copied: " + e, e);
    }
  }

  /**
   * @param header a loaded model's training header
   * @param nominalClass true if the model needs a nominal class of at least two values or a numeric class (a network)
   * @throws InvalidObjectException if it has no class attribute, or not the class the model needs
   */
  static void validateHeader(Instances header, boolean nominalClass) throws InvalidObjectException {
    if (header.classIndex() < 0 || header.classIndex() >= header.numAttributes()) {
      throw new InvalidObjectException("the model's header has no class attribute");
    }
    if (nominalClass && !(header.classAttribute().isNominal() && header.numClasses() >= 2
        || header.classAttribute().isNumeric())) {
      throw new InvalidObjectException("the class attribute '" + header.classAttribute().name() + "' of the model's "
          + "header is neither nominal with two values or more nor numeric");
    }
  }

  /**
   * A header found equal to the training header, remembered so that the instances given with it are not compared
   * attribute by attribute again: only whether it is still the same object with the same attribute objects in the
   * same order and the same class. Weka's in-place changes of an {@link Instances}' header (renaming, reordering,
   * inserting or deleting attributes or nominal values, another class index) replace or move attribute objects, so
   * they are seen; the check costs one comparison of references per attribute.
   */
  public static final class CheckedHeader {
    private final Instances header;
    private final ModelState model;
    private final int classIndex;
    private final Attribute[] attributes;

    /**
     * @param header a header found equal to a model's training header
     * @param model that model
     */
    public CheckedHeader(Instances header, ModelState model) {
      this.header = header;
      this.model = model;
      this.classIndex = header.classIndex();
      this.attributes = new Attribute[header.numAttributes()];
      for (int a = 0; a < attributes.length; a++) {
        attributes[a] = header.attribute(a);
      }
    }

    /**
     * @param given the header of instances given now
     * @param now the model that predicts now
     * @return true if it is the remembered header, unchanged since it was checked, and the model is the same (a
     *     classifier rebuilt in another thread has another)
     */
    public boolean isUnchanged(Instances given, ModelState now) {
      if (given != header || now != model || given.classIndex() != classIndex
          || given.numAttributes() != attributes.length) {
        return false;
      }
      for (int a = 0; a < attributes.length; a++) {
        if (given.attribute(a) != attributes[a]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * @param numHidden -H
   * @param numInputs m
   * @param numClasses the class values
   * @throws IllegalArgumentException naming -H if the network would have more weights than a Java array holds
   */
  public static void checkNetworkSize(int numHidden, int numInputs, int numClasses) {
    long outputs = numClasses == 2 ? 1 : numClasses;
    long weights = (long) (numInputs + 1) * numHidden + outputs * (numHidden + 1L);
    if (weights > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "-H (hidden units) " + numHidden + " with "
          + numInputs + " inputs and " + outputs + " outputs needs " + weights
          + " weights, more than a Java array holds; use fewer hidden units");
    }
  }

  /**
   * Refuses, before anything is allocated, a training run that cannot be held: a network with more weights than an
   * array holds, a data matrix with more values than an array holds, or arrays that together need more than the
   * heap's maximum (-Xmx) ({@link TrainingMemory}: the data matrix, the arrays the size of the weights, the threads'
   * buffers). Only what is sure to fail is refused: the caller's data, already in memory, is not counted.
   *
   * @param config the run's settings
   * @param rows the instances to train on (a buffer's, for a stream)
   * @param numInputs m, from the fitted preprocessing
   * @param numClasses the class values
   * @throws IllegalArgumentException saying how much memory the options need and what to change
   */
  public static void checkTrainingSize(TrainingConfig config, long rows, int numInputs, int numClasses) {
    checkNetworkSize(config.numHidden(), numInputs, numClasses);
    TrainingMemory memory = TrainingMemory.of(config, rows, numInputs, numClasses);
    if (memory.dataValues() > TrainingMemory.MAX_ARRAY) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "the training data would be one matrix of " + rows
          + " instances × " + (numInputs + 1L) + " values (the " + numInputs + " inputs after the preprocessing and "
          + "the bias) = " + memory.dataValues() + " values, more than a Java array holds (" + TrainingMemory.MAX_ARRAY
          + "); train on fewer instances or attributes, incrementally (updateClassifier, in buffers of -buffer "
          + "instances), or on Spark");
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (heap < Long.MAX_VALUE && memory.totalBytes() > heap) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "training needs about "
          + TrainingMemory.megabytes(memory.totalBytes()) + " (" + memory.describe() + ", for " + rows + " instances, "
          + numInputs + " inputs, -H " + config.numHidden() + ", -O " + config.updateRule().optionName()
          + ", -num-threads " + config.numThreads() + "), more than this Java heap's maximum of "
          + TrainingMemory.megabytes(heap) + " (-Xmx); use fewer hidden units (-H) or threads (-num-threads), fewer "
          + "instances or attributes, or start Java with a larger -Xmx");
    }
  }

  // ------------------------------------------------------------------------------ what there is to learn

  /**
   * @param values a row's attribute values (Weka's internal values)
   * @param classIndex the class attribute
   * @return true if the row has a class value; training drops (and counts) the rows that have none
   */
  public static boolean hasClass(double[] values, int classIndex) {
    return !Utils.isMissingValue(values[classIndex]);
  }

  /**
   * @param data training instances
   * @return those with a class value: the data itself if none lacks it, else a copy without them (the caller's
   *     data is never modified)
   */
  public static Instances withClass(Instances data) {
    for (int k = 0; k < data.numInstances(); k++) {
      if (data.instance(k).classIsMissing()) {
        Instances train = new Instances(data);
        train.deleteWithMissingClass();
        return train;
      }
    }
    return data;
  }

  /**
   * Fits the preprocessing on training instances, unless they leave nothing to learn.
   *
   * @param train instances with a class value
   * @return the preprocessing
   * @throws NothingToLearn saying why no network can be fitted (the class prior is predicted instead)
   */
  public static StatisticsPreprocessing fitPreprocessing(Instances train) throws NothingToLearn {
    boolean numeric = train.classAttribute().isNumeric();
    if (!train.classAttribute().isNominal() && !numeric) {
      // only without Weka's capabilities check (-do-not-check-capabilities)
      throw new NothingToLearn("the class attribute '" + train.classAttribute().name() + "' is "
          + Attribute.typeToString(train.classAttribute()) + "; BackpropOneHidden predicts a nominal or numeric "
          + "class");
    }
    if (!numeric && train.numClasses() < 2) {
      throw new NothingToLearn("the class has fewer than two values");
    }
    if (train.numInstances() == 0) {
      throw new NothingToLearn("no training instance has a class value");
    }
    if (train.sumOfWeights() <= 0) {
      throw new NothingToLearn("the training instances' weights sum to zero");
    }
    if (train.numAttributes() == 1) {
      throw new NothingToLearn("there are no attributes besides the class");
    }
    StatisticsPreprocessing preprocessing = StatisticsPreprocessing.fit(train);
    if (preprocessing.numInputs() == 0) {
      throw new NothingToLearn(NO_VARIATION);
    }
    if (numeric) {
      TargetScale target = StatisticsPreprocessing.fitTarget(train);
      if (target == null) {
        throw new NothingToLearn(NO_TARGET_VARIATION);
      }
      preprocessing = preprocessing.withTarget(target, train);
    }
    return preprocessing;
  }

  /** Training data with nothing to learn, and why. */
  public static final class NothingToLearn extends Exception {

    private static final long serialVersionUID = 1L;

    NothingToLearn(String reason) {
      super(reason);
    }

    /** @return why no network can be fitted */
    public String reason() {
      return getMessage();
    }
  }

  // ------------------------------------------------------------------------------------- rows for the engine

  /** Training rows as the x/y/w loop reads them. */
  public interface Rows {

    /** @return the number of rows */
    int size();

    /**
     * @param k a row
     * @return its attribute values, class included (Weka's internal values)
     */
    double[] values(int k);

    /**
     * @param k a row
     * @return its weight
     */
    double weight(int k);

    /**
     * @param k a row
     * @return the row, for messages ("training instance 3")
     */
    String where(int k);
  }

  /**
   * @param rows training rows
   * @return E, the binary exponent of their largest weight (0 if none is positive): {@link #encode} takes the
   *     weights in units of 2^E, so that the largest lies between 1 and 2 and no sum over rows overflows (the
   *     objective is a weighted mean, the same for any unit; unit weights keep E = 0)
   */
  public static int weightExponent(Rows rows) {
    double largest = 0.0;
    for (int k = 0; k < rows.size(); k++) {
      largest = Math.max(largest, rows.weight(k));
    }
    return largest > 0 ? Math.getExponent(largest) : 0;
  }

  /**
   * The x/y/w loop: row k's inputs (1, x_1 … x_m) go to x at k·(m + 1), its class index to y[k] and its weight,
   * divided by 2^E, to weights[k].
   *
   * @param rows the rows, every class value present
   * @param encoder the preprocessing that encodes x, or null if x already holds the encoded rows
   * @param classIndex the class attribute
   * @param x n·(m + 1) values, filled here unless encoder is null
   * @param y n class indices, filled here
   * @param weights n weights, filled here
   * @param weightExponent E, the exponent of the unit the weights are taken in: {@link #weightExponent(Rows)}, or
   *     for rows in parts (a cluster's partitions) that of all of them, so that every part has the same unit
   * @return true if some weight (in that unit) differs from 1
   * @throws IllegalArgumentException naming the input and the row if an encoded value is not finite
   */
  public static boolean encode(Rows rows, StatisticsPreprocessing encoder, int classIndex, double[] x, int[] y,
      double[] weights, int weightExponent) {
    return encode(rows, encoder, null, classIndex, x, y, null, weights, weightExponent);
  }

  /**
   * The x/y/w loop for a nominal or a numeric class: as {@link #encode(Rows, StatisticsPreprocessing, int, double[],
   * int[], double[], int)}, and for a numeric class (target not null) the standardized class value t' into t[k],
   * with y[k] = 0.
   *
   * @param target the standardization of a numeric class, or null for a nominal class
   * @param t n standardized targets, filled here for a numeric class (else null)
   */
  public static boolean encode(Rows rows, StatisticsPreprocessing encoder, TargetScale target, int classIndex,
      double[] x, int[] y, double[] t, double[] weights, int weightExponent) {
    int width = y.length == 0 ? 0 : x.length / y.length;
    boolean weighted = false;
    for (int k = 0; k < rows.size(); k++) {
      double[] values = rows.values(k);
      if (encoder != null) {
        encoder.encode(values, x, k * width, rows.where(k));
      }
      if (target != null) {
        t[k] = target.standardized(values[classIndex]);
        if (!(Math.abs(t[k]) < Double.POSITIVE_INFINITY)) {
          throw new IllegalArgumentException(TrainingLog.PREFIX + "the class value " + values[classIndex] + " of "
              + rows.where(k) + " is " + t[k] + " after standardization; class values must stay finite");
        }
        y[k] = 0;
      } else {
        y[k] = (int) values[classIndex];
      }
      weights[k] = Math.scalb(rows.weight(k), -weightExponent);
      weighted |= weights[k] != 1.0;
    }
    return weighted;
  }

  /**
   * Training instances as the engine's matrix.
   *
   * @param preprocessing the fitted preprocessing
   * @param train the instances, every class value present
   * @param order the instances to take, in the order of the matrix rows (null: all, in order)
   * @param balance true to weight every class to the same total weight ({@link ClassBalance}, from these rows)
   * @return the matrix, with weights in units of the largest one's power of two (or none when all are 1)
   * @throws Exception if the preprocessing fails (a model saved by version 1.0 has Weka's filter chain)
   * @throws IllegalArgumentException naming the input and instance if an encoded value is not finite
   */
  public static DataMatrix matrix(Preprocessor preprocessing, final Instances train, final int[] order,
      boolean balance) throws Exception {
    Rows rows = new Rows() {
      @Override
      public int size() {
        return order == null ? train.numInstances() : order.length;
      }

      @Override
      public double[] values(int k) {
        return train.instance(index(k)).toDoubleArray();
      }

      @Override
      public double weight(int k) {
        return train.instance(index(k)).weight();
      }

      @Override
      public String where(int k) {
        return "training instance " + (index(k) + 1);
      }

      private int index(int k) {
        return order == null ? k : order[k];
      }
    };
    int n = rows.size();
    StatisticsPreprocessing encoder = null;
    double[] x;
    if (preprocessing instanceof StatisticsPreprocessing) {
      encoder = (StatisticsPreprocessing) preprocessing;
      x = new double[Math.multiplyExact(n, preprocessing.numInputs() + 1)];
    } else {
      // the filter chain of a model saved by version 1.0 converts whole data sets
      Instances ordered = train;
      if (order != null) {
        ordered = new Instances(train, n);
        for (int k : order) {
          ordered.add(train.instance(k));
        }
      }
      x = preprocessing.toRows(ordered);
    }
    int[] y = new int[n];
    double[] weights = new double[n];
    TargetScale target = preprocessing.targetScale();
    if (target != null) {
      if (balance) {
        throw new IllegalArgumentException(BALANCE_NEEDS_CLASSES);
      }
      double[] t = new double[n];
      boolean weighted = encode(rows, encoder, target, train.classIndex(), x, y, t, weights, weightExponent(rows));
      return DataMatrix.numeric(x, t, weighted ? weights : null, preprocessing.numInputs());
    }
    // -balance takes the raw weights (it scales each class by its own largest weight), the others the unit of the
    // largest weight
    boolean weighted = encode(rows, encoder, train.classIndex(), x, y, weights, balance ? 0 : weightExponent(rows));
    if (balance) {
      weighted = ClassBalance.ofRows(y, weights, train.numClasses()).apply(y, weights);
    }
    return new DataMatrix(x, y, weighted ? weights : null, preprocessing.numInputs(), train.numClasses());
  }

  /**
   * The training run on instances in this JVM, for batch training and each buffer of a stream: the held-out rows
   * of early stopping are chosen from the labels first ({@link ValidationSplit#plan}), so the matrix is built
   * once, in split order (training rows first).
   *
   * @param preprocessing the fitted preprocessing
   * @param train instances with a class value
   * @param config the engine's settings
   * @param balance -balance
   * @return a trainer before its first epoch
   * @throws Exception if the preprocessing fails
   * @throws IllegalArgumentException if an encoded value is not finite
   */
  public static Trainer trainer(Preprocessor preprocessing, Instances train, TrainingConfig config, boolean balance)
      throws Exception {
    int[][] split = ValidationSplit.plan(labels(train), train.numClasses(), config);
    DataMatrix matrix = matrix(preprocessing, train, split == null ? null : heldOutLast(split), balance);
    return Trainer.withHeldOutRowsLast(matrix, split == null ? matrix.numRows() : split[0].length, config);
  }

  /**
   * @param train instances with a class value
   * @return the class index of each (0 for a numeric class)
   */
  static int[] labels(Instances train) {
    int[] labels = new int[train.numInstances()];
    if (train.classAttribute().isNumeric()) {
      return labels; // one "class": splits and folds of a numeric class are random ones
    }
    for (int k = 0; k < labels.length; k++) {
      labels[k] = (int) train.instance(k).classValue();
    }
    return labels;
  }

  /**
   * @param split {training rows, held-out rows} of {@link ValidationSplit#plan}
   * @return the rows in split order: the training rows, then the held-out rows
   */
  static int[] heldOutLast(int[][] split) {
    int[] order = Arrays.copyOf(split[0], split[0].length + split[1].length);
    System.arraycopy(split[1], 0, order, split[0].length, split[1].length);
    return order;
  }

  /** The training rows sorted by the folds of -tune cv, with each fold's range: built once, never copied per fold. */
  static final class FoldRows {
    /** The rows, fold 0's first. */
    final DataMatrix rows;
    /** Fold f's rows are rows start[f] … start[f + 1] − 1. */
    final int[] start;

    private FoldRows(DataMatrix rows, int[] start) {
      this.rows = rows;
      this.start = start;
    }
  }

  /**
   * @param preprocessing the fitted preprocessing
   * @param train instances with a class value
   * @param k the number of folds
   * @param seed the training seed ({@link Folds#stratified})
   * @param balance -balance
   * @return the matrix sorted by fold and the folds' ranges
   */
  static FoldRows foldRows(Preprocessor preprocessing, Instances train, int k, long seed, boolean balance)
      throws Exception {
    int[] fold = Folds.stratified(labels(train), train.numClasses(), k, seed);
    return new FoldRows(matrix(preprocessing, train, Folds.sortedByFold(fold, k), balance), Folds.starts(fold, k));
  }
}
