package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;

import weka.classifiers.RandomizableClassifier;
import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.DataMatrix;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.Trainer;
import weka.classifiers.functions.backprop.TrainingConfig;
import weka.classifiers.functions.backprop.TrainingInterruptedException;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.bridge.Preprocessing;
import weka.classifiers.rules.ZeroR;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
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

/**
 * <!-- globalinfo-start -->
 * A neural network with one hidden layer, trained by backpropagation: hidden units a = σ1(Θx) (sigmoid or
 * tanh) and an output p = σ(βᵀa) for two classes or a softmax for more, fitted to the mean cross-entropy by
 * full-batch gradient descent.
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
 *  Number of hidden units.</pre>
 *
 * <pre> -A &lt;sigmoid|tanh&gt;
 *  Hidden-unit activation.</pre>
 *
 * <pre> -L &lt;number&gt;
 *  Learning rate of gradient descent.</pre>
 *
 * <pre> -N &lt;number&gt;
 *  Number of epochs (full passes over the data).</pre>
 *
 * <pre> -num-threads &lt;number&gt;
 *  Number of threads computing the gradient; 0 = the available processors.</pre>
 *
 * <pre> -S &lt;num&gt;
 *  Random number seed (initial weights).</pre>
 * <!-- options-end -->
 */
public class BackpropOneHidden extends RandomizableClassifier
    implements WeightedInstancesHandler, TechnicalInformationHandler {

  private static final long serialVersionUID = 4242196307460150923L;

  /** Default number of hidden units (-H). */
  public static final int DEFAULT_NUM_HIDDEN = 10;
  /** Default hidden activation (-A). */
  public static final Activation DEFAULT_ACTIVATION = Activation.SIGMOID;
  /** Default learning rate (-L). */
  public static final double DEFAULT_LEARNING_RATE = 0.5;
  /** Default number of epochs (-N). */
  public static final int DEFAULT_NUM_EPOCHS = 500;

  /** Default number of threads for the gradient (-num-threads): the available processors. */
  public static final int DEFAULT_NUM_THREADS = 0;

  /** The options' allowed ranges, for error messages. */
  private static final String RULE_NUM_HIDDEN = "-H (hidden units) must be at least 1";
  private static final String RULE_LEARNING_RATE = "-L (learning rate) must be a finite number > 0";
  private static final String RULE_NUM_EPOCHS = "-N (epochs) must be at least 0";
  private static final String RULE_NUM_THREADS =
      "-num-threads (threads) must be at least 0 (0 = the available processors)";

  /** The activations as Weka tags, for the Explorer's drop-down list; tag ids are the enum ordinals. */
  public static final Tag[] TAGS_ACTIVATION = activationTags();

  private int m_NumHidden = DEFAULT_NUM_HIDDEN;
  private Activation m_Activation = DEFAULT_ACTIVATION;
  private double m_LearningRate = DEFAULT_LEARNING_RATE;
  private int m_NumEpochs = DEFAULT_NUM_EPOCHS;
  private int m_NumThreads = DEFAULT_NUM_THREADS;

  /** The fitted preprocessing (null until built, or when falling back to the prior). */
  private Preprocessing m_Preprocessing;
  /** The trained network and its loss history (null until built, or when falling back). */
  private TrainingResult m_Result;
  /** The class-prior model used when the data has nothing to learn. */
  private ZeroR m_ZeroR;
  /** Why the prior is used instead of a network. */
  private String m_FallbackReason;
  /** Training instances dropped because their class was missing. */
  private int m_NumMissingClassDropped;
  /** Header of the training data. */
  private Instances m_Header;

  private static Tag[] activationTags() {
    Activation[] values = Activation.values();
    Tag[] tags = new Tag[values.length];
    for (int i = 0; i < values.length; i++) {
      tags[i] = new Tag(values[i].ordinal(), values[i].optionName(), values[i].optionName());
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
        + "J = -(1/m) sum_k [y_k log p_k + (1 - y_k) log(1 - p_k)] (instance weights make it a weighted mean) "
        + "by full-batch gradient descent, with the gradients dJ/dbeta = mean((p - y) a) and "
        + "dJ/dTheta_l = mean((p - y) beta_l s'(z_l) x) computed in matrix form over all rows.\n\n"
        + "Missing values are replaced by means and modes, useless attributes removed, nominal attributes "
        + "turned into binary ones and all inputs standardized; the filters are kept with the model. A training "
        + "set with nothing to learn gives the class prior, as ZeroR does.\n\n"
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
    resetModel();
    getCapabilities().testWithFail(data);
    Instances train = new Instances(data);
    train.deleteWithMissingClass();
    int numMissingClass = data.numInstances() - train.numInstances();
    m_Header = new Instances(data, 0);

    String fallback = nothingToLearn(train);
    Preprocessing preprocessing = null;
    if (fallback == null) {
      preprocessing = Preprocessing.fit(train);
      if (preprocessing.numInputs() == 0) {
        fallback = "no attribute varies in the training data";
      }
    }
    if (fallback != null) {
      ZeroR zeroR = new ZeroR();
      zeroR.buildClassifier(train);
      m_ZeroR = zeroR;
      m_FallbackReason = fallback;
      m_NumMissingClassDropped = numMissingClass;
      return;
    }

    DataMatrix matrix = preprocessing.toMatrix(train, train.numClasses());
    TrainingConfig config = new TrainingConfig().numHidden(m_NumHidden).activation(m_Activation)
        .learningRate(m_LearningRate).epochs(m_NumEpochs).seed(getSeed()).numThreads(effectiveNumThreads());
    TrainingResult result;
    try {
      result = Trainer.train(matrix, config);
    } catch (TrainingInterruptedException e) {
      throw new InterruptedException(e.getMessage());
    } catch (IllegalStateException e) {
      throw new Exception("BackpropOneHidden: " + e.getMessage() + " with learning rate (-L) " + m_LearningRate
          + "; try a smaller learning rate", e);
    }
    m_Preprocessing = preprocessing;
    m_Result = result;
    m_NumMissingClassDropped = numMissingClass;
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
    m_ZeroR = null;
    m_FallbackReason = null;
    m_NumMissingClassDropped = 0;
    m_Header = null;
  }

  // -------------------------------------------------------------------------------------- prediction

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    checkBuilt();
    if (m_ZeroR != null) {
      return m_ZeroR.distributionForInstance(instance);
    }
    return m_Result.network().distribution(m_Preprocessing.toRow(instance));
  }

  @Override
  public double[][] distributionsForInstances(Instances instances) throws Exception {
    checkBuilt();
    double[][] result = new double[instances.numInstances()][];
    if (m_ZeroR != null) {
      for (int k = 0; k < result.length; k++) {
        result[k] = m_ZeroR.distributionForInstance(instances.instance(k));
      }
      return result;
    }
    Network network = m_Result.network();
    int numClasses = network.shape().numClasses();
    double[] x = m_Preprocessing.toRows(instances);
    double[] flat = new double[result.length * numClasses];
    network.distributions(x, 0, result.length, flat);
    for (int k = 0; k < result.length; k++) {
      double[] row = new double[numClasses];
      System.arraycopy(flat, k * numClasses, row, 0, numClasses);
      result[k] = row;
    }
    return result;
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  private void checkBuilt() throws Exception {
    if (m_ZeroR == null && m_Result == null) {
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

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append("BackpropOneHidden\n=================\n\n");
    if (m_ZeroR == null && m_Result == null) {
      return text.append("No model built yet.\n").toString();
    }
    if (m_NumMissingClassDropped > 0) {
      text.append("Training instances without a class value ignored: ").append(m_NumMissingClassDropped)
          .append("\n\n");
    }
    if (m_ZeroR != null) {
      text.append("No network was trained: ").append(m_FallbackReason).append(".\n");
      text.append("Predicting the class prior, as ZeroR does:\n\n").append(m_ZeroR.toString());
      return text.toString();
    }
    NetworkShape shape = m_Result.network().shape();
    text.append("Architecture: ").append(shape.numInputs()).append(" inputs -> ").append(shape.numHidden())
        .append(' ').append(shape.activation().optionName())
        .append(shape.numHidden() == 1 ? " hidden unit -> " : " hidden units -> ")
        .append(shape.numOutputs()).append(shape.numOutputs() == 1 ? " sigmoid output" : " softmax outputs")
        .append(" (").append(shape.numParameters()).append(" weights)\n");
    text.append("Class: ").append(m_Header.classAttribute().name()).append(" (")
        .append(m_Header.numClasses()).append(" values)\n");
    text.append("Preprocessing: missing values -> means/modes, ");
    int removed = m_Preprocessing.numUselessRemoved();
    if (removed > 0) {
      text.append(removed).append(removed == 1 ? " useless attribute" : " useless attributes")
          .append(" removed, ");
    }
    text.append("nominal -> binary, inputs standardized\n");
    text.append("Training: full-batch gradient descent, learning rate ").append(m_LearningRate)
        .append(", ").append(m_Result.epochs()).append(m_Result.epochs() == 1 ? " epoch" : " epochs")
        .append(" run, seed ").append(getSeed()).append('\n');
    text.append("Training loss (mean cross-entropy): ").append(format(m_Result.initialLoss()))
        .append(" at the start, ").append(format(m_Result.finalLoss())).append(" after the last epoch\n");
    return text.toString();
  }

  /**
   * @return the value with 6 decimals, or in scientific notation when that would show too few significant
   *     digits (below 1e-4, where a tiny loss would print as 0) or too many (1e6 and above)
   */
  private static String format(double value) {
    double magnitude = Math.abs(value);
    if (value != 0 && (magnitude < 1e-4 || magnitude >= 1e6)) {
      return String.format(Locale.ROOT, "%.6e", value);
    }
    return Utils.doubleToString(value, 6).trim();
  }

  // ---------------------------------------------------------------------------------------- options

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> options = new Vector<>();
    options.add(new Option("\tNumber of hidden units, at least 1.\n\t(default " + DEFAULT_NUM_HIDDEN + ")", "H", 1,
        "-H <number>"));
    options.add(new Option("\tHidden-unit activation: sigmoid or tanh.\n\t(default "
        + DEFAULT_ACTIVATION.optionName() + ")", "A", 1, "-A <sigmoid|tanh>"));
    options.add(new Option("\tLearning rate of gradient descent, a finite number > 0.\n\t(default "
        + DEFAULT_LEARNING_RATE + ")", "L", 1, "-L <number>"));
    options.add(new Option("\tNumber of epochs (full passes over the data), at least 0.\n\t(default "
        + DEFAULT_NUM_EPOCHS + ")", "N", 1, "-N <number>"));
    options.add(new Option("\tNumber of threads computing the gradient; 0 = the available processors.\n"
        + "\tThe model is the same for any number.\n\t(default " + DEFAULT_NUM_THREADS + ")", "num-threads", 1,
        "-num-threads <number>"));
    options.addAll(Collections.list(super.listOptions()));
    return options.elements();
  }

  /**
   * Parses the options. Every value is checked before any is applied, so options with a bad value (the
   * message names the option and its allowed range) or with unknown leftovers leave this classifier's own
   * settings unchanged.
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    String hidden = Utils.getOption('H', options);
    int numHidden = hidden.isEmpty() ? DEFAULT_NUM_HIDDEN : parseInt(hidden, 1, RULE_NUM_HIDDEN);
    String activationName = Utils.getOption('A', options);
    Activation activation = activationName.isEmpty() ? DEFAULT_ACTIVATION : parseActivation(activationName);
    String rate = Utils.getOption('L', options);
    double learningRate = rate.isEmpty() ? DEFAULT_LEARNING_RATE : parseLearningRate(rate);
    String epochs = Utils.getOption('N', options);
    int numEpochs = epochs.isEmpty() ? DEFAULT_NUM_EPOCHS : parseInt(epochs, 0, RULE_NUM_EPOCHS);
    String threads = Utils.getOption("num-threads", options);
    int numThreads = threads.isEmpty() ? DEFAULT_NUM_THREADS : parseInt(threads, 0, RULE_NUM_THREADS);
    super.setOptions(options); // the seed and Weka's common options; rejects unknown leftovers
    setNumHidden(numHidden);
    setActivation(new SelectedTag(activation.ordinal(), TAGS_ACTIVATION));
    setLearningRate(learningRate);
    setNumEpochs(numEpochs);
    setNumThreads(numThreads);
  }

  @Override
  public String[] getOptions() {
    List<String> options = new ArrayList<>();
    options.add("-H");
    options.add(Integer.toString(m_NumHidden));
    options.add("-A");
    options.add(m_Activation.optionName());
    options.add("-L");
    options.add(Double.toString(m_LearningRate));
    options.add("-N");
    options.add(Integer.toString(m_NumEpochs));
    options.add("-num-threads");
    options.add(Integer.toString(m_NumThreads));
    Collections.addAll(options, super.getOptions());
    return options.toArray(new String[0]);
  }

  /**
   * @param text the option's value as given
   * @param min the smallest allowed value
   * @param rule the option and its allowed range, for the message
   * @return the whole number
   * @throws IllegalArgumentException quoting the text if it is not a whole number of at least min
   */
  private static int parseInt(String text, int min, String rule) {
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

  private static double parseLearningRate(String text) {
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(RULE_LEARNING_RATE + ", got '" + text + "' (not a number)");
    }
    if (!isValidLearningRate(value)) {
      throw new IllegalArgumentException(RULE_LEARNING_RATE + ", got '" + text + "'");
    }
    return value;
  }

  private static boolean isValidLearningRate(double value) {
    return value > 0 && !Double.isInfinite(value);
  }

  private static Activation parseActivation(String text) {
    try {
      return Activation.fromOptionName(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-A (activation): " + e.getMessage());
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
    if (numHidden < 1) {
      throw new IllegalArgumentException(RULE_NUM_HIDDEN + ", got " + numHidden);
    }
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

  /** @return the learning rate */
  public double getLearningRate() {
    return m_LearningRate;
  }

  /**
   * @param learningRate the learning rate, finite and greater than 0
   */
  public void setLearningRate(double learningRate) {
    if (!isValidLearningRate(learningRate)) {
      throw new IllegalArgumentException(RULE_LEARNING_RATE + ", got " + learningRate);
    }
    m_LearningRate = learningRate;
  }

  /** @return tip text for the Explorer */
  public String learningRateTipText() {
    return "The learning rate eta of gradient descent, theta <- theta - eta * gradient (finite, > 0).";
  }

  /** @return the number of epochs */
  public int getNumEpochs() {
    return m_NumEpochs;
  }

  /**
   * @param numEpochs the number of epochs, at least 0 (0 keeps the random initial weights)
   */
  public void setNumEpochs(int numEpochs) {
    if (numEpochs < 0) {
      throw new IllegalArgumentException(RULE_NUM_EPOCHS + ", got " + numEpochs);
    }
    m_NumEpochs = numEpochs;
  }

  /** @return tip text for the Explorer */
  public String numEpochsTipText() {
    return "The number of epochs: full passes over the training data, one gradient step each (at least 0; "
        + "0 keeps the random initial weights).";
  }

  /** @return the number of threads (0 = the available processors) */
  public int getNumThreads() {
    return m_NumThreads;
  }

  /**
   * @param numThreads threads computing the gradient, at least 0 (0 = the available processors)
   */
  public void setNumThreads(int numThreads) {
    if (numThreads < 0) {
      throw new IllegalArgumentException(RULE_NUM_THREADS + ", got " + numThreads);
    }
    m_NumThreads = numThreads;
  }

  /** @return tip text for the Explorer */
  public String numThreadsTipText() {
    return "The number of threads computing the gradient (0 = the available processors). The trained model is "
        + "bit-identical for any number of threads.";
  }

  @Override
  public String seedTipText() {
    return "The seed of the random initial weights; the same seed and data give the same model.";
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
