package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;

import weka.classifiers.IterativeClassifier;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.kernel.ActivationKernels;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.optim.Lbfgs;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingDivergedException;
import weka.classifiers.functions.backprop.train.TrainingInterruptedException;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.train.ValidationSplit;
import weka.classifiers.functions.backprop.bridge.ModelText;
import weka.classifiers.functions.backprop.bridge.Preprocessor;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.bridge.StreamBuffer;
import weka.classifiers.rules.ZeroR;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.LogHandler;
import weka.core.Option;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.gui.Logger;
import weka.gui.ProgrammaticProperty;

/**
 * <!-- globalinfo-start -->
 * A neural network with one hidden layer, trained by backpropagation.<br>
 * <br>
 * Inputs x (with a bias x0 = 1) feed g hidden units a = s(Theta x), where s is the sigmoid or tanh, with a bias a0 = 1; the output is p = sigmoid(beta^T a) for two classes and a softmax over one output per class for more. The weights minimise the mean cross-entropy J = -(1/m) sum_k [y_k log p_k + (1 - y_k) log(1 - p_k)] (instance weights make it a weighted mean; -R adds (lambda/2) times the sum of squared non-bias weights), with the gradients dJ/dbeta = mean((p - y) a) and dJ/dTheta_l = mean((p - y) beta_l s'(z_l) x) computed in matrix form over blocks of rows.<br>
 * <br>
 * By default the weights are fitted by Adam on mini-batches of 32 shuffled rows, with early stopping on a held-out tenth of the data (the best epoch's weights are kept). The derivation's full-batch gradient descent, theta &lt;- theta - eta * gradient, is -O gd -B 0 -V 0 -R 0. Momentum, Nesterov's momentum, L-BFGS on full batches (-O lbfgs -B 0), a decaying learning rate and class balancing are options; training restarts with half the learning rate if the loss diverges.<br>
 * <br>
 * Missing values are replaced by means and modes, useless attributes removed, nominal attributes turned into binary ones and all inputs standardized; the statistics of this preprocessing are kept with the model. A training set with nothing to learn gives the class prior, as ZeroR does.<br>
 * <br>
 * Incremental training (Weka's command line with a test file or -no-cv, KnowledgeFlow instance streams): instances are collected in a buffer of -buffer instances, and each full buffer is trained on like a batch, from the current weights; the preprocessing statistics come from the first buffer and stay fixed. Only one buffer is kept in memory, so streams larger than memory can be learned.<br>
 * <br>
 * For more information see:<br>
 * <br>
 * David E. Rumelhart, Geoffrey E. Hinton, Ronald J. Williams (1986). Learning representations by back-propagating errors. Nature. 323(6088):533-536.
 * <br><br>
 * <!-- globalinfo-end -->
 *
 * <p>This class is the Weka face of the engine in {@code weka.classifiers.functions.backprop}: it handles
 * options, capabilities and preprocessing, turns {@link Instances} into the engine's dense matrix, and
 * writes the model text. The mathematics lives in the engine.
 *
 * <!-- options-start -->
 * Valid options are: <p>
 *
 * <pre> -H &lt;number&gt;
 *  Number of hidden units, at least 1.
 *  (default 16)</pre>
 *
 * <pre> -A &lt;sigmoid|tanh&gt;
 *  Hidden-unit activation: sigmoid or tanh.
 *  (default tanh)</pre>
 *
 * <pre> -O &lt;gd|momentum|nesterov|adam|lbfgs&gt;
 *  Optimizer: gd (the derivation's gradient descent), momentum, nesterov, adam,
 *  or lbfgs (L-BFGS, full batch only: needs -B 0; ignores -L).
 *  (default adam)</pre>
 *
 * <pre> -L &lt;number&gt;
 *  Learning rate, a finite number &gt; 0 (not used by lbfgs).
 *  (default 0.01)</pre>
 *
 * <pre> -M &lt;number&gt;
 *  Momentum of the momentum and nesterov optimizers, in [0, 1).
 *  (default 0.9)</pre>
 *
 * <pre> -decay &lt;number&gt;
 *  Inverse-time learning-rate decay d &gt;= 0: the rate of epoch t is L / (1 + d t).
 *  (default 0.0)</pre>
 *
 * <pre> -R &lt;number&gt;
 *  L2 weight decay (ridge) lambda &gt;= 0 on the non-bias weights.
 *  (default 1.0E-4)</pre>
 *
 * <pre> -B &lt;number&gt;
 *  Mini-batch size, at least 0; 0 = all rows (full batch).
 *  (default 32)</pre>
 *
 * <pre> -N &lt;number&gt;
 *  Number of epochs (passes over the data), at least 0.
 *  (default 200)</pre>
 *
 * <pre> -V &lt;fraction&gt;
 *  Fraction of the training data held out (stratified) for early stopping, in [0, 1);
 *  0 = no early stopping.
 *  (default 0.1)</pre>
 *
 * <pre> -E &lt;number&gt;
 *  Early stopping: epochs without a lower validation loss before training stops, at least 1.
 *  (default 20)</pre>
 *
 * <pre> -balance
 *  Weight the classes to equal total weight (for imbalanced data).
 *  (default off)</pre>
 *
 * <pre> -num-threads &lt;number&gt;
 *  Number of threads computing the gradient; 0 = the available processors.
 *  The model is the same for any number.
 *  (default 0)</pre>
 *
 * <pre> -buffer &lt;number&gt;
 *  Incremental training (updateClassifier): instances collected before training on them,
 *  at least 1; the first buffer's statistics fix the preprocessing.
 *  (default 100000)</pre>
 *
 * <pre> -resume
 *  Keep the training state after training, so that more epochs continue it.
 *  (default off)</pre>
 *
 * <pre> -D
 *  Debug: a progress line on standard error every 10 epochs (same as -output-debug-info).
 *  (default off)</pre>
 *
 * <pre> -S &lt;num&gt;
 *  Random number seed.
 *  (default 1)</pre>
 *
 * <pre> -output-debug-info
 *  If set, classifier is run in debug mode and
 *  may output additional info to the console
 *  (default off)</pre>
 *
 * <pre> -do-not-check-capabilities
 *  If set, classifier capabilities are not checked before classifier is built
 *  (use with caution).
 *  (default off)</pre>
 *
 * <pre> -num-decimal-places
 *  The number of decimal places for the output of numbers in the model (default 2).</pre>
 *
 * <pre> -batch-size
 *  The desired batch size for batch prediction  (default 100).</pre>
 *
 * <!-- options-end -->
 */
public class BackpropOneHidden extends RandomizableClassifier
    implements WeightedInstancesHandler, TechnicalInformationHandler, IterativeClassifier, LogHandler,
    UpdateableClassifier, UpdateableBatchProcessor {

  private static final long serialVersionUID = 4242196307460150923L;

  // The defaults were chosen by the accuracy study (ACCURACY.md): candidate settings were compared by
  // cross-validation over all of the public data sets together, never tuned per data set.

  /** Default number of hidden units (-H). */
  public static final int DEFAULT_NUM_HIDDEN = 16;
  /** Default hidden activation (-A). */
  public static final Activation DEFAULT_ACTIVATION = Activation.TANH;
  /** Default learning rate (-L). */
  public static final double DEFAULT_LEARNING_RATE = 0.01;
  /** Default number of epochs (-N). */
  public static final int DEFAULT_NUM_EPOCHS = 200;

  /** Default seed (-S), RandomizableClassifier's. */
  private static final int DEFAULT_SEED = 1;

  /** Default number of threads for the gradient (-num-threads): the available processors. */
  public static final int DEFAULT_NUM_THREADS = 0;

  /** Default optimizer (-O). */
  public static final UpdateRule DEFAULT_OPTIMIZER = UpdateRule.ADAM;
  /** Default momentum of the momentum and nesterov optimizers (-M). */
  public static final double DEFAULT_MOMENTUM = 0.9;
  /** Default inverse-time learning-rate decay d (-decay): η_t = η / (1 + d t). */
  public static final double DEFAULT_LEARNING_RATE_DECAY = 0.0;
  /** Default L2 weight decay λ (-R). */
  public static final double DEFAULT_WEIGHT_DECAY = 1e-4;
  /** Default mini-batch size (-B); 0 = all rows. */
  public static final int DEFAULT_BATCH_SIZE = 32;
  /** Default validation fraction for early stopping (-V); 0 = none. */
  public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
  /** Default patience of early stopping in epochs (-E). */
  public static final int DEFAULT_PATIENCE = 20;
  /**
   * Default number of instances incremental training (updateClassifier) collects before training on them
   * (-buffer). Large enough that the first buffer's preprocessing statistics are reliable, and that a data set
   * of up to this size trains incrementally exactly as in one batch (Weka's command line trains the model it
   * prints incrementally whenever a classifier is updateable), while the buffer stays small in memory (100 000
   * instances of 50 attributes: about 46 MB).
   */
  public static final int DEFAULT_BUFFER_SIZE = 100000;

  /** Shortest time between two status-bar updates while training (a few updates a second). */
  public static final long STATUS_INTERVAL_MILLIS = 250;
  /** With -D (debug), a progress line on standard error every this many epochs (and at the first and last). */
  public static final int DEBUG_EPOCH_INTERVAL = 10;
  /** The model text lists the weights of networks with at most this many inputs and hidden units. */
  public static final int MAX_UNITS_FOR_WEIGHTS = 20;

  /** Each option's allowed range, for error messages (one text per option, used by parsing and setters). */
  private static final String RULE_NUM_HIDDEN = "-H (hidden units) must be at least 1";
  private static final String RULE_LEARNING_RATE = "-L (learning rate) must be a finite number > 0";
  private static final String RULE_MOMENTUM = "-M (momentum) must be a number in [0, 1)";
  private static final String RULE_LEARNING_RATE_DECAY = "-decay (learning-rate decay) must be a finite number >= 0";
  private static final String RULE_WEIGHT_DECAY = "-R (weight decay) must be a finite number >= 0";
  private static final String RULE_BATCH_SIZE = "-B (mini-batch size) must be at least 0 (0 = all rows)";
  private static final String RULE_NUM_EPOCHS = "-N (epochs) must be at least 0";
  private static final String RULE_VALIDATION_FRACTION = "-V (validation fraction) must be a number in [0, 1)";
  private static final String RULE_PATIENCE = "-E (patience) must be at least 1";
  private static final String RULE_SEED = "-S (seed) must be a whole number";
  private static final String RULE_NUM_THREADS = "-num-threads (threads) must be at least 0 (0 = the available processors)";
  private static final String RULE_BUFFER_SIZE = "-buffer (instances per buffer of incremental training) must be at least 1";

  /** The optimizers as Weka tags; tag ids are the enum ordinals. */
  public static final Tag[] TAGS_OPTIMIZER = tags(UpdateRule.values());

  /** The activations as Weka tags, for the Explorer's drop-down list; tag ids are the enum ordinals. */
  public static final Tag[] TAGS_ACTIVATION = tags(Activation.values());

  private int m_NumHidden = DEFAULT_NUM_HIDDEN;
  private Activation m_Activation = DEFAULT_ACTIVATION;
  private double m_LearningRate = DEFAULT_LEARNING_RATE;
  private int m_NumEpochs = DEFAULT_NUM_EPOCHS;
  private int m_NumThreads = DEFAULT_NUM_THREADS;
  private UpdateRule m_Optimizer = DEFAULT_OPTIMIZER;
  private double m_Momentum = DEFAULT_MOMENTUM;
  private double m_LearningRateDecay = DEFAULT_LEARNING_RATE_DECAY;
  private double m_WeightDecay = DEFAULT_WEIGHT_DECAY;
  private int m_BatchSize = DEFAULT_BATCH_SIZE;
  private double m_ValidationFraction = DEFAULT_VALIDATION_FRACTION;
  private int m_Patience = DEFAULT_PATIENCE;
  private boolean m_BalanceClasses;
  private boolean m_Resume;
  private int m_BufferSize = DEFAULT_BUFFER_SIZE;

  /** The fitted preprocessing (null until built, or when falling back to the prior). */
  private Preprocessor m_Preprocessing;
  /** The trained network and its loss history (null until built, or when falling back). */
  private TrainingResult m_Result;
  /** The class-prior model used when the data has nothing to learn. */
  private ZeroR m_ZeroR;
  /** Why the prior is used instead of a network. */
  private String m_FallbackReason;
  /** Training instances dropped because their class was missing. */
  private int m_NumMissingClassDropped;
  /** Where the network was trained if not by buildClassifier (e.g. "on Spark, …"), or null. */
  private String m_TrainedElsewhere;
  /** Header of the training data. */
  private Instances m_Header;
  /**
   * Incremental training: the buffer and the stream's counts; null for a model trained in one batch and never
   * updated.
   */
  private StreamBuffer m_Stream;
  /** The last prediction header found equal to m_Header (compared by identity, to check each header once). */
  private transient volatile Instances m_CheckedHeader;
  /** The training run between initializeClassifier and done (kept after done when resuming). */
  private transient Trainer m_Trainer;
  /** The network predictions use; between next() calls a snapshot of the current weights. */
  private transient Network m_Network;
  /** The Explorer's log and status bar; not part of the model (lost when the classifier is copied). */
  private transient Logger m_Log;
  /** When training started and when the status bar was last updated (System.nanoTime). */
  private transient long m_StartNanos;
  private transient long m_LastStatusNanos;

  /** @return one Weka tag per engine enum constant: id = ordinal, text = the command-line name */
  private static Tag[] tags(Enum<?>[] values) {
    Tag[] tags = new Tag[values.length];
    for (int i = 0; i < values.length; i++) {
      String name = values[i].name().toLowerCase(Locale.ROOT);
      tags[i] = new Tag(values[i].ordinal(), name, name, false);
    }
    return tags;
  }

  /**
   * @return a description of the classifier for the Explorer
   */
  public String globalInfo() {
    return "A neural network with one hidden layer, trained by backpropagation.\n\n"
        + "Inputs x (with a bias x0 = 1) feed g hidden units a = s(Theta x), where s is the sigmoid or tanh, "
        + "with a bias a0 = 1; the output is p = sigmoid(beta^T a) for two classes and a softmax over one "
        + "output per class for more. The weights minimise the mean cross-entropy "
        + "J = -(1/m) sum_k [y_k log p_k + (1 - y_k) log(1 - p_k)] (instance weights make it a weighted mean; "
        + "-R adds (lambda/2) times the sum of squared non-bias weights), with the gradients "
        + "dJ/dbeta = mean((p - y) a) and dJ/dTheta_l = mean((p - y) beta_l s'(z_l) x) computed in matrix form "
        + "over blocks of rows.\n\n"
        + "By default the weights are fitted by Adam on mini-batches of 32 shuffled rows, with early stopping on "
        + "a held-out tenth of the data (the best epoch's weights are kept). The derivation's full-batch "
        + "gradient descent, theta <- theta - eta * gradient, is -O gd -B 0 -V 0 -R 0. Momentum, Nesterov's "
        + "momentum, L-BFGS on full batches (-O lbfgs -B 0), a decaying learning rate and class balancing are "
        + "options; training restarts with half the learning rate if the loss diverges.\n\n"
        + "Missing values are replaced by means and modes, useless attributes removed, nominal attributes "
        + "turned into binary ones and all inputs standardized; the statistics of this preprocessing are kept "
        + "with the model. A training set with nothing to learn gives the class prior, as ZeroR does.\n\n"
        + "Incremental training (Weka's command line with a test file or -no-cv, KnowledgeFlow instance streams): "
        + "instances are collected in a buffer of -buffer instances, and each full buffer is trained on like a "
        + "batch, from the current weights; the preprocessing statistics come from the first buffer and stay "
        + "fixed. Only one buffer is kept in memory, so streams larger than memory can be learned.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.ARTICLE);
    result.setValue(Field.AUTHOR, "David E. Rumelhart and Geoffrey E. Hinton and Ronald J. Williams");
    result.setValue(Field.TITLE, "Learning representations by back-propagating errors");
    result.setValue(Field.JOURNAL, "Nature");
    result.setValue(Field.YEAR, "1986");
    result.setValue(Field.VOLUME, "323");
    result.setValue(Field.NUMBER, "6088");
    result.setValue(Field.PAGES, "533-536");
    return result;
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    result.enable(Capability.NOMINAL_ATTRIBUTES);
    result.enable(Capability.NUMERIC_ATTRIBUTES);
    result.enable(Capability.DATE_ATTRIBUTES);
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.NOMINAL_CLASS);
    result.enable(Capability.MISSING_CLASS_VALUES);
    result.setMinimumNumberInstances(0);
    return result;
  }

  // ---------------------------------------------------------------------------------------- training

  @Override
  public void buildClassifier(Instances data) throws Exception {
    initializeClassifier(data);
    while (next()) {
      // one epoch per call
    }
    done();
  }

  /**
   * Prepares training: checks the data, fits the preprocessing and sets up the training run, without running
   * an epoch. With resume on and a run kept from before, training continues from where it stopped (up to the
   * current number of epochs).
   *
   * @param data the training data
   * @throws Exception if the data cannot be handled
   */
  @Override
  public void initializeClassifier(Instances data) throws Exception {
    checkOptimizerAndBatchSize(m_Optimizer, m_BatchSize, "BackpropOneHidden: ");
    if (m_Resume && m_Trainer != null) {
      m_Trainer.setMaxEpochs(m_NumEpochs);
      m_StartNanos = System.nanoTime();
      m_LastStatusNanos = m_StartNanos;
      log("training continues from epoch " + m_Trainer.epochsDone() + " to at most " + m_NumEpochs + " epochs");
      return;
    }
    closeTrainer();
    resetModel();
    getCapabilities().testWithFail(data);
    if (data.numInstances() == 0) {
      startStream(data);
      return;
    }
    checkTrainingValues(data);
    Instances train = data;
    if (hasMissingClass(data)) {
      train = new Instances(data); // the caller's data is never modified
      train.deleteWithMissingClass();
    }
    m_NumMissingClassDropped = data.numInstances() - train.numInstances();
    m_Header = new Instances(data, 0);

    String fallback = nothingToLearn(train);
    StatisticsPreprocessing preprocessing = null;
    if (fallback == null) {
      preprocessing = StatisticsPreprocessing.fit(train);
      if (preprocessing.numInputs() == 0) {
        fallback = "no attribute varies in the training data";
      }
    }
    if (fallback != null) {
      ZeroR zeroR = new ZeroR();
      zeroR.buildClassifier(train);
      m_ZeroR = zeroR;
      m_FallbackReason = fallback;
      log("no network trained: " + fallback + "; predicting the class prior, as ZeroR does");
      return;
    }
    checkNetworkSize(preprocessing.numInputs(), train.numClasses());
    Trainer trainer = newTrainer(preprocessing, train, trainingConfig());
    m_Preprocessing = preprocessing;
    m_Trainer = trainer;
    m_StartNanos = System.nanoTime();
    m_LastStatusNanos = m_StartNanos;
    NetworkShape shape = m_Trainer.shape();
    String started = "training started on " + train.numInstances() + " instances: " + shape.numInputs()
        + " inputs -> " + shape.numHidden() + " " + shape.activation().optionName() + " hidden units -> "
        + shape.numOutputs() + (shape.numOutputs() == 1 ? " sigmoid output" : " softmax outputs") + ", at most "
        + m_NumEpochs + " epochs (" + Utils.joinOptions(getOptions()) + "); activation kernels: "
        + ActivationKernels.selected().name();
    log(started);
    if (getDebug()) {
      System.err.println("BackpropOneHidden: " + started);
    }
  }

  /**
   * The training run of batch training, and of each buffer of a stream: the held-out rows are chosen from the
   * labels first, so the matrix is built once, in split order.
   *
   * @param preprocessing the fitted preprocessing
   * @param train instances with a class value
   * @param config the settings
   * @return a trainer before its first epoch
   */
  private Trainer newTrainer(Preprocessor preprocessing, Instances train, TrainingConfig config) throws Exception {
    int[] labels = new int[train.numInstances()];
    for (int k = 0; k < labels.length; k++) {
      labels[k] = (int) train.instance(k).classValue();
    }
    int[][] split = ValidationSplit.plan(labels, train.numClasses(), config);
    int[] order = null;
    if (split != null) {
      order = java.util.Arrays.copyOf(split[0], labels.length);
      System.arraycopy(split[1], 0, order, split[0].length, split[1].length);
    }
    DataMatrix matrix = trainingMatrix(preprocessing, train, order);
    if (m_BalanceClasses) {
      matrix = matrix.classBalanced();
    }
    return Trainer.withHeldOutRowsLast(matrix, split == null ? matrix.numRows() : split[0].length, config);
  }

  /**
   * @param order the instances to take, in the order of the matrix rows (null: all, in order)
   * @return the instances as the engine's matrix, through the preprocessing (a model saved by version 1.0 and
   *     updated has the filter chain, which only converts whole data sets)
   */
  private static DataMatrix trainingMatrix(Preprocessor preprocessing, Instances train, int[] order)
      throws Exception {
    if (preprocessing instanceof StatisticsPreprocessing) {
      return ((StatisticsPreprocessing) preprocessing).trainingMatrix(train, order, train.numClasses());
    }
    Instances rows = train;
    if (order != null) {
      rows = new Instances(train, order.length);
      for (int k : order) {
        rows.add(train.instance(k));
      }
    }
    int n = rows.numInstances();
    int[] y = new int[n];
    double[] weights = new double[n];
    boolean weighted = false;
    for (int k = 0; k < n; k++) {
      y[k] = (int) rows.instance(k).classValue();
      weights[k] = rows.instance(k).weight();
      weighted |= weights[k] != 1.0;
    }
    return new DataMatrix(preprocessing.toRows(rows), y, weighted ? weights : null, preprocessing.numInputs(),
        train.numClasses());
  }

  private static boolean hasMissingClass(Instances data) {
    for (int k = 0; k < data.numInstances(); k++) {
      if (data.instance(k).classIsMissing()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Rejects what no model can be fitted to: a weight that is negative, NaN or infinite, and an infinite
   * numeric value (NaN is Weka's missing value and is handled). Instances are counted from 1, as in the file.
   *
   * @throws IllegalArgumentException naming the instance, the attribute and the value
   */
  private static void checkTrainingValues(Instances data) {
    for (int k = 0; k < data.numInstances(); k++) {
      checkTrainingValues(data.instance(k), "training instance " + (k + 1));
    }
  }

  /**
   * @param where the instance, for the message ("training instance 3", "stream instance 12")
   * @throws IllegalArgumentException naming the instance, the attribute and the value
   */
  private static void checkTrainingValues(Instance instance, String where) {
    double weight = instance.weight();
    if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("BackpropOneHidden: " + where + " has weight " + weight
          + "; instance weights must be finite and >= 0");
    }
    String infinite = infiniteValue(instance);
    if (infinite != null) {
      throw new IllegalArgumentException("BackpropOneHidden: " + where + ": " + infinite);
    }
  }

  /**
   * @return a message naming the first numeric attribute (class excluded) whose value is infinite, or null
   */
  private static String infiniteValue(Instance instance) {
    int classIndex = instance.classIndex();
    for (int i = 0; i < instance.numValues(); i++) {
      int a = instance.index(i);
      double value = instance.valueSparse(i);
      if (a != classIndex && Double.isInfinite(value) && instance.attribute(a).isNumeric()) {
        return "attribute '" + instance.attribute(a).name() + "' has value " + value
            + "; numeric values must be finite (use a missing value '?' for an unknown one)";
      }
    }
    return null;
  }

  /**
   * @throws IllegalArgumentException naming -H if the network would have more weights than a Java array holds
   */
  private void checkNetworkSize(int numInputs, int numClasses) {
    long outputs = numClasses == 2 ? 1 : numClasses;
    long weights = (long) (numInputs + 1) * m_NumHidden + outputs * (m_NumHidden + 1L);
    if (weights > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("BackpropOneHidden: -H (hidden units) " + m_NumHidden + " with "
          + numInputs + " inputs and " + outputs + " outputs needs " + weights
          + " weights, more than a Java array holds; use fewer hidden units");
    }
  }

  /** @return the engine's settings for the current options */
  private TrainingConfig trainingConfig() {
    return TrainingConfig.builder().numHidden(m_NumHidden).activation(m_Activation).learningRate(m_LearningRate)
        .epochs(m_NumEpochs).seed(getSeed()).numThreads(effectiveNumThreads()).updateRule(m_Optimizer)
        .momentum(m_Momentum).learningRateDecay(m_LearningRateDecay).weightDecay(m_WeightDecay)
        .batchSize(m_BatchSize).validationFraction(m_ValidationFraction).patience(m_Patience).build();
  }

  /**
   * The training configuration these options describe, for trainers that run outside
   * {@link #buildClassifier} (the Spark adapter) with the same engine.
   *
   * @return a new configuration
   */
  public TrainingConfig trainingConfiguration() {
    return trainingConfig();
  }

  /**
   * Installs a network trained outside {@link #buildClassifier} (by the Spark adapter, with the same engine
   * and preprocessing), so that this classifier predicts with it, describes it and serializes exactly like
   * one it trained itself. Any training state is discarded.
   *
   * @param header the training data's header, class attribute set
   * @param preprocessing the fitted preprocessing (its inputs are the network's)
   * @param result the trained network and its training history
   * @param numMissingClassDropped how many instances were ignored because their class was missing
   * @param trainedWhere where and how it was trained, for the model text (e.g. "on Spark, 8 partitions")
   * @throws IllegalArgumentException if the network does not fit the preprocessing or the header's class
   */
  public void installTrainedModel(Instances header, Preprocessor preprocessing, TrainingResult result,
      int numMissingClassDropped, String trainedWhere) {
    NetworkShape shape = result.network().shape();
    if (shape.numInputs() != preprocessing.numInputs() || shape.numClasses() != header.numClasses()) {
      throw new IllegalArgumentException("the network (" + shape.numInputs() + " inputs, " + shape.numClasses()
          + " classes) does not fit the preprocessing (" + preprocessing.numInputs() + " inputs) and the class ("
          + header.numClasses() + " values)");
    }
    closeTrainer();
    resetModel();
    m_Header = new Instances(header, 0);
    m_Preprocessing = preprocessing;
    m_Result = result;
    m_Network = result.network();
    m_NumMissingClassDropped = numMissingClassDropped;
    m_TrainedElsewhere = trainedWhere;
  }

  /**
   * Runs one epoch.
   *
   * @return false if training has finished (all epochs run, stopped early, or nothing to train)
   * @throws Exception if training was interrupted or diverged
   */
  @Override
  public boolean next() throws Exception {
    if (m_Trainer == null) {
      return false;
    }
    try {
      boolean ran = m_Trainer.epoch();
      if (ran) {
        m_Network = null;
        reportProgress();
      }
      return ran;
    } catch (TrainingInterruptedException e) {
      abortTraining();
      log("training stopped: " + e.getMessage());
      status("training stopped; no model was built");
      throw new InterruptedException("BackpropOneHidden: " + e.getMessage());
    } catch (TrainingDivergedException e) {
      abortTraining();
      log("training failed: " + e.getMessage());
      throw diverged(e);
    } catch (RuntimeException | Error e) {
      // anything else, including the ThreadDeath of Thread.stop(), which the Explorer's Stop button also calls
      // (Java 8 to 19): release the gradient threads and leave no half-trained model behind
      abortTraining();
      throw e;
    }
  }

  /** @return the error for training that diverged, naming the options that help */
  private Exception diverged(TrainingDivergedException e) {
    if (m_Optimizer == UpdateRule.LBFGS) {
      return new Exception("BackpropOneHidden: " + e.getMessage() + (m_WeightDecay > 0
          ? " (try a smaller weight decay, -R, now " + m_WeightDecay + ")" : ""), e);
    }
    String weightDecay = m_WeightDecay > 0 ? "; or a smaller weight decay, -R, now " + m_WeightDecay : "";
    return new Exception("BackpropOneHidden: " + e.getMessage() + " (-L, now " + m_LearningRate + weightDecay + ")", e);
  }

  /**
   * After an epoch: the status bar (at the first and last epoch, and otherwise at most every
   * {@link #STATUS_INTERVAL_MILLIS} ms) and, with -D, a line on standard error every
   * {@link #DEBUG_EPOCH_INTERVAL} epochs. Only losses already computed are shown: reporting costs no training
   * time.
   */
  private void reportProgress() {
    boolean debug = getDebug();
    if (m_Log == null && !debug) {
      return;
    }
    int epoch = m_Trainer.epochsDone();
    boolean last = m_Trainer.isFinished();
    String progress = "epoch " + epoch + " of " + m_NumEpochs + ", loss " + format(m_Trainer.latestLoss());
    if (m_Log != null) {
      long now = System.nanoTime();
      if (epoch == 1 || last || now - m_LastStatusNanos >= STATUS_INTERVAL_MILLIS * 1_000_000L) {
        m_LastStatusNanos = now;
        status(progress);
      }
    }
    if (debug && (epoch == 1 || last || epoch % DEBUG_EPOCH_INTERVAL == 0)) {
      double validation = m_Trainer.latestValidationLoss();
      System.err.println("BackpropOneHidden: " + progress
          + (Double.isNaN(validation) ? "" : ", validation loss " + format(validation))
          + (m_Trainer.restarts() > 0 ? " (restart " + m_Trainer.restarts() + ", learning rate "
              + format(m_Trainer.learningRate()) + ")" : ""));
    }
  }

  /** Writes a line to the Explorer's log, if there is one. */
  private void log(String message) {
    if (m_Log != null) {
      m_Log.logMessage("BackpropOneHidden: " + message);
    }
  }

  /** Shows a message in the Explorer's status bar, if there is one. */
  private void status(String message) {
    if (m_Log != null) {
      m_Log.statusMessage("BackpropOneHidden: " + message);
    }
  }

  /**
   * Sets the log that receives training progress (status bar) and a record of each training run (log):
   * the Explorer hands over its log panel. Not saved with the model.
   *
   * @param log the log, or null for none
   */
  @Override
  @ProgrammaticProperty
  public void setLog(Logger log) {
    m_Log = log;
  }

  /** @return the log set by {@link #setLog}, or null */
  @Override
  @ProgrammaticProperty
  public Logger getLog() {
    return m_Log;
  }

  /** @return tip text for Weka's property checks (the Explorer sets the log itself and does not show it) */
  public String logTipText() {
    return "Where training progress (status bar) and a record of each training run (log) go; the Explorer sets "
        + "its own log panel. Not saved with the model.";
  }

  /**
   * Finishes training: keeps the trained network (the best epoch's weights with early stopping). Without
   * resume the training state is released.
   */
  @Override
  public void done() {
    if (m_Trainer == null) {
      return;
    }
    m_Result = m_Trainer.result();
    m_Network = m_Result.network();
    if (m_Log != null) {
      TrainingResult result = m_Result;
      double seconds = (System.nanoTime() - m_StartNanos) / 1e9;
      log("training finished after " + result.epochs() + (result.epochs() == 1 ? " epoch" : " epochs")
          + " in " + Utils.doubleToString(seconds, 2).trim() + " s; stopped because "
          + result.stopReason().description()
          + (result.keptEpoch() != result.epochs() ? "; weights of epoch " + result.keptEpoch()
              + " (lowest validation loss) kept" : "")
          + "; training loss " + format(result.initialLoss()) + " -> " + format(result.finalLoss()));
      status("training finished after " + result.epochs() + " epochs");
    }
    if (!m_Resume) {
      closeTrainer();
    }
  }

  private void abortTraining() {
    closeTrainer();
    resetModel();
  }

  private void closeTrainer() {
    if (m_Trainer != null) {
      m_Trainer.close();
      m_Trainer = null;
    }
  }

  /** @return the number of threads to use: the option, or the available processors for 0 */
  private int effectiveNumThreads() {
    return m_NumThreads > 0 ? m_NumThreads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * @return why a network cannot be fitted to these instances, or null if it can
   */
  private static String nothingToLearn(Instances train) {
    if (train.numClasses() < 2) {
      return "the class has fewer than two values";
    }
    if (train.numInstances() == 0) {
      return "no training instance has a class value";
    }
    if (train.sumOfWeights() <= 0) {
      return "the training instances' weights sum to zero";
    }
    if (train.numAttributes() == 1) {
      return "there are no attributes besides the class";
    }
    return null;
  }

  private void resetModel() {
    m_Preprocessing = null;
    m_Result = null;
    m_Network = null;
    m_ZeroR = null;
    m_FallbackReason = null;
    m_NumMissingClassDropped = 0;
    m_TrainedElsewhere = null;
    m_Header = null;
    m_Stream = null;
    m_CheckedHeader = null;
  }

  // ---------------------------------------------------------------------------- incremental training

  /**
   * Starts incremental training: Weka calls buildClassifier on the header alone, then
   * {@link #updateClassifier} once per instance and {@link #batchFinished} at the end of the stream.
   * Until the first buffer is trained, predictions give the class prior of the instances received.
   */
  private void startStream(Instances header) {
    m_Header = new Instances(header, 0);
    m_Stream = new StreamBuffer(m_Header);
    log("incremental training started: instances are trained on " + m_BufferSize
        + " at a time (-buffer) as updateClassifier receives them");
  }

  /**
   * Adds one instance of a stream: a copy goes into the buffer (an instance without a class value is only
   * counted), and a full buffer is trained on at once (see {@link #batchFinished} for the rest). A model
   * trained in one batch can be updated too: its preprocessing stays, and training continues from its weights.
   *
   * @param instance an instance with the header given to buildClassifier
   * @throws Exception if the instance does not fit the header, has an infinite value or a bad weight, or
   *     training the buffer fails
   */
  @Override
  public void updateClassifier(Instance instance) throws Exception {
    if (m_Header == null) {
      throw new Exception("BackpropOneHidden: no model to update; call buildClassifier first (on the header "
          + "without instances, to start incremental training)");
    }
    String where = "stream instance " + (m_Stream == null ? 1 : m_Stream.nextInstanceNumber());
    checkStreamHeader(instance, where);
    checkTrainingValues(instance, where);
    if (m_Stream == null) {
      beginUpdatingBatchModel();
    }
    m_Stream.add(instance);
    if (m_Result == null) {
      m_ZeroR = null; // the prior changes with the stream until a network is trained
    }
    if (m_Stream.size() >= m_BufferSize) {
      trainBuffer();
    }
  }

  /**
   * Trains on the instances left in the buffer at the end of a stream (Weka calls this after the last
   * updateClassifier). The stream may go on afterwards.
   *
   * @throws Exception if training fails
   */
  @Override
  public void batchFinished() throws Exception {
    if (m_Stream != null && m_Stream.size() > 0) {
      trainBuffer();
    }
    if (m_Stream != null) {
      log("end of stream: " + m_Stream.instancesWithClass() + " instances in " + m_Stream.buffersTaken()
          + (m_Stream.buffersTaken() == 1 ? " buffer" : " buffers"));
    }
  }

  /** A model trained in one batch starts being updated: its preprocessing stays, its weights go on. */
  private void beginUpdatingBatchModel() {
    if (m_Result == null) {
      throw new IllegalStateException(m_Trainer != null
          ? "BackpropOneHidden: training is in progress (between initializeClassifier and done); updateClassifier "
              + "can only update a finished model"
          : "BackpropOneHidden: this model predicts the class prior (no network was trained: " + m_FallbackReason
              + ") and cannot be updated; start incremental training with buildClassifier on the header without "
              + "instances, then updateClassifier");
    }
    closeTrainer(); // a run kept for -resume does not know the weights the stream will change
    int rows = (int) Math.min(Integer.MAX_VALUE, m_Result.trainingRows() + m_Result.validationRows());
    m_Stream = new StreamBuffer(m_Header, rows, rows);
  }

  /**
   * @throws IllegalArgumentException if the instance has no header or one that differs from the header given
   *     to buildClassifier (class included), saying how
   */
  private void checkStreamHeader(Instance instance, String where) {
    Instances header = instance.dataset();
    if (header == null) {
      throw new IllegalArgumentException("BackpropOneHidden: " + where + " has no header (dataset); give it the "
          + "header given to buildClassifier with Instance.setDataset");
    }
    if (header == m_CheckedHeader) {
      return;
    }
    String difference = m_Header.equalHeadersMsg(header);
    if (difference != null) {
      throw new IllegalArgumentException("BackpropOneHidden: the header of " + where + " does not match the "
          + "header given to buildClassifier: " + difference);
    }
    m_CheckedHeader = header;
  }

  /**
   * Trains on the buffered instances, then empties the buffer. The first buffer with something to learn fits
   * the preprocessing and trains from the seeded initial weights, exactly as batch training on the same
   * instances; every later buffer is converted by that fixed preprocessing and trained from the current
   * weights. Each buffer gets the configured epochs, with early stopping on a split of the buffer; a partial
   * buffer that continues a network gets them in proportion to its size ({@link #partialBufferEpochs}).
   */
  private void trainBuffer() throws Exception {
    Instances buffer = m_Stream.take();
    long number = m_Stream.buffersTaken();
    TrainingResult result;
    if (m_Preprocessing == null) {
      String reason = nothingToLearn(buffer);
      StatisticsPreprocessing preprocessing = null;
      if (reason == null) {
        preprocessing = StatisticsPreprocessing.fit(buffer);
        if (preprocessing.numInputs() == 0) {
          reason = "no attribute varies in the training data";
        }
      }
      if (reason != null) {
        m_FallbackReason = reason;
        m_ZeroR = null;
        log("buffer " + number + " (" + buffer.numInstances() + " instances): no network trained: " + reason
            + "; predicting the class prior, as ZeroR does");
        return;
      }
      checkNetworkSize(preprocessing.numInputs(), buffer.numClasses());
      result = trainOn(preprocessing, buffer, number, null);
      m_Preprocessing = preprocessing;
      m_Stream.statisticsComputed(buffer.numInstances(), number);
    } else {
      if (!(buffer.sumOfWeights() > 0)) {
        log("buffer " + number + " (" + buffer.numInstances() + " instances) skipped: its weights sum to zero");
        return;
      }
      NetworkShape shape = m_Result.network().shape();
      if (shape.numHidden() != m_NumHidden || shape.activation() != m_Activation) {
        throw new IllegalStateException("BackpropOneHidden: the network being updated has " + shape.numHidden()
            + " " + shape.activation().optionName() + " hidden units, but the options now say -H " + m_NumHidden
            + " -A " + m_Activation.optionName() + "; keep -H and -A during a stream, or start a new one with "
            + "buildClassifier");
      }
      result = trainOn(m_Preprocessing, buffer, number, m_Result.network().parameters());
    }
    m_Result = result;
    m_Network = null;
    m_ZeroR = null;
    m_FallbackReason = null;
    String line = "buffer " + number + " (" + buffer.numInstances() + " instances, " + m_Stream.instancesWithClass()
        + " so far): " + result.epochs() + (result.epochs() == 1 ? " epoch" : " epochs") + ", training loss "
        + format(result.initialLoss()) + " -> " + format(result.finalLoss());
    log(line);
    status("incremental training: " + m_Stream.instancesWithClass() + " instances, " + number
        + (number == 1 ? " buffer" : " buffers"));
    if (getDebug()) {
      System.err.println("BackpropOneHidden: " + line);
    }
  }

  /**
   * Runs the configured training on one buffer, as batch training would run on its instances.
   *
   * @param start the weights to start from, or null for the seeded initial weights
   */
  private TrainingResult trainOn(Preprocessor preprocessing, Instances buffer, long number, double[] start)
      throws Exception {
    TrainingConfig config = trainingConfig();
    if (start != null && buffer.numInstances() < m_BufferSize) {
      // a partial buffer that continues a trained network (the end of a stream, or a few instances added to a
      // saved model) gets epochs in proportion to its size, so that a tail of a few instances cannot undo
      // what the full buffers learned by being fitted alone for all -N epochs
      config = config.toBuilder().epochs(partialBufferEpochs(buffer.numInstances())).build();
    }
    Trainer trainer;
    try {
      trainer = newTrainer(preprocessing, buffer, config);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("BackpropOneHidden: buffer " + number + " of the stream: " + e.getMessage()
          + (start == null ? "" : " (the standardization uses the statistics of the first buffer)"), e);
    }
    try (Trainer run = trainer) {
      if (start != null) {
        run.startFrom(start);
      }
      while (run.epoch()) {
        // one epoch per call
      }
      return run.result();
    } catch (TrainingInterruptedException e) {
      throw new InterruptedException("BackpropOneHidden: " + e.getMessage() + "; this buffer's instances are "
          + "dropped and the model keeps the weights from before it");
    } catch (TrainingDivergedException e) {
      throw diverged(e);
    }
  }

  /**
   * @param rows the instances in a partial buffer
   * @return max(1, round(N · rows / buffer size)): the epochs a partial buffer continuing a network gets
   */
  int partialBufferEpochs(int rows) {
    return (int) Math.max(1, Math.min(m_NumEpochs, Math.round((double) m_NumEpochs * rows / m_BufferSize)));
  }

  /** @return the lines of the model text that say how the stream went */
  private String streamText() {
    StringBuilder text = new StringBuilder();
    StreamBuffer stream = m_Stream;
    long buffers = stream.buffersTaken();
    text.append("Trained incrementally (updateClassifier): ");
    if (stream.batchRows() > 0) {
      text.append("after one batch of ").append(stream.batchRows()).append(" instances, ");
    }
    long streamed = stream.instancesWithClass();
    text.append(streamed).append(streamed == 1 ? " instance" : " instances").append(" with a class value in ")
        .append(buffers).append(buffers == 1 ? " buffer" : " buffers").append(" of at most ").append(m_BufferSize)
        .append(" (-buffer)");
    if (stream.size() > 0) {
      text.append("; ").append(stream.size()).append(" of them wait in the buffer (trained when it is full or when ")
          .append("the stream ends: batchFinished)");
    }
    text.append('\n');
    if (stream.statisticsRows() > 0) {
      text.append("Preprocessing statistics (means and standard deviations, modes, nominal values seen, useless "
          + "attributes) from ").append(stream.batchRows() > 0 ? "the batch"
              : stream.statisticsBuffer() == 1 ? "the first buffer"
              : "buffer " + stream.statisticsBuffer() + " (the first with something to learn)").append(" of ")
          .append(stream.statisticsRows()).append(" instances, fixed for the rest of the stream\n");
    }
    if (m_Result != null && (buffers > 1 || stream.batchRows() > 0)) {
      text.append("Each buffer continues from the weights of the one before; the training lines below are the "
          + "last buffer's\n");
    } else if (m_Result != null) {
      text.append("One buffer: trained exactly as one batch of its instances would be\n");
    }
    return text.toString();
  }

  /** Models saved before -buffer existed read it as 0: they get the default. */
  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (m_BufferSize < 1) {
      m_BufferSize = DEFAULT_BUFFER_SIZE;
    }
  }

  // -------------------------------------------------------------------------------------- prediction

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    checkBuilt();
    checkHeader(instance.dataset());
    checkPredictionValues(instance, "the instance");
    ZeroR prior = prior();
    if (prior != null) {
      return prior.distributionForInstance(instance);
    }
    return checkDistribution(network().distribution(m_Preprocessing.toRow(instance)), "the instance");
  }

  @Override
  public double[][] distributionsForInstances(Instances instances) throws Exception {
    checkBuilt();
    checkHeader(instances);
    for (int k = 0; k < instances.numInstances(); k++) {
      checkPredictionValues(instances.instance(k), "instance " + (k + 1));
    }
    double[][] result = new double[instances.numInstances()][];
    ZeroR prior = prior();
    if (prior != null) {
      for (int k = 0; k < result.length; k++) {
        result[k] = prior.distributionForInstance(instances.instance(k));
      }
      return result;
    }
    Network network = network();
    int numClasses = network.shape().numClasses();
    double[] x = m_Preprocessing.toRows(instances);
    double[] flat = new double[result.length * numClasses];
    network.distributions(x, 0, result.length, flat);
    for (int k = 0; k < result.length; k++) {
      double[] row = new double[numClasses];
      System.arraycopy(flat, k * numClasses, row, 0, numClasses);
      result[k] = checkDistribution(row, "instance " + (k + 1));
    }
    return result;
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  /**
   * @return the class-prior model predictions use when there is no network (nothing to learn, or a stream
   *     before its first buffer was trained), or null when there is a network
   */
  private synchronized ZeroR prior() throws Exception {
    if (m_Result != null || m_Trainer != null) {
      return null;
    }
    if (m_ZeroR == null) {
      m_ZeroR = m_Stream.prior(m_Header); // a stream: the prior of the instances received so far
    }
    return m_ZeroR;
  }

  /** @return the network predictions use: the trained one, or between next() calls the current weights */
  private synchronized Network network() {
    if (m_Network == null) {
      m_Network = m_Trainer != null ? m_Trainer.currentNetwork() : m_Result.network();
    }
    return m_Network;
  }

  /**
   * @param header the header of the instances to predict
   * @throws IllegalArgumentException if it differs from the training header, saying how (Weka's
   *         {@link Instances#equalHeadersMsg})
   */
  private void checkHeader(Instances header) {
    if (header == null) {
      throw new IllegalArgumentException("BackpropOneHidden: the instance has no header (dataset); give it the "
          + "training data's header with Instance.setDataset");
    }
    if (header == m_CheckedHeader) {
      return;
    }
    String difference = m_Header.equalHeadersMsg(header);
    if (difference != null) {
      throw new IllegalArgumentException("BackpropOneHidden: the test data's header does not match the training "
          + "data's: " + difference);
    }
    m_CheckedHeader = header;
  }

  private static void checkPredictionValues(Instance instance, String where) {
    String infinite = infiniteValue(instance);
    if (infinite != null) {
      throw new IllegalArgumentException("BackpropOneHidden: " + where + ": " + infinite);
    }
  }

  /**
   * A last guard: the network's output is finite for every finite input it was trained for, but inputs
   * extreme enough to overflow its sums (+infinity meeting -infinity) would give NaN.
   */
  private static double[] checkDistribution(double[] distribution, String where) {
    for (double p : distribution) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("BackpropOneHidden: the network's output for " + where + " is not a "
            + "probability (" + p + "): its numeric values are too far outside the training range");
      }
    }
    return distribution;
  }

  private void checkBuilt() throws Exception {
    if (m_ZeroR == null && m_Result == null && m_Trainer == null && m_Stream == null) {
      throw new Exception("BackpropOneHidden: no model built yet; call buildClassifier first");
    }
  }

  // ------------------------------------------------------------------------------------------ model

  /** @return the trained network, or null if none was built (not built yet, or the prior is used) */
  public Network getNetwork() {
    return m_Result == null ? null : m_Result.network();
  }

  /** @return the training-loss history J(θ_0) … J(θ_epochs), or null if no network was trained */
  public double[] getLossHistory() {
    return m_Result == null ? null : m_Result.lossHistory();
  }

  /** @return how training went (loss curves, epochs, stop reason), or null if no network was trained */
  public TrainingResult getTrainingResult() {
    return m_Result;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append("BackpropOneHidden\n=================\n\n");
    if (m_ZeroR == null && m_Result == null && m_Stream == null) {
      return text.append(m_Trainer != null ? "Training in progress: " + m_Trainer.epochsDone() + " epochs run.\n"
          : "No model built yet.\n").toString();
    }
    if (m_Stream != null) {
      text.append(streamText()).append('\n');
    }
    if (m_TrainedElsewhere != null) {
      text.append("Trained ").append(m_TrainedElsewhere).append("\n\n");
    }
    long missingClass = m_NumMissingClassDropped + (m_Stream == null ? 0 : m_Stream.missingClass());
    if (missingClass > 0) {
      text.append("Training instances without a class value ignored: ").append(missingClass).append("\n\n");
    }
    if (m_Result == null) {
      if (m_FallbackReason != null) {
        text.append("No network was trained: ").append(m_FallbackReason).append(".\n");
      } else if (m_Stream.instancesWithClass() == 0) {
        text.append("No network was trained: no training instance has a class value.\n");
      } else {
        text.append("No network was trained yet: the instances received wait in the buffer until it holds ")
            .append(m_BufferSize).append(" (-buffer) or the stream ends (batchFinished).\n");
      }
      String prior;
      try {
        prior = prior().toString();
      } catch (Exception e) {
        prior = "(the prior could not be computed: " + e.getMessage() + ")\n";
      }
      text.append("Predicting the class prior, as ZeroR does:\n\n").append(prior);
      return text.toString();
    }
    text.append(ModelText.describe(m_Header, m_Preprocessing, m_Result, trainingConfig(), m_BalanceClasses,
        Utils.joinOptions(getOptions()), getNumDecimalPlaces(), MAX_UNITS_FOR_WEIGHTS));
    return text.toString();
  }

  private static String format(double value) {
    return ModelText.format(value);
  }

  // ---------------------------------------------------------------------------------------- options

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> options = new Vector<>();
    options.add(new Option("\tNumber of hidden units, at least 1.\n\t(default " + DEFAULT_NUM_HIDDEN + ")", "H", 1,
        "-H <number>"));
    options.add(new Option("\tHidden-unit activation: sigmoid or tanh.\n\t(default "
        + DEFAULT_ACTIVATION.optionName() + ")", "A", 1, "-A <sigmoid|tanh>"));
    options.add(new Option("\tOptimizer: gd (the derivation's gradient descent), momentum, nesterov, adam,\n"
        + "\tor lbfgs (L-BFGS, full batch only: needs -B 0; ignores -L).\n"
        + "\t(default " + DEFAULT_OPTIMIZER.optionName() + ")", "O", 1, "-O <" + optimizerNames("|") + ">"));
    options.add(new Option("\tLearning rate, a finite number > 0 (not used by lbfgs).\n\t(default "
        + DEFAULT_LEARNING_RATE + ")", "L", 1, "-L <number>"));
    options.add(new Option("\tMomentum of the momentum and nesterov optimizers, in [0, 1).\n\t(default "
        + DEFAULT_MOMENTUM + ")", "M", 1, "-M <number>"));
    options.add(new Option("\tInverse-time learning-rate decay d >= 0: the rate of epoch t is L / (1 + d t).\n"
        + "\t(default " + DEFAULT_LEARNING_RATE_DECAY + ")", "decay", 1, "-decay <number>"));
    options.add(new Option("\tL2 weight decay (ridge) lambda >= 0 on the non-bias weights.\n\t(default "
        + DEFAULT_WEIGHT_DECAY + ")", "R", 1, "-R <number>"));
    options.add(new Option("\tMini-batch size, at least 0; 0 = all rows (full batch).\n\t(default "
        + DEFAULT_BATCH_SIZE + ")", "B", 1, "-B <number>"));
    options.add(new Option("\tNumber of epochs (passes over the data), at least 0.\n\t(default "
        + DEFAULT_NUM_EPOCHS + ")", "N", 1, "-N <number>"));
    options.add(new Option("\tFraction of the training data held out (stratified) for early stopping, in [0, 1);"
        + "\n\t0 = no early stopping.\n\t(default " + DEFAULT_VALIDATION_FRACTION + ")", "V", 1, "-V <fraction>"));
    options.add(new Option("\tEarly stopping: epochs without a lower validation loss before training stops,"
        + " at least 1.\n\t(default " + DEFAULT_PATIENCE + ")", "E", 1, "-E <number>"));
    options.add(new Option("\tWeight the classes to equal total weight (for imbalanced data).\n\t(default off)",
        "balance", 0, "-balance"));
    options.add(new Option("\tNumber of threads computing the gradient; 0 = the available processors.\n"
        + "\tThe model is the same for any number.\n\t(default " + DEFAULT_NUM_THREADS + ")", "num-threads", 1,
        "-num-threads <number>"));
    options.add(new Option("\tIncremental training (updateClassifier): instances collected before training on"
        + " them,\n\tat least 1; the first buffer's statistics fix the preprocessing.\n\t(default "
        + DEFAULT_BUFFER_SIZE + ")", "buffer", 1, "-buffer <number>"));
    options.add(new Option("\tKeep the training state after training, so that more epochs continue it.\n"
        + "\t(default off)", "resume", 0, "-resume"));
    options.add(new Option("\tDebug: a progress line on standard error every " + DEBUG_EPOCH_INTERVAL
        + " epochs (same as -output-debug-info).\n\t(default off)", "D", 0, "-D"));
    for (Option option : Collections.list(super.listOptions())) {
      // Weka's own flags (-D, -do-not-check-capabilities) do not say their default: add it, so that -h lists
      // every option with its default
      if (option.numArguments() == 0 && !option.description().contains("(default")) {
        option = new Option(option.description() + "\n\t(default off)", option.name(), 0, option.synopsis());
      }
      options.add(option);
    }
    return options.elements();
  }

  /**
   * Parses the options. Every value is checked before any is applied, so options with a bad value (the
   * message names the option, its allowed range and the value given) or with unknown leftovers leave this
   * classifier's settings unchanged.
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    int numHidden = parseInt(Utils.getOption('H', options), DEFAULT_NUM_HIDDEN, 1, RULE_NUM_HIDDEN);
    String text = Utils.getOption('A', options);
    Activation activation = text.isEmpty() ? DEFAULT_ACTIVATION : parseActivation(text);
    text = Utils.getOption('O', options);
    UpdateRule optimizer = text.isEmpty() ? DEFAULT_OPTIMIZER : parseOptimizer(text);
    double learningRate = parseDouble(Utils.getOption('L', options), DEFAULT_LEARNING_RATE,
        BackpropOneHidden::isValidLearningRate, RULE_LEARNING_RATE);
    double momentum = parseDouble(Utils.getOption('M', options), DEFAULT_MOMENTUM,
        BackpropOneHidden::isFraction, RULE_MOMENTUM);
    double learningRateDecay = parseDouble(Utils.getOption("decay", options), DEFAULT_LEARNING_RATE_DECAY,
        BackpropOneHidden::isFiniteNonNegative, RULE_LEARNING_RATE_DECAY);
    double weightDecay = parseDouble(Utils.getOption('R', options), DEFAULT_WEIGHT_DECAY,
        BackpropOneHidden::isFiniteNonNegative, RULE_WEIGHT_DECAY);
    int batchSize = parseInt(Utils.getOption('B', options), DEFAULT_BATCH_SIZE, 0, RULE_BATCH_SIZE);
    int numEpochs = parseInt(Utils.getOption('N', options), DEFAULT_NUM_EPOCHS, 0, RULE_NUM_EPOCHS);
    double validationFraction = parseDouble(Utils.getOption('V', options), DEFAULT_VALIDATION_FRACTION,
        BackpropOneHidden::isFraction, RULE_VALIDATION_FRACTION);
    int patience = parseInt(Utils.getOption('E', options), DEFAULT_PATIENCE, 1, RULE_PATIENCE);
    boolean balance = Utils.getFlag("balance", options);
    int numThreads = parseInt(Utils.getOption("num-threads", options), DEFAULT_NUM_THREADS, 0, RULE_NUM_THREADS);
    int bufferSize = parseInt(Utils.getOption("buffer", options), DEFAULT_BUFFER_SIZE, 1, RULE_BUFFER_SIZE);
    boolean resume = Utils.getFlag("resume", options);
    // the seed is parsed here rather than by RandomizableClassifier, whose NumberFormatException names no option
    int seed = parseInt(Utils.getOption('S', options), DEFAULT_SEED, Integer.MIN_VALUE, RULE_SEED);
    boolean debug = Utils.getFlag('D', options); // the short form of Weka's -output-debug-info
    checkOptimizerAndBatchSize(optimizer, batchSize, "");
    super.setOptions(options); // Weka's common options; rejects unknown leftovers
    setSeed(seed);
    if (debug) {
      setDebug(true);
    }
    setNumHidden(numHidden);
    setActivation(new SelectedTag(activation.ordinal(), TAGS_ACTIVATION));
    setOptimizer(new SelectedTag(optimizer.ordinal(), TAGS_OPTIMIZER));
    setLearningRate(learningRate);
    setMomentum(momentum);
    setLearningRateDecay(learningRateDecay);
    setWeightDecay(weightDecay);
    setMiniBatchSize(batchSize);
    setNumEpochs(numEpochs);
    setValidationFraction(validationFraction);
    setPatience(patience);
    setBalanceClasses(balance);
    setNumThreads(numThreads);
    setBufferSize(bufferSize);
    setResume(resume);
  }

  @Override
  public String[] getOptions() {
    List<String> options = new ArrayList<>();
    Collections.addAll(options, "-H", Integer.toString(m_NumHidden), "-A", m_Activation.optionName(),
        "-O", m_Optimizer.optionName(), "-L", Double.toString(m_LearningRate), "-M", Double.toString(m_Momentum),
        "-decay", Double.toString(m_LearningRateDecay), "-R", Double.toString(m_WeightDecay),
        "-B", Integer.toString(m_BatchSize), "-N", Integer.toString(m_NumEpochs),
        "-V", Double.toString(m_ValidationFraction), "-E", Integer.toString(m_Patience));
    if (m_BalanceClasses) {
      options.add("-balance");
    }
    Collections.addAll(options, "-num-threads", Integer.toString(m_NumThreads));
    Collections.addAll(options, "-buffer", Integer.toString(m_BufferSize));
    if (m_Resume) {
      options.add("-resume");
    }
    Collections.addAll(options, super.getOptions());
    return options.toArray(new String[0]);
  }

  /**
   * @param text the option's value as given ("" if the option is absent)
   * @param otherwise the default for an absent option
   * @param min the smallest allowed value
   * @param rule the option and its allowed range, for the message
   * @return the whole number
   * @throws IllegalArgumentException quoting the text if it is not a whole number of at least min
   */
  private static int parseInt(String text, int otherwise, int min, String rule) {
    if (text.isEmpty()) {
      return otherwise;
    }
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(rule + ", got '" + text + "' (not a whole number)");
    }
    if (value < min) {
      throw new IllegalArgumentException(rule + ", got '" + text + "'");
    }
    return value;
  }

  /**
   * @param text the option's value as given ("" if the option is absent)
   * @param otherwise the default for an absent option
   * @param valid the allowed values
   * @param rule the option and its allowed range, for the message
   * @return the number
   * @throws IllegalArgumentException quoting the text if it is not an allowed number
   */
  private static double parseDouble(String text, double otherwise, java.util.function.DoublePredicate valid,
      String rule) {
    if (text.isEmpty()) {
      return otherwise;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(rule + ", got '" + text + "' (not a number)");
    }
    if (!valid.test(value)) {
      throw new IllegalArgumentException(rule + ", got '" + text + "'");
    }
    return value;
  }

  private static boolean isValidLearningRate(double value) {
    return value > 0 && !Double.isInfinite(value);
  }

  private static boolean isFiniteNonNegative(double value) {
    return value >= 0 && !Double.isInfinite(value);
  }

  private static boolean isFraction(double value) {
    return value >= 0 && value < 1;
  }

  /**
   * The one check across options, made where all of them are known (setOptions, and buildClassifier for
   * options set one by one, which may pass through such a combination): an optimizer that trains on full
   * batches only (lbfgs) with -B &gt; 0.
   *
   * @param prefix put before the message ("" or the classifier's name)
   * @throws IllegalArgumentException naming -O and -B
   */
  private static void checkOptimizerAndBatchSize(UpdateRule optimizer, int batchSize, String prefix) {
    if (optimizer.isFullBatchOnly() && batchSize > 0) {
      throw new IllegalArgumentException(prefix + "-O " + optimizer.optionName() + " trains on full batches: "
          + "set -B 0 (got -B " + batchSize + ")");
    }
  }

  private static void check(boolean valid, String rule, Object value) {
    if (!valid) {
      throw new IllegalArgumentException(rule + ", got " + value);
    }
  }

  private static Activation parseActivation(String text) {
    try {
      return Activation.fromOptionName(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-A (activation): " + e.getMessage());
    }
  }

  private static UpdateRule parseOptimizer(String text) {
    try {
      return UpdateRule.fromOptionName(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-O (optimizer): " + e.getMessage());
    }
  }

  /** @return the number of hidden units */
  public int getNumHidden() {
    return m_NumHidden;
  }

  /**
   * @param numHidden the number of hidden units, at least 1
   */
  public void setNumHidden(int numHidden) {
    check(numHidden >= 1, RULE_NUM_HIDDEN, numHidden);
    m_NumHidden = numHidden;
  }

  /** @return tip text for the Explorer */
  public String numHiddenTipText() {
    return "The number of hidden units g (at least 1).";
  }

  /** @return the hidden activation, as a tag */
  public SelectedTag getActivation() {
    return new SelectedTag(m_Activation.ordinal(), TAGS_ACTIVATION);
  }

  /**
   * @param activation a tag from {@link #TAGS_ACTIVATION}
   */
  public void setActivation(SelectedTag activation) {
    if (activation == null || activation.getTags() != TAGS_ACTIVATION) {
      throw new IllegalArgumentException("-A (activation) must be one of sigmoid, tanh");
    }
    m_Activation = Activation.values()[activation.getSelectedTag().getID()];
  }

  /** @return tip text for the Explorer */
  public String activationTipText() {
    return "The hidden-unit activation s: sigmoid 1/(1+exp(-z)) or tanh.";
  }

  /** @return the optimizer, as a tag */
  public SelectedTag getOptimizer() {
    return new SelectedTag(m_Optimizer.ordinal(), TAGS_OPTIMIZER);
  }

  /**
   * @param optimizer a tag from {@link #TAGS_OPTIMIZER}
   */
  public void setOptimizer(SelectedTag optimizer) {
    if (optimizer == null || optimizer.getTags() != TAGS_OPTIMIZER) {
      throw new IllegalArgumentException("-O (optimizer) must be one of " + optimizerNames(", "));
    }
    m_Optimizer = UpdateRule.values()[optimizer.getSelectedTag().getID()];
  }

  /** @return the optimizers' command-line names, joined by the separator */
  private static String optimizerNames(String separator) {
    StringBuilder names = new StringBuilder();
    for (UpdateRule rule : UpdateRule.values()) {
      names.append(names.length() == 0 ? "" : separator).append(rule.optionName());
    }
    return names.toString();
  }

  /** @return tip text for the Explorer */
  public String optimizerTipText() {
    return "The update rule: gd (theta <- theta - eta * gradient, the derivation's), momentum, nesterov "
        + "(Nesterov's momentum), adam (Kingma & Ba 2015, beta1 0.9, beta2 0.999) or lbfgs (L-BFGS with "
        + Lbfgs.HISTORY + " pairs and a strong Wolfe line search: one iteration per epoch, full batches only, "
        + "so set miniBatchSize to 0; it does not use the learning rate).";
  }

  /** @return the learning rate */
  public double getLearningRate() {
    return m_LearningRate;
  }

  /**
   * @param learningRate the learning rate, finite and greater than 0
   */
  public void setLearningRate(double learningRate) {
    check(isValidLearningRate(learningRate), RULE_LEARNING_RATE, learningRate);
    m_LearningRate = learningRate;
  }

  /** @return tip text for the Explorer */
  public String learningRateTipText() {
    return "The learning rate eta (finite, > 0): the step size of gd, momentum, nesterov and adam. Not used by "
        + "lbfgs, whose line search chooses each step.";
  }

  /** @return the momentum */
  public double getMomentum() {
    return m_Momentum;
  }

  /**
   * @param momentum in [0, 1)
   */
  public void setMomentum(double momentum) {
    check(isFraction(momentum), RULE_MOMENTUM, momentum);
    m_Momentum = momentum;
  }

  /** @return tip text for the Explorer */
  public String momentumTipText() {
    return "The momentum mu in [0, 1) of the momentum and nesterov optimizers (ignored by gd and adam).";
  }

  /** @return the learning-rate decay */
  public double getLearningRateDecay() {
    return m_LearningRateDecay;
  }

  /**
   * @param decay d ≥ 0 of η_t = η / (1 + d t)
   */
  public void setLearningRateDecay(double decay) {
    check(isFiniteNonNegative(decay), RULE_LEARNING_RATE_DECAY, decay);
    m_LearningRateDecay = decay;
  }

  /** @return tip text for the Explorer */
  public String learningRateDecayTipText() {
    return "Inverse-time decay d >= 0 of the learning rate: epoch t uses eta / (1 + d t); 0 keeps it constant.";
  }

  /** @return the L2 weight decay */
  public double getWeightDecay() {
    return m_WeightDecay;
  }

  /**
   * @param weightDecay λ ≥ 0
   */
  public void setWeightDecay(double weightDecay) {
    check(isFiniteNonNegative(weightDecay), RULE_WEIGHT_DECAY, weightDecay);
    m_WeightDecay = weightDecay;
  }

  /** @return tip text for the Explorer */
  public String weightDecayTipText() {
    return "L2 weight decay lambda >= 0: adds (lambda/2) * sum of squared non-bias weights to the mean "
        + "cross-entropy; 0 = none.";
  }

  /** @return the mini-batch size */
  public int getMiniBatchSize() {
    return m_BatchSize;
  }

  /**
   * Sets the mini-batch size (not to be confused with Weka's prediction batch size, -batch-size).
   *
   * @param batchSize at least 0; 0 = all rows
   */
  public void setMiniBatchSize(int batchSize) {
    check(batchSize >= 0, RULE_BATCH_SIZE, batchSize);
    m_BatchSize = batchSize;
  }

  /** @return tip text for the Explorer */
  public String miniBatchSizeTipText() {
    return "Rows per gradient step (at least 0); 0 = all rows, the derivation's full-batch gradient descent. "
        + "Rows are shuffled every epoch from the seed. The lbfgs optimizer needs 0.";
  }

  /** @return the number of epochs */
  public int getNumEpochs() {
    return m_NumEpochs;
  }

  /**
   * @param numEpochs the number of epochs, at least 0 (0 keeps the random initial weights)
   */
  public void setNumEpochs(int numEpochs) {
    check(numEpochs >= 0, RULE_NUM_EPOCHS, numEpochs);
    m_NumEpochs = numEpochs;
  }

  /** @return tip text for the Explorer */
  public String numEpochsTipText() {
    return "The number of epochs: passes over the training data (at least 0; 0 keeps the random initial "
        + "weights). With early stopping, the most epochs.";
  }

  /** @return the validation fraction */
  public double getValidationFraction() {
    return m_ValidationFraction;
  }

  /**
   * @param fraction in [0, 1); 0 = no early stopping
   */
  public void setValidationFraction(double fraction) {
    check(isFraction(fraction), RULE_VALIDATION_FRACTION, fraction);
    m_ValidationFraction = fraction;
  }

  /** @return tip text for the Explorer */
  public String validationFractionTipText() {
    return "Fraction in [0, 1) of the training data held out (stratified, from the seed) for early stopping; "
        + "0 = none. Training stops after 'patience' epochs without a lower validation loss and keeps the best "
        + "epoch's weights. With fewer than 5 instances on either side, all data is used without early stopping.";
  }

  /** @return the patience */
  public int getPatience() {
    return m_Patience;
  }

  /**
   * @param patience at least 1
   */
  public void setPatience(int patience) {
    check(patience >= 1, RULE_PATIENCE, patience);
    m_Patience = patience;
  }

  /** @return tip text for the Explorer */
  public String patienceTipText() {
    return "Early stopping: how many epochs without a lower validation loss end training (at least 1).";
  }

  /** @return true if classes are balanced */
  public boolean getBalanceClasses() {
    return m_BalanceClasses;
  }

  /**
   * @param balance true to weight every class to the same total weight
   */
  public void setBalanceClasses(boolean balance) {
    m_BalanceClasses = balance;
  }

  /** @return tip text for the Explorer */
  public String balanceClassesTipText() {
    return "Reweight the instances so that every class has the same total weight (instance weights are kept "
        + "within a class): for imbalanced data.";
  }

  /** @return the number of threads (0 = the available processors) */
  public int getNumThreads() {
    return m_NumThreads;
  }

  /**
   * @param numThreads threads computing the gradient, at least 0 (0 = the available processors)
   */
  public void setNumThreads(int numThreads) {
    check(numThreads >= 0, RULE_NUM_THREADS, numThreads);
    m_NumThreads = numThreads;
  }

  /** @return tip text for the Explorer */
  public String numThreadsTipText() {
    return "The number of threads computing the gradient (0 = the available processors). The trained model is "
        + "bit-identical for any number of threads.";
  }

  /** @return instances incremental training collects before training on them */
  public int getBufferSize() {
    return m_BufferSize;
  }

  /**
   * Sets how many instances incremental training (updateClassifier) collects before it trains on them. A
   * stream that is changed takes the new size from its next instance on.
   *
   * @param bufferSize at least 1
   */
  public void setBufferSize(int bufferSize) {
    check(bufferSize >= 1, RULE_BUFFER_SIZE, bufferSize);
    m_BufferSize = bufferSize;
  }

  /** @return tip text for the Explorer */
  public String bufferSizeTipText() {
    return "Incremental training only (updateClassifier: Weka's command line with a test file or -no-cv, the "
        + "KnowledgeFlow's instance streams): instances collected before training on them (at least 1). Each full "
        + "buffer gets the configured epochs, starting from the current weights; the first buffer's statistics "
        + "(means, standard deviations, modes, nominal values seen) fix the preprocessing for the whole stream. "
        + "Only one buffer is held in memory. A stream no longer than the buffer trains exactly as in one batch.";
  }

  @Override
  public boolean getResume() {
    return m_Resume;
  }

  @Override
  public void setResume(boolean resume) {
    m_Resume = resume;
    if (!resume && m_Trainer != null && m_Result != null) {
      closeTrainer();
    }
  }

  /** @return tip text for the Explorer */
  public String resumeTipText() {
    return "Keep the training state after training, so that building again with more epochs continues "
        + "(the Explorer's 'Continue iterating').";
  }

  @Override
  public String seedTipText() {
    return "The seed of the random initial weights, the validation split and the mini-batch order; the same seed "
        + "and data give the same model.";
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  /**
   * Runs the classifier from the command line.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    runClassifier(new BackpropOneHidden(), args);
  }
}

