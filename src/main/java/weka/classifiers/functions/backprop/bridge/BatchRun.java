package weka.classifiers.functions.backprop.bridge;

import java.io.ObjectStreamException;

import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingDivergedException;
import weka.classifiers.functions.backprop.train.TrainingInterruptedException;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Batch training in progress, one epoch per {@link #next} (Weka's IterativeClassifier: initializeClassifier,
 * next, done), with what it reports: a log line when training starts and ends, the status bar while it runs, and
 * with -D a progress line on standard error. Between epochs, predictions use a snapshot of the current weights.
 * After {@link #done}, with -resume, the run is kept so that more epochs continue it; it then predicts and
 * describes itself as the network it finished.
 *
 * <p>Never saved: a saved copy holds the network the run finished (or nothing, while the first run is in
 * progress), as a classifier copied by serialization in cross-validation should.
 */
public final class BatchRun extends ModelState {

  private static final long serialVersionUID = 1L;

  /** Shortest time between two status-bar updates while training (a few updates a second). */
  public static final long STATUS_INTERVAL_MILLIS = 250;
  /** With -D (debug), a progress line on standard error every this many epochs (and at the first and last). */
  public static final int DEBUG_EPOCH_INTERVAL = 10;

  private final transient Trainer trainer;
  private final transient TrainingConfig config;
  private final transient Instances header;
  private final transient Preprocessor preprocessing;
  private final transient int missingClassDropped;
  /** What -resume must find again to continue: the data ({@link #fingerprint}) and the training options. */
  private final transient long dataFingerprint;
  private final transient String trainingOptions;
  /** The network of the last finished run (kept for -resume), or null while the first run is in progress. */
  private transient NetworkModel finished;
  /** The network predictions use: between epochs a snapshot of the current weights, made when first asked for. */
  private transient Network snapshot;
  /** The most epochs, for the progress lines. */
  private transient int maxEpochs;
  /** True once the training threads are released. */
  private transient boolean closed;
  /** When training started and when the status bar was last updated (System.nanoTime). */
  private transient long startNanos;
  private transient long lastStatusNanos;

  private BatchRun(Trainer trainer, TrainingConfig config, Instances header, Preprocessor preprocessing,
      int missingClassDropped, long dataFingerprint, String trainingOptions) {
    this.dataFingerprint = dataFingerprint;
    this.trainingOptions = trainingOptions;
    this.trainer = trainer;
    this.config = config;
    this.header = header;
    this.preprocessing = preprocessing;
    this.missingClassDropped = missingClassDropped;
    this.maxEpochs = config.epochs();
    this.startNanos = System.nanoTime();
    this.lastStatusNanos = startNanos;
  }

  /**
   * Prepares training on a batch of instances, without running an epoch: drops the instances without a class
   * value, fits the preprocessing and sets up the training run, or falls back to the class prior when there is
   * nothing to learn.
   *
   * @param data the training data, at least one instance, values ({@link TrainingData#checkValues}) and
   *     capabilities checked
   * @param settings the classifier's options
   * @param config the engine's settings for them
   * @param options the classifier's options as one line, for the log
   * @param log where training reports
   * @return the run before its first epoch, or the class prior
   * @throws Exception if the data cannot be handled
   */
  public static ModelState start(Instances data, Settings settings, TrainingConfig config, String options,
      TrainingLog log) throws Exception {
    Instances train = TrainingData.withClass(data);
    int missingClassDropped = data.numInstances() - train.numInstances();
    Instances header = TrainingData.ownHeader(data);
    StatisticsPreprocessing preprocessing;
    try {
      preprocessing = TrainingData.fitPreprocessing(train);
    } catch (TrainingData.NothingToLearn e) {
      return prior(header, train, e, missingClassDropped, log);
    }
    TrainingData.checkTrainingSize(config, train.numInstances(), preprocessing.numInputs(), train.numClasses());
    Trainer trainer = TrainingData.trainer(preprocessing, train, config, settings.get(OptionTable.BALANCE_CLASSES));
    BatchRun run = new BatchRun(trainer, config, header, preprocessing, missingClassDropped, fingerprint(data),
        trainingOptions(settings, config.seed()));
    NetworkShape shape = trainer.shape();
    String started = "training started on " + train.numInstances() + " instances: " + shape.numInputs()
        + " inputs -> " + shape.numHidden() + " " + shape.activation().optionName() + " hidden units -> "
        + shape.numOutputs() + (shape.numOutputs() == 1 ? " sigmoid output" : " softmax outputs") + ", at most "
        + config.epochs() + " epochs (" + options + "); activation kernels: "
        + shape.kernels().implementation().name();
    log.log(started);
    log.debugLine(started);
    return run;
  }

  /** @return the class prior of training data with nothing to learn, the log saying why */
  static PriorModel prior(Instances header, Instances train, TrainingData.NothingToLearn why, int missingClassDropped,
      TrainingLog log) throws Exception {
    PriorModel prior = PriorModel.of(header, train, why.reason(), missingClassDropped);
    log.log("no network trained: " + why.reason() + "; predicting the class prior, as ZeroR does");
    return prior;
  }

  /**
   * Continues training from where it stopped (-resume), up to -N epochs in all, if the data and the training
   * options are the run's: the same header, the same instances with the same values and weights (compared by a
   * 64-bit fingerprint, so an equal copy or a reloaded file continues too), and the same options but -N (and those
   * that change nothing trained: -num-threads, -buffer, -resume, -print-weights). Otherwise continuing would silently return the
   * old model: the log (and with -D standard error) says why, and the caller starts afresh.
   *
   * @param data the training data now
   * @param settings the options now
   * @param seed -S now
   * @param log where training reports
   * @return true if training continues, false if it must start afresh
   */
  public boolean resume(Instances data, Settings settings, int seed, TrainingLog log) {
    String why = null;
    String headers = header.equalHeadersMsg(data);
    if (headers != null) {
      why = "the training data's header differs from the run kept (" + headers + ")";
    } else if (fingerprint(data) != dataFingerprint) {
      why = "the training instances (values or weights) differ from those of the run kept";
    } else if (!trainingOptions(settings, seed).equals(trainingOptions)) {
      why = "the training options differ from the run kept's (" + trainingOptions + ", now "
          + trainingOptions(settings, seed) + ")";
    }
    if (why != null) {
      log.log("-resume: " + why + "; training starts afresh");
      log.debugLine("-resume: " + why + "; training starts afresh");
      return false;
    }
    resume(settings.get(OptionTable.NUM_EPOCHS), log);
    return true;
  }

  /** Continues up to numEpochs epochs in all. */
  private void resume(int numEpochs, TrainingLog log) {
    trainer.setMaxEpochs(numEpochs);
    maxEpochs = numEpochs;
    startNanos = System.nanoTime();
    lastStatusNanos = startNanos;
    log.log("training continues from epoch " + trainer.epochsDone() + " to at most " + numEpochs + " epochs");
  }

  /**
   * @param data training instances
   * @return a 64-bit fingerprint of their values, weights and number (zeros skipped, so a sparse and a dense copy of
   *     the same data agree). Within an instance each non-zero value is mixed with its attribute index on its own
   *     and the results are added, so the values are hashed independently of each other (a chain of mixes, one
   *     value after another, took 40 ms on 100,000 × 50 values, a fifth of the build's time before its first
   *     epoch); the instances are chained in order.
   */
  static long fingerprint(Instances data) {
    long hash = mix(0x9E3779B97F4A7C15L, data.numInstances());
    for (int k = 0; k < data.numInstances(); k++) {
      Instance instance = data.instance(k);
      long values = 0;
      for (int i = 0; i < instance.numValues(); i++) {
        double value = instance.valueSparse(i);
        if (value != 0) {
          values += mix(instance.index(i) * 0x9E3779B97F4A7C15L, Double.doubleToLongBits(value));
        }
      }
      hash = mix(mix(hash, Double.doubleToLongBits(instance.weight())), values);
    }
    return hash;
  }

  private static long mix(long hash, long value) {
    long h = (hash ^ value) * 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 31);
  }

  /** @return the options a resumed run must have kept: all but -N and those that change nothing trained */
  private static String trainingOptions(Settings settings, long seed) {
    Settings kept = settings.with(OptionTable.NUM_EPOCHS, 0).with(OptionTable.NUM_THREADS, 0)
        .with(OptionTable.RESUME, false).with(OptionTable.BUFFER_SIZE, OptionTable.BUFFER_SIZE.defaultValue())
        .with(OptionTable.PRINT_ALL_WEIGHTS, false);
    return String.join(" ", OptionTable.options(kept)).replace("-N 0 ", "").replace("-num-threads 0 ", "")
        + " -S " + seed;
  }

  /**
   * Runs one epoch. On failure the training threads are released and this run is over (the classifier then holds
   * nothing).
   *
   * @param log where training reports
   * @return false if training has finished (all epochs run, stopped early)
   * @throws Exception if training was interrupted or diverged
   */
  public boolean next(TrainingLog log) throws Exception {
    try {
      boolean ran = trainer.epoch();
      if (ran) {
        synchronized (this) {
          snapshot = null;
        }
        reportProgress(log);
      }
      return ran;
    } catch (TrainingInterruptedException e) {
      close();
      log.log("training stopped: " + e.getMessage());
      log.status("training stopped; no model was built");
      throw new InterruptedException(TrainingLog.PREFIX + e.getMessage());
    } catch (TrainingDivergedException e) {
      close();
      log.log("training failed: " + e.getMessage());
      throw diverged(e, config);
    } catch (RuntimeException | Error e) {
      // anything else, including the ThreadDeath of Thread.stop(), which the Explorer's Stop button also calls
      // (Java 8 to 19): release the gradient threads and leave no half-trained model behind
      close();
      throw e;
    }
  }

  /**
   * @param e the engine's report
   * @param config the settings of the run
   * @return the error for training that diverged, naming the options that help
   */
  static Exception diverged(TrainingDivergedException e, TrainingConfig config) {
    double weightDecay = config.weightDecay();
    if (config.updateRule() == UpdateRule.LBFGS) {
      return new Exception(TrainingLog.PREFIX + e.getMessage() + (weightDecay > 0
          ? " (try a smaller weight decay, -R, now " + weightDecay + ")" : ""), e);
    }
    String decay = weightDecay > 0 ? "; or a smaller weight decay, -R, now " + weightDecay : "";
    return new Exception(TrainingLog.PREFIX + e.getMessage() + " (-L, now " + config.learningRate() + decay + ")",
        e);
  }

  /**
   * After an epoch: the status bar (at the first and last epoch, and otherwise at most every
   * {@link #STATUS_INTERVAL_MILLIS} ms) and, with -D, a line on standard error every
   * {@link #DEBUG_EPOCH_INTERVAL} epochs. Only losses already computed are shown: reporting costs no training
   * time.
   */
  private void reportProgress(TrainingLog log) {
    if (!log.hasLog() && !log.debug()) {
      return;
    }
    int epoch = trainer.epochsDone();
    boolean last = trainer.isFinished();
    String progress = "epoch " + epoch + " of " + maxEpochs + ", loss " + ModelText.format(trainer.latestLoss());
    if (log.hasLog()) {
      long now = System.nanoTime();
      if (epoch == 1 || last || now - lastStatusNanos >= STATUS_INTERVAL_MILLIS * 1_000_000L) {
        lastStatusNanos = now;
        log.status(progress);
      }
    }
    if (log.debug() && (epoch == 1 || last || epoch % DEBUG_EPOCH_INTERVAL == 0)) {
      double validation = trainer.latestValidationLoss();
      log.debugLine(progress + (Double.isNaN(validation) ? "" : ", validation loss " + ModelText.format(validation))
          + (trainer.restarts() > 0 ? " (restart " + trainer.restarts() + ", learning rate "
              + ModelText.format(trainer.learningRate()) + ")" : ""));
    }
  }

  /**
   * Finishes training: keeps the trained network (the best epoch's weights with early stopping).
   *
   * @param resume -resume: keep this run so that more epochs continue it
   * @param log where training reports
   * @return the trained network, or with resume this run, which holds it
   */
  public ModelState done(boolean resume, TrainingLog log) {
    TrainingResult result = trainer.result();
    NetworkModel network = new NetworkModel(header, preprocessing, result, missingClassDropped, null);
    synchronized (this) {
      finished = network;
      snapshot = result.network();
    }
    if (log.hasLog()) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      log.log("training finished after " + result.epochs() + (result.epochs() == 1 ? " epoch" : " epochs")
          + " in " + Utils.doubleToString(seconds, 2).trim() + " s; stopped because "
          + result.stopReason().description()
          + (result.keptEpoch() != result.epochs() ? "; weights of epoch " + result.keptEpoch()
              + " (lowest validation loss) kept" : "")
          + "; training loss " + ModelText.format(result.initialLoss()) + " -> "
          + ModelText.format(result.finalLoss()));
      log.status("training finished after " + result.epochs() + " epochs");
    }
    String untrained = ModelText.lowestBeforeTraining(result);
    if (untrained != null) {
      log.log(untrained);
      log.debugLine(untrained);
    }
    return resume ? this : release();
  }

  /**
   * Ends a run kept for -resume (resume turned off, or a stream about to change the weights): the training threads
   * are released.
   *
   * @return the network it finished, or {@link #NONE} while the first run is in progress
   */
  public ModelState release() {
    close();
    return finished != null ? finished : NONE;
  }

  /** @return the network the last run finished (kept for -resume), or {@link #NONE} while the first is in progress */
  public ModelState finished() {
    return finished != null ? finished : NONE;
  }

  /** @return true once a run has finished (a run kept for -resume) */
  public boolean hasFinished() {
    return finished != null;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      trainer.close();
    }
  }

  @Override
  public Instances header() {
    return header;
  }

  @Override
  public TrainingResult result() {
    return finished == null ? null : finished.result();
  }

  /** @return the network predictions use: the finished one, or between next() calls the current weights */
  private synchronized Network network() {
    if (snapshot == null) {
      snapshot = trainer.currentNetwork();
    }
    return snapshot;
  }

  @Override
  public double[] distribution(Instance instance) throws Exception {
    return NetworkModel.distribution(preprocessing, network(), instance);
  }

  @Override
  public double[][] distributions(Instances instances) throws Exception {
    return NetworkModel.distributions(preprocessing, network(), instances);
  }

  @Override
  public void describe(StringBuilder text, ModelText.Context context) {
    if (finished != null) {
      finished.describe(text, context);
    } else {
      text.append("Training in progress: ").append(trainer.epochsDone()).append(" epochs run.\n");
    }
  }

  @Override
  public JavaSource javaSource() throws Exception {
    if (finished == null) {
      throw new Exception(TrainingLog.PREFIX + "training is in progress (between initializeClassifier and done); "
          + "the Java source can be written once it has finished");
    }
    return finished.javaSource();
  }

  /** A finished network is updated by a stream (the run kept for -resume does not know the weights it changes). */
  @Override
  public StreamTrainer stream() {
    if (finished == null) {
      throw new IllegalStateException(TrainingLog.PREFIX + "training is in progress (between initializeClassifier "
          + "and done); updateClassifier can only update a finished model");
    }
    return StreamTrainer.continuing((NetworkModel) release());
  }

  /** Saved as what the run has finished, or as nothing. */
  private Object writeReplace() throws ObjectStreamException {
    return finished != null ? finished : NONE;
  }
}
