package weka.classifiers.functions;

import static weka.classifiers.functions.backprop.bridge.OptionTable.*;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.OptionalDataException;
import java.io.StreamCorruptedException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import weka.classifiers.IterativeClassifier;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.Sourcable;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.bridge.BatchRun;
import weka.classifiers.functions.backprop.bridge.JavaSource;
import weka.classifiers.functions.backprop.bridge.Measures;
import weka.classifiers.functions.backprop.bridge.Importance;
import weka.classifiers.functions.backprop.bridge.ModelState;
import weka.classifiers.functions.backprop.bridge.ModelText;
import weka.classifiers.functions.backprop.bridge.NetworkModel;
import weka.classifiers.functions.backprop.bridge.OptionTable;
import weka.classifiers.functions.backprop.bridge.Pmml;
import weka.classifiers.functions.backprop.bridge.PriorModel;
import weka.classifiers.functions.backprop.bridge.SavedFields;
import weka.classifiers.functions.backprop.bridge.Settings;
import weka.classifiers.functions.backprop.bridge.StreamTrainer;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.bridge.TrainingLog;
import weka.classifiers.functions.backprop.bridge.TunedTraining;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.core.AdditionalMeasureProducer;
import weka.core.Capabilities.Capability;
import weka.core.Capabilities;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.LogHandler;
import weka.core.Option;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.core.pmml.PMMLProducer;
import weka.gui.Logger;
import weka.gui.ProgrammaticProperty;

/**
 * <!-- globalinfo-start -->
 * A neural network with one hidden layer, trained by backpropagation.<br>
 * <br>
 * Inputs x (with a bias x0 = 1) feed g hidden units a = s(Theta x), where s is the sigmoid or tanh, with a bias a0 = 1; the output is p = sigmoid(beta^T a) for two classes and a softmax over one output per class for more. The weights minimise the mean cross-entropy J = -(1/m) sum_k [y_k log p_k + (1 - y_k) log(1 - p_k)] (instance weights make it a weighted mean; -R adds (lambda/2) times the sum of squared non-bias weights), with the gradients dJ/dbeta = mean((p - y) a) and dJ/dTheta_l = mean((p - y) beta_l s'(z_l) x) computed in matrix form over blocks of rows.<br>
 * <br>
 * A numeric (or date) class is predicted by one linear output p = beta^T a, trained on the mean squared error of the class standardized with the training data's weighted mean and standard deviation (kept in the model; predictions are returned on the class's scale); the error term is again p - y, so the gradients are the same.<br>
 * <br>
 * By default buildClassifier tunes itself to the data (-tune cv): 5-fold cross-validation on the training data (3 folds above 2,000 instances) tries the configured hidden units and weight decay and one more candidate (weight decay 0.01 up to 2,000 instances, 4 x the hidden units above); the k fold networks of each candidate are trained together, and the epoch with the lowest mean held-out Brier score chosen. The model is the committee of the best candidate's k fold networks, whose class probabilities it averages; its text lists every candidate's score. -tune none trains one network with the options, as earlier versions did.<br>
 * <br>
 * Each network's weights are fitted by Adam on mini-batches of 32 shuffled rows (with -tune none, early stopping on a held-out tenth of the data keeps the best epoch's weights). The derivation's full-batch gradient descent, theta &lt;- theta - eta * gradient, is -O gd -B 0 -V 0 -R 0 -tune none. Momentum, Nesterov's momentum, L-BFGS on full batches (-O lbfgs -B 0), a decaying learning rate and class balancing are options; training restarts with half the learning rate if the loss diverges.<br>
 * <br>
 * Missing values are replaced by means and modes, useless attributes removed, nominal attributes turned into binary ones and all inputs standardized; the statistics of this preprocessing are kept with the model. A training set with nothing to learn gives the class prior (a numeric class: its mean), as ZeroR does.<br>
 * <br>
 * Incremental training (Weka's command line with a test file or -no-cv, KnowledgeFlow instance streams): instances are collected in a buffer of -buffer instances, and each full buffer is trained on like a batch, from the current weights; the preprocessing statistics come from the first buffer and stay fixed. Only one buffer is kept in memory, so streams larger than memory can be learned. A stream that fits in one buffer is trained exactly as one batch (tuned); later buffers train every network of a committee further.<br>
 * <br>
 * For more information see:<br>
 * <br>
 * David E. Rumelhart, Geoffrey E. Hinton, Ronald J. Williams (1986). Learning representations by back-propagating errors. Nature. 323(6088):533-536.
 * <br><br>
 * <!-- globalinfo-end -->
 *
 * <p>This class is the Weka face of the engine in {@code weka.classifiers.functions.backprop}, and only
 * orchestrates Weka's lifecycle (build, iterate, update, predict, describe). Each job has a room of its own in
 * {@code backprop.bridge}: the options ({@link OptionTable}, their values in {@link Settings}), the training data
 * ({@link TrainingData}), what the classifier holds ({@link ModelState}: nothing, a network, the class prior, a
 * batch run or a stream), the batch run ({@link BatchRun}), the stream ({@link StreamTrainer}) and the model
 * text ({@link ModelText}). The mathematics lives in the engine.
 *
 * <p><b>Threads.</b> Predictions ({@code distributionForInstance}, {@code distributionsForInstances},
 * {@code toString} and the getters) may run in any number of threads at once. {@code updateClassifier} and
 * {@code batchFinished} may too: they are synchronized, so a stream's instances are added one at a time and none is
 * lost. Building ({@code buildClassifier}, or {@code initializeClassifier}, {@code next} and {@code done}) and
 * changing options modify the classifier: do them in one thread, and not while other threads predict with it
 * (predict with a copy, {@code AbstractClassifier.makeCopy}, while the original trains; copies train
 * independently, as the Experimenter's do). A prediction that meets a build anyway works on one state throughout:
 * the model from before, or the run in progress (its weights after the last epoch), or, while the build checks its
 * data and fits the preprocessing, it fails with an {@link IllegalStateException} saying that the classifier is being
 * rebuilt; it never sees a half-made model or fails with a NullPointerException.
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
 * <pre> -tune &lt;cv|none&gt;
 *  Tuning in batch training: cv (k-fold cross-validation over hidden units and weight
 *  decay, the epochs from the same folds; the model averages the k fold networks)
 *  or none (one network with these options, as before 1.2).
 *  (default cv)</pre>
 *
 * <pre> -tune-folds &lt;number&gt;
 *  Folds of the tuning's cross-validation, at least 2; 0 = 5 (up to 2000 instances) or 3 (above).
 *  (default 0)</pre>
 *
 * <pre> -tune-hidden &lt;auto|list&gt;
 *  Hidden units the tuning tries, e.g. 16,64; auto = -H, and also 4 x -H
 *  above 2000 instances.
 *  (default auto)</pre>
 *
 * <pre> -tune-decay &lt;auto|list&gt;
 *  Weight decays the tuning tries, e.g. 1e-4,0.01; auto = -R, and also 0.01
 *  up to 2000 instances.
 *  (default auto)</pre>
 *
 * <pre> -balance
 *  Weight the classes to equal total weight (for imbalanced data).
 *  (default off)</pre>
 *
 * <pre> -importance
 *  Compute input importance during training: permutation importance on held-out rows and Olden's
 *  connection weights, ranked per attribute in the model text.
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
 * <pre> -print-weights
 *  Model text: every weight, of any size of network and of each network of a committee, with
 *  every digit, and folded onto the raw attribute values (w' = w * scale / sd).
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
    UpdateableClassifier, UpdateableBatchProcessor, AdditionalMeasureProducer, Sourcable, PMMLProducer {

  private static final long serialVersionUID = 4242196307460150923L;

  /** The optimizers as Weka tags; tag ids are the enum ordinals. */
  public static final Tag[] TAGS_OPTIMIZER = OPTIMIZER.tags();

  /** The activations as Weka tags, for the Explorer's drop-down list; tag ids are the enum ordinals. */
  public static final Tag[] TAGS_ACTIVATION = ACTIVATION.tags();
  /** The choices of -tune, as the Explorer's drop-down list shows them. */
  public static final Tag[] TAGS_TUNE = TUNE.tags();

  /** The options' values (the seed and the debug flag are Weka's superclasses'). */
  private Settings m_Settings = Settings.DEFAULTS;
  /**
   * What the classifier holds: nothing, a network, the class prior, a batch run or a stream. Never null. Volatile,
   * and read once by each prediction, which so works on one state throughout (see the class comment on threads).
   */
  private volatile ModelState m_Model = ModelState.NONE;

  /** The input importance of the model held (-importance), or null. */
  private volatile Importance m_Importance;
  /** The last header found equal to the training header, remembered to check each header once while unchanged. */
  private transient volatile TrainingData.CheckedHeader m_CheckedHeader;
  /** The Explorer's log and status bar; not part of the model (lost when the classifier is copied). */
  private transient Logger m_Log;

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
        + "A numeric (or date) class is predicted by one linear output p = beta^T a, trained on the mean squared "
        + "error of the class standardized with the training data's weighted mean and standard deviation (kept in "
        + "the model; predictions are returned on the class's scale); the error term is again p - y, so the "
        + "gradients are the same.\n\n"
        + "By default buildClassifier tunes itself to the data (-tune cv): 5-fold cross-validation on the "
        + "training data (3 folds above 2,000 instances) tries the configured hidden units and weight decay and "
        + "one more candidate (weight decay 0.01 up to 2,000 instances, 4 x the hidden units above); the k fold "
        + "networks of each candidate are trained together, and the epoch with the lowest mean held-out Brier "
        + "score chosen. The model is the committee of the best candidate's k fold networks, whose class "
        + "probabilities it averages; its text lists every candidate's score. -tune none trains one network "
        + "with the options, as earlier versions did.\n\n"
        + "Each network's weights are fitted by Adam on mini-batches of 32 shuffled rows (with -tune none, "
        + "early stopping on a held-out tenth of the data keeps the best epoch's weights). The derivation's "
        + "full-batch gradient descent, theta <- theta - eta * gradient, is -O gd -B 0 -V 0 -R 0 -tune none. "
        + "Momentum, Nesterov's "
        + "momentum, L-BFGS on full batches (-O lbfgs -B 0), a decaying learning rate and class balancing are "
        + "options; training restarts with half the learning rate if the loss diverges.\n\n"
        + "Missing values are replaced by means and modes, useless attributes removed, nominal attributes "
        + "turned into binary ones and all inputs standardized; the statistics of this preprocessing are kept "
        + "with the model. A training set with nothing to learn gives the class prior (a numeric class: its mean), as "
        + "ZeroR does.\n\n"
        + "Incremental training (Weka's command line with a test file or -no-cv, KnowledgeFlow instance streams): "
        + "instances are collected in a buffer of -buffer instances, and each full buffer is trained on like a "
        + "batch, from the current weights; the preprocessing statistics come from the first buffer and stay "
        + "fixed. Only one buffer is kept in memory, so streams larger than memory can be learned. A stream that "
        + "fits in one buffer is trained exactly as one batch (tuned); later buffers train every network of a "
        + "committee further.\n\n"
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
    result.enable(Capability.NUMERIC_CLASS);
    result.enable(Capability.DATE_CLASS);
    result.enable(Capability.MISSING_CLASS_VALUES);
    result.setMinimumNumberInstances(0);
    return result;
  }

  // ---------------------------------------------------------------------------------------- training

  /**
   * Builds the model: with -tune cv (the default) the committee chosen by cross-validation on the data
   * ({@link TunedTraining}), else (or when the data is too small to cross-validate) one network, epoch by epoch as
   * the IterativeClassifier calls run it.
   *
   * @param data the training data
   * @throws Exception if the data cannot be handled, or training was interrupted or diverged
   */
  @Override
  public void buildClassifier(Instances data) throws Exception {
    if (!(TunedTraining.applies(m_Settings, log()) && data.numInstances() > 0 && buildTuned(data))) {
      initializeClassifier(data);
      while (next()) {
        // one epoch per call
      }
      done();
    }
    if (getComputeImportance()) {
      ModelState model = m_Model;
      m_Importance = Importance.of(model instanceof BatchRun ? ((BatchRun) model).finished() : model, data,
          m_Settings, trainingConfig(), log());
    }
  }

  /**
   * @return true if the tuned committee (or the class prior) was built; false if the data is too small to tune
   *     (the log says why), and one network is to be trained
   */
  private boolean buildTuned(Instances data) throws Exception {
    TrainingConfig config = trainingConfig();
    return built(data, checked -> TunedTraining.train(checked, m_Settings, config, log(), 0)) != null;
  }

  /** Makes a model from checked data: the state the classifier then holds, or null for none. */
  private interface ModelMaker {
    ModelState make(Instances checked) throws Exception;
  }

  /**
   * Checks the data (values, then Weka's capabilities) and holds the model made from it. Meanwhile a prediction in
   * another thread meets {@link ModelState#BUILDING}; when the data is refused or nothing is made, the classifier
   * holds nothing.
   *
   * @return the model made, or null
   */
  private ModelState built(Instances data, ModelMaker maker) throws Exception {
    replaceModel(ModelState.BUILDING);
    try {
      TrainingData.checkValues(data); // first: Weka's check fails deep inside on an instance that does not fit
      getCapabilities().testWithFail(data);
      if (getBalanceClasses() && data.classAttribute().isNumeric()) {
        throw new IllegalArgumentException(TrainingData.BALANCE_NEEDS_CLASSES);
      }
      ModelState model = maker.make(data);
      if (model != null) {
        m_Model = model;
      }
      return model;
    } finally {
      if (m_Model == ModelState.BUILDING) {
        m_Model = ModelState.NONE; // refused: no model
      }
    }
  }


  /**
   * Prepares training: checks the data, fits the preprocessing and sets up the training run, without running
   * an epoch; a header without instances starts incremental training. With resume on and a run kept from before,
   * training continues from where it stopped (up to the current number of epochs) if the data (header, instances,
   * weights) and the training options other than -N are those of that run; otherwise the log says so and training
   * starts afresh.
   *
   * @param data the training data
   * @throws Exception if the data cannot be handled
   */
  @Override
  public void initializeClassifier(Instances data) throws Exception {
    TrainingConfig config = trainingConfig();
    if (getResume() && m_Model instanceof BatchRun && ((BatchRun) m_Model).resume(data, m_Settings, getSeed(), log())) {
      return; // the same data and options: training continues (else the run said why it starts afresh)
    }
    built(data, checked -> checked.numInstances() == 0 ? StreamTrainer.start(checked, getBufferSize(), log())
        : BatchRun.start(checked, m_Settings, config, Utils.joinOptions(getOptions()), log()));
  }

  /**
   * Runs one epoch.
   *
   * @return false if training has finished (all epochs run, stopped early, or nothing to train)
   * @throws Exception if training was interrupted or diverged (no model is left)
   */
  @Override
  public boolean next() throws Exception {
    if (!(m_Model instanceof BatchRun)) {
      return false;
    }
    try {
      return ((BatchRun) m_Model).next(log());
    } catch (Exception | Error e) {
      replaceModel(ModelState.NONE);
      throw e;
    }
  }

  /**
   * Finishes training: keeps the trained network (the best epoch's weights with early stopping). Without
   * resume the training state is released.
   */
  @Override
  public void done() {
    if (m_Model instanceof BatchRun) {
      m_Model = ((BatchRun) m_Model).done(getResume(), log());
    }
  }

  /**
   * Adds one instance of a stream: a copy goes into the buffer (an instance without a class value is only
   * counted), and a full buffer is trained on at once (see {@link #batchFinished} for the rest). A model
   * trained in one batch can be updated too: its preprocessing stays, and training continues from its weights.
   * Several threads may call it at once: the instances are added one at a time (and a full buffer trained before
   * the next is added), none is lost.
   *
   * @param instance an instance with the header given to buildClassifier
   * @throws Exception if the instance does not fit the header, has an infinite value or a bad weight, or
   *     training the buffer fails
   */
  @Override
  public synchronized void updateClassifier(Instance instance) throws Exception {
    String where = "stream instance " + m_Model.nextStreamInstance();
    if (m_Model.isBuilt()) {
      checkHeader(m_Model, instance.dataset(), where);
      TrainingData.checkValues(instance, where);
    }
    StreamTrainer stream = m_Model.stream(); // refused with the reason when there is nothing to update
    m_Importance = null; // the weights change: the ranking was of the model before
    m_Model = stream;
    stream.add(instance, m_Settings, getSeed(), log());
  }

  /**
   * Trains on the instances left in the buffer at the end of a stream (Weka calls this after the last
   * updateClassifier). The stream may go on afterwards.
   *
   * @throws Exception if training fails
   */
  @Override
  public synchronized void batchFinished() throws Exception {
    if (m_Model instanceof StreamTrainer) {
      m_Importance = ((StreamTrainer) m_Model).finish(m_Settings, getSeed(), log());
    }
  }

  /**
   * Installs a network trained outside {@link #buildClassifier} (by the Spark adapter, with the same engine,
   * options and preprocessing), so that this classifier predicts with it, describes it and serializes exactly
   * like one it trained itself. Any training state is discarded.
   *
   * @param model the network, its preprocessing and how it was trained
   */
  public void adopt(NetworkModel model) {
    replaceModel(model);
  }

  /**
   * Installs the class prior fitted outside {@link #buildClassifier} (by the Spark adapter, for a numeric class that
   * does not vary: its mean, {@link PriorModel#ofMean}), so that this classifier predicts, describes and serializes
   * it exactly like a prior it fitted itself. Any training state is discarded.
   *
   * @param model the prior and why no network was trained
   */
  public void adopt(PriorModel model) {
    replaceModel(model);
  }

  /** Releases what the classifier holds (the threads of a batch run) and holds the new state instead. */
  private void replaceModel(ModelState model) {
    m_Importance = null;
    m_Model.close();
    m_Model = model;
    m_CheckedHeader = null;
  }

  /** @return the engine's settings for the current options */
  private TrainingConfig trainingConfig() {
    try {
      return m_Settings.trainingConfig(getSeed());
    } catch (IllegalArgumentException e) {
      // the rule across options (-O lbfgs needs -B 0), for options set one by one in the property sheet
      throw new IllegalArgumentException(TrainingLog.PREFIX + e.getMessage(), e);
    }
  }

  /** @return where training reports: the Explorer's log, and standard error with -D */
  private TrainingLog log() {
    return new TrainingLog(m_Log, getDebug());
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
   * Reads a saved model: this version's two fields, or the fields of a model saved by version 1.0 or 1.1, which
   * {@link SavedFields} maps to the same options and model. Every part checks itself as it is read (shapes, array
   * lengths, finite weights and statistics, checksums of the numbers) and the parts are checked against each other
   * ({@link ModelState#validate}), so that a damaged or inconsistent model is refused here, with a message, rather
   * than predicting wrongly or failing later. (This cannot make a file from an untrusted source safe: Java runs the
   * code of the classes a file names while it reads them, before any check.)
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    try {
      ObjectInputStream.GetField fields = in.readFields();
      if (fields.defaulted("m_Model")) {
        m_Settings = SavedFields.settings(fields);
        m_Model = SavedFields.model(fields);
      } else {
        m_Settings = (Settings) fields.get("m_Settings", null);
        m_Model = (ModelState) fields.get("m_Model", null);
        m_Importance = (Importance) fields.get("m_Importance", null);
      }
      if (m_Settings == null || m_Model == null) {
        throw new InvalidObjectException("the classifier has no " + (m_Settings == null ? "options" : "model"));
      }
      m_Model.validate();
    } catch (OutOfMemoryError e) {
      // a damaged length asks for an array larger than the heap: nothing was allocated
      throw (IOException) new InvalidObjectException(TrainingLog.PREFIX + "the saved model cannot be used: an array "
          + "in it needs more memory than this Java heap has (a damaged file, or a model too large for -Xmx "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MB)").initCause(e);
    } catch (IOException | RuntimeException e) {
      if (endsEarly(e)) {
        throw (IOException) new EOFException(TrainingLog.PREFIX + "the saved model ends early: the file is truncated "
            + "or damaged").initCause(e);
      }
      String what = e instanceof InvalidObjectException && e.getMessage() != null ? e.getMessage() : e.toString();
      throw (IOException) new InvalidObjectException(TrainingLog.PREFIX + "the saved model cannot be used: "
          + TrainingLog.withoutPrefix(what)).initCause(e);
    }
  }

  /** @return true if reading failed because the stream ended (Java says so in three ways) */
  private static boolean endsEarly(Exception e) {
    return e instanceof EOFException || e instanceof OptionalDataException && ((OptionalDataException) e).eof
        || e instanceof StreamCorruptedException && String.valueOf(e.getMessage()).contains("EOF");
  }

  // -------------------------------------------------------------------------------------- prediction

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    ModelState model = m_Model; // one state throughout, whatever another thread does
    if (model.isBuilt()) {
      checkHeader(model, instance.dataset(), null);
      TrainingData.checkPredictionValues(instance, "the instance");
    }
    return model.distribution(instance); // refused when nothing is built
  }

  @Override
  public double[][] distributionsForInstances(Instances instances) throws Exception {
    ModelState model = m_Model;
    if (model.isBuilt()) {
      checkHeader(model, instances, null);
      for (int k = 0; k < instances.numInstances(); k++) {
        TrainingData.checkPredictionValues(instances.instance(k), "instance " + (k + 1));
      }
    }
    return model.distributions(instances);
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  /**
   * @param model the state that predicts (or is updated)
   * @param header the header of instances to predict, or of a stream's instance
   * @param where null for prediction, else the stream's instance
   * @throws IllegalArgumentException if it differs from the model's training header, saying how
   */
  private void checkHeader(ModelState model, Instances header, String where) {
    TrainingData.checkHasHeader(header, where);
    TrainingData.CheckedHeader checked = m_CheckedHeader;
    if (checked == null || !checked.isUnchanged(header, model)) {
      TrainingData.checkSameHeader(model.header(), header, where);
      m_CheckedHeader = new TrainingData.CheckedHeader(header, model);
    }
  }

  // ------------------------------------------------------------------------------------------ model

  /**
   * @return the networks of a model tuned by cross-validation (-tune cv), whose class probabilities it averages; null
   *     for any other model
   */
  public Committee getCommittee() {
    return m_Model.committee();
  }

  /**
   * @return the trained network, or null if none was built (not built yet, the prior is used, or the model is a
   *     committee: {@link #getCommittee()})
   */
  public Network getNetwork() {
    TrainingResult result = m_Model.result();
    return result == null ? null : result.network();
  }

  /** @return the training-loss history J(θ_0) … J(θ_epochs), or null if no network was trained */
  public double[] getLossHistory() {
    TrainingResult result = m_Model.result();
    return result == null ? null : result.lossHistory();
  }

  /** @return how training went (loss curves, epochs, stop reason), or null if no network was trained */
  public TrainingResult getTrainingResult() {
    return m_Model.result();
  }

  /**
   * @return the input importance computed by the last buildClassifier with -importance (computeImportance): the
   *     attributes ranked, with their permutation importance, its spread and Olden's value; null otherwise
   */
  public Importance getImportance() {
    return m_Importance;
  }

  /** @return what the tuning (-tune cv) tried and chose for the committee, or null for any other model */
  public SearchReport getTuningReport() {
    return m_Model.report();
  }

  /**
   * The facts about training that the Experimenter can record per fold as columns (its "additional measures"):
   * measureNumWeights, measureNumHiddenUnits, measureEpochsRun, measureKeptEpoch, measureFinalTrainingLoss,
   * measureBestValidationLoss, measureTunedHiddenUnits, measureTunedWeightDecay, measureTuningFolds,
   * measureTuningCvBrier, measureTuningCvAccuracy, measureTuningCvRrse (a numeric class) and measureCommitteeSize
   * ({@link Measures} says what each is).
   */
  @Override
  public Enumeration<String> enumerateMeasures() {
    return Measures.names();
  }

  /**
   * @param measureName one of {@link #enumerateMeasures()}'s names
   * @return its value for the model held, or Weka's missing value where it does not apply (before a model is built,
   *     the tuning's measures for one network, the training loss of a committee, the accuracy of a numeric class and
   *     the RRSE of a nominal one)
   * @throws IllegalArgumentException if the measure is unknown, listing the known ones
   */
  @Override
  public double getMeasure(String measureName) {
    return Measures.value(m_Model, measureName);
  }

  /**
   * The model as a self-contained Java class (the Explorer's "Output source code", {@code -z} on the command line):
   * static methods {@code classify(Object[])}, {@code distribution(Object[])} and {@code inputs(Object[])} compute
   * what this classifier predicts, from one value per attribute (a numeric one as a Double, a nominal one as its name,
   * a missing one as null); for a numeric class {@code classify} returns the predicted value.
   *
   * @param className the name of the class
   * @return its source
   * @throws Exception if no model is built, or the model cannot be written (one saved by version 1.0)
   */
  @Override
  public String toSource(String className) throws Exception {
    return JavaSource.of(m_Model, className);
  }

  /**
   * The model as a PMML 4.4 document: one network as a NeuralNetwork, the committee of {@code -tune cv} as a
   * MiningModel averaging its networks (Weka 3.8's own PMML consumer reads the NeuralNetwork, not the MiningModel);
   * for a numeric class both with functionName regression.
   * Nothing in Weka's GUI or command line calls it: {@code PmmlExport} writes a saved model's (README, "PMML").
   *
   * @param train the training data or its header (checked against the model's), or null for the model's header
   * @return the document
   * @throws IllegalStateException if no network is built (nothing built, or the model predicts the class prior)
   * @throws IllegalArgumentException if the header is not the training header
   */
  @Override
  public String toPMML(Instances train) {
    return Pmml.of(m_Model, train);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("BackpropOneHidden\n=================\n\n");
    m_Model.describe(text, new ModelText.Context(m_Settings, getSeed(), Utils.joinOptions(getOptions()),
        getNumDecimalPlaces()));
    Importance importance = m_Importance;
    if (importance != null) {
      importance.describe(text);
    } else if (getComputeImportance() && m_Model.isBuilt()) {
      text.append("\nInput importance (-importance): not computed for this model; it is computed by buildClassifier "
          + "and at the end of a stream that fits in one buffer, for a network or committee trained there\n");
    }
    return text.toString();
  }

  // ---------------------------------------------------------------------------------------- options

  @Override
  public Enumeration<Option> listOptions() {
    return OptionTable.listOptions(super.listOptions());
  }

  /**
   * Parses the options. Every value is checked before any is applied, so options with a bad value (the
   * message names the option, its allowed range and the value given) or with unknown leftovers leave this
   * classifier's settings unchanged.
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    OptionTable.Parsed parsed = OptionTable.parse(options);
    super.setOptions(options); // Weka's common options; rejects unknown leftovers
    setSeed(parsed.seed());
    if (parsed.debug()) {
      setDebug(true);
    }
    m_Settings = parsed.settings();
    keepRunOnlyToResume();
  }

  @Override
  public String[] getOptions() {
    List<String> options = OptionTable.options(m_Settings);
    Collections.addAll(options, super.getOptions());
    return options.toArray(new String[0]);
  }

  /**
   * The options' values, for trainers that run outside {@link #buildClassifier} with the same engine (the Spark
   * adapter: {@link Settings#trainingConfig}); the seed is {@link #getSeed()}.
   *
   * @return the values (immutable)
   */
  public Settings settings() {
    return m_Settings;
  }

  // The bean properties of the Explorer's property sheet, one line each: the value, its check (the message names
  // the option) and the tip text are the OptionTable row's.

  // -H
  public int getNumHidden() { return m_Settings.get(NUM_HIDDEN); }
  public void setNumHidden(int value) { m_Settings = m_Settings.with(NUM_HIDDEN, value); }
  public String numHiddenTipText() { return NUM_HIDDEN.tipText(); }

  // -A
  public SelectedTag getActivation() { return ACTIVATION.toTag(m_Settings.get(ACTIVATION)); }
  public void setActivation(SelectedTag value) { m_Settings = m_Settings.with(ACTIVATION, ACTIVATION.fromTag(value)); }
  public String activationTipText() { return ACTIVATION.tipText(); }

  // -O
  public SelectedTag getOptimizer() { return OPTIMIZER.toTag(m_Settings.get(OPTIMIZER)); }
  public void setOptimizer(SelectedTag value) { m_Settings = m_Settings.with(OPTIMIZER, OPTIMIZER.fromTag(value)); }
  public String optimizerTipText() { return OPTIMIZER.tipText(); }

  // -L
  public double getLearningRate() { return m_Settings.get(LEARNING_RATE); }
  public void setLearningRate(double value) { m_Settings = m_Settings.with(LEARNING_RATE, value); }
  public String learningRateTipText() { return LEARNING_RATE.tipText(); }

  // -M
  public double getMomentum() { return m_Settings.get(MOMENTUM); }
  public void setMomentum(double value) { m_Settings = m_Settings.with(MOMENTUM, value); }
  public String momentumTipText() { return MOMENTUM.tipText(); }

  // -decay
  public double getLearningRateDecay() { return m_Settings.get(LEARNING_RATE_DECAY); }
  public void setLearningRateDecay(double value) { m_Settings = m_Settings.with(LEARNING_RATE_DECAY, value); }
  public String learningRateDecayTipText() { return LEARNING_RATE_DECAY.tipText(); }

  // -R
  public double getWeightDecay() { return m_Settings.get(WEIGHT_DECAY); }
  public void setWeightDecay(double value) { m_Settings = m_Settings.with(WEIGHT_DECAY, value); }
  public String weightDecayTipText() { return WEIGHT_DECAY.tipText(); }

  // -B (not Weka's -batch-size)
  public int getMiniBatchSize() { return m_Settings.get(MINI_BATCH_SIZE); }
  public void setMiniBatchSize(int value) { m_Settings = m_Settings.with(MINI_BATCH_SIZE, value); }
  public String miniBatchSizeTipText() { return MINI_BATCH_SIZE.tipText(); }

  // -N
  public int getNumEpochs() { return m_Settings.get(NUM_EPOCHS); }
  public void setNumEpochs(int value) { m_Settings = m_Settings.with(NUM_EPOCHS, value); }
  public String numEpochsTipText() { return NUM_EPOCHS.tipText(); }

  // -V
  public double getValidationFraction() { return m_Settings.get(VALIDATION_FRACTION); }
  public void setValidationFraction(double value) { m_Settings = m_Settings.with(VALIDATION_FRACTION, value); }
  public String validationFractionTipText() { return VALIDATION_FRACTION.tipText(); }

  // -E
  public int getPatience() { return m_Settings.get(PATIENCE); }
  public void setPatience(int value) { m_Settings = m_Settings.with(PATIENCE, value); }
  public String patienceTipText() { return PATIENCE.tipText(); }

  // -tune
  public SelectedTag getTune() { return TUNE.toTag(m_Settings.get(TUNE)); }
  public void setTune(SelectedTag value) { m_Settings = m_Settings.with(TUNE, TUNE.fromTag(value)); }
  public String tuneTipText() { return TUNE.tipText(); }

  // -tune-folds
  public int getTuneFolds() { return m_Settings.get(TUNE_FOLDS); }
  public void setTuneFolds(int value) { m_Settings = m_Settings.with(TUNE_FOLDS, value); }
  public String tuneFoldsTipText() { return TUNE_FOLDS.tipText(); }

  // -tune-hidden
  public String getTuneHidden() { return m_Settings.get(TUNE_HIDDEN); }
  public void setTuneHidden(String value) { m_Settings = m_Settings.with(TUNE_HIDDEN, value); }
  public String tuneHiddenTipText() { return TUNE_HIDDEN.tipText(); }

  // -tune-decay
  public String getTuneDecay() { return m_Settings.get(TUNE_DECAY); }
  public void setTuneDecay(String value) { m_Settings = m_Settings.with(TUNE_DECAY, value); }
  public String tuneDecayTipText() { return TUNE_DECAY.tipText(); }

  // -balance
  public boolean getBalanceClasses() { return m_Settings.get(BALANCE_CLASSES); }
  public void setBalanceClasses(boolean value) { m_Settings = m_Settings.with(BALANCE_CLASSES, value); }
  public String balanceClassesTipText() { return BALANCE_CLASSES.tipText(); }

  // -importance
  public boolean getComputeImportance() { return m_Settings.get(IMPORTANCE); }
  public void setComputeImportance(boolean value) { m_Settings = m_Settings.with(IMPORTANCE, value); }
  public String computeImportanceTipText() { return IMPORTANCE.tipText(); }

  // -num-threads
  public int getNumThreads() { return m_Settings.get(NUM_THREADS); }
  public void setNumThreads(int value) { m_Settings = m_Settings.with(NUM_THREADS, value); }
  public String numThreadsTipText() { return NUM_THREADS.tipText(); }

  // -buffer (a stream that is changed takes the new size from its next instance on)
  public int getBufferSize() { return m_Settings.get(BUFFER_SIZE); }
  public void setBufferSize(int value) { m_Settings = m_Settings.with(BUFFER_SIZE, value); }
  public String bufferSizeTipText() { return BUFFER_SIZE.tipText(); }

  // -print-weights
  public boolean getPrintAllWeights() { return m_Settings.get(PRINT_ALL_WEIGHTS); }
  public void setPrintAllWeights(boolean value) { m_Settings = m_Settings.with(PRINT_ALL_WEIGHTS, value); }
  public String printAllWeightsTipText() { return PRINT_ALL_WEIGHTS.tipText(); }

  // -resume (turning it off releases a run kept for it)
  @Override
  public boolean getResume() { return m_Settings.get(RESUME); }
  public String resumeTipText() { return RESUME.tipText(); }

  @Override
  public void setResume(boolean resume) {
    m_Settings = m_Settings.with(RESUME, resume);
    keepRunOnlyToResume();
  }

  /** Without -resume, a run kept for it is released: the classifier holds the network it finished. */
  private void keepRunOnlyToResume() {
    if (!getResume() && m_Model instanceof BatchRun && ((BatchRun) m_Model).hasFinished()) {
      m_Model = ((BatchRun) m_Model).release();
    }
  }

  // -S (the value is Weka's RandomizableClassifier's)
  @Override
  public String seedTipText() { return SEED.tipText(); }

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

