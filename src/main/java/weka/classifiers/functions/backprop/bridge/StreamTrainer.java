package weka.classifiers.functions.backprop.bridge;

import java.io.InvalidObjectException;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingDivergedException;
import weka.classifiers.functions.backprop.train.TrainingInterruptedException;
import weka.classifiers.functions.backprop.tune.Candidate;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.classifiers.rules.ZeroR;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Incremental training (Weka's {@code UpdateableClassifier}): Weka calls buildClassifier on the header alone, then
 * updateClassifier once per instance ({@link #add}) and batchFinished at the end of the stream ({@link #finish}).
 * Instances are collected in a {@link StreamBuffer} of -buffer instances, and each full buffer is trained on like
 * a batch: the first buffer with something to learn fits the preprocessing and trains from the seeded initial
 * weights, exactly as batch training on the same instances; every later buffer is converted by that fixed
 * preprocessing and trained from the current weights. A network trained in one batch can be updated too: its
 * preprocessing stays, and training continues from its weights.
 *
 * <p>Until a network is trained, predictions give the class prior of the instances received. Saved with the
 * model, buffered instances included, so that a saved model can go on being updated.
 *
 * <p>Threads: the classifier calls {@link #add} and {@link #finish} one at a time (its updateClassifier and
 * batchFinished are synchronized); predictions may run meanwhile in other threads, with the network of the last
 * trained buffer (or the prior of the instances received so far).
 */
public final class StreamTrainer extends ModelState {

  private static final long serialVersionUID = 1L;

  /**
   * The smallest buffer that can start a stream: the first buffer fits the preprocessing statistics, and in a single
   * instance nothing varies. (A stream that continues a network has them already: any buffer size updates it.)
   */
  public static final int MIN_FIRST_BUFFER = 2;

  private final Instances header;
  private final StreamBuffer buffer;
  /**
   * The network trained so far (or the batch model the stream continues); null until a buffer is trained. Volatile:
   * predictions in other threads see each buffer's network once it is trained.
   */
  private volatile NetworkModel network;
  /**
   * Instead of a network: the committee a model tuned by cross-validation (-tune cv) is, which the stream continues
   * network by network; null otherwise. Volatile, as the network.
   */
  private volatile CommitteeModel committee;
  /** While no network is trained: why the last buffer had nothing to learn, or null if none had. */
  private volatile String fallbackReason;
  /** The prior of the instances received so far, while no network is trained; made when first asked for. */
  private transient ZeroR prior;

  StreamTrainer(Instances header, StreamBuffer buffer, NetworkModel network, String fallbackReason) {
    this.header = header;
    this.buffer = buffer;
    this.network = network;
    this.fallbackReason = fallbackReason;
  }

  /**
   * Starts a stream with no model (buildClassifier on a header without instances).
   *
   * @param data the header
   * @param bufferSize -buffer
   * @param log where the start is recorded
   * @return the stream
   */
  public static StreamTrainer start(Instances data, int bufferSize, TrainingLog log) {
    checkFirstBuffer(bufferSize);
    Instances header = TrainingData.ownHeader(data);
    log.log("incremental training started: instances are trained on " + bufferSize
        + " at a time (-buffer) as updateClassifier receives them");
    return new StreamTrainer(header, new StreamBuffer(header), null, null);
  }

  /**
   * @param batch a network trained in one batch
   * @return a stream that continues it: its preprocessing stays, its weights go on
   */
  static StreamTrainer continuing(NetworkModel batch) {
    TrainingResult result = batch.result();
    int rows = (int) Math.min(Integer.MAX_VALUE, result.trainingRows() + result.validationRows());
    return new StreamTrainer(batch.header(), new StreamBuffer(batch.header(), rows, rows), batch, null);
  }

  /**
   * @param tuned a committee chosen by cross-validation
   * @return a stream that continues it: its preprocessing stays, each of its networks goes on from its weights with
   *     the hidden units and weight decay the tuning chose (network j with seed + j, as in the tuning)
   */
  static StreamTrainer continuing(CommitteeModel tuned) {
    int rows = tuned.report().rows();
    StreamTrainer stream = new StreamTrainer(tuned.header(), new StreamBuffer(tuned.header(), rows, rows), null,
        null);
    stream.committee = tuned;
    return stream;
  }

  /** @return true once a network (or a committee) is trained */
  private boolean trained() {
    return network != null || committee != null;
  }

  /**
   * Adds one instance: a copy goes into the buffer (an instance without a class value is only counted), and a
   * full buffer is trained on at once.
   *
   * @param instance an instance with the training header, checked
   * @param settings the classifier's options
   * @param seed -S
   * @param log where training reports
   * @throws Exception if training the buffer fails
   */
  public void add(Instance instance, Settings settings, int seed, TrainingLog log) throws Exception {
    if (!trained()) {
      checkFirstBuffer(settings.get(OptionTable.BUFFER_SIZE));
    }
    buffer.add(instance);
    if (!trained()) {
      forgetPrior(); // the prior changes with the stream until a network is trained
    }
    if (buffer.size() >= settings.get(OptionTable.BUFFER_SIZE)) {
      trainBuffer(settings, seed, log);
    }
  }

  /**
   * @param bufferSize -buffer, for a stream with no network yet
   * @throws IllegalArgumentException if it is below {@link #MIN_FIRST_BUFFER}: such a stream would never train
   */
  private static void checkFirstBuffer(int bufferSize) {
    if (bufferSize < MIN_FIRST_BUFFER) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "-buffer " + bufferSize + " cannot start incremental "
          + "training: the first buffer fits the preprocessing (means, standard deviations, nominal values seen), "
          + "and in a single instance nothing varies, so no buffer would ever be trained; set -buffer 2 or more "
          + "(the default, " + OptionTable.BUFFER_SIZE.defaultValue() + ", gives reliable statistics), or update a "
          + "model built in one batch, whose preprocessing is fitted already");
    }
  }

  /**
   * The end of a stream: trains on the instances left in the buffer. The stream may go on afterwards. A stream that
   * ends within its first buffer is trained exactly as buildClassifier on its instances would be: with -tune cv
   * (unless they are too few to cross-validate) into the committee chosen by cross-validation, which later buffers
   * then continue.
   *
   * @return with -importance, the input importance of the model trained on a stream that ended within its first
   *     buffer (as buildClassifier computes it); otherwise null
   * @throws Exception if training fails
   */
  public Importance finish(Settings settings, int seed, TrainingLog log) throws Exception {
    Importance importance = null;
    if (!trained() && buffer.buffersTaken() == 0 && buffer.size() > 0 && TunedTraining.applies(settings, log)) {
      ModelState tuned = TunedTraining.train(buffer.peek(), settings, settings.trainingConfig(seed), log, 0);
      if (tuned instanceof CommitteeModel) {
        Instances taken = buffer.take();
        buffer.statisticsComputed(taken.numInstances(), buffer.buffersTaken());
        committee = (CommitteeModel) tuned;
        fallbackReason = null;
        if (settings.get(OptionTable.IMPORTANCE)) {
          importance = Importance.of(tuned, taken, settings, settings.trainingConfig(seed), log);
        }
      }
    }
    if (buffer.size() > 0) {
      // a stream within its first buffer trains one network as buildClassifier would: its importance too
      Instances first = settings.get(OptionTable.IMPORTANCE) && !trained() && buffer.buffersTaken() == 0
          ? buffer.peek() : null;
      trainBuffer(settings, seed, log);
      if (first != null && network != null) {
        importance = Importance.of(network, first, settings, settings.trainingConfig(seed), log);
      }
    }
    log.log("end of stream: " + buffer.instancesWithClass() + " instances in " + buffer.buffersTaken()
        + (buffer.buffersTaken() == 1 ? " buffer" : " buffers") + (committee != null ? " (a committee tuned by "
        + "cross-validation, -tune cv)" : ""));
    return importance;
  }

  /**
   * Trains on the buffered instances, then empties the buffer. Each buffer gets the configured epochs, with early
   * stopping on a split of the buffer; a partial buffer that continues a network gets them in proportion to its
   * size ({@link #partialBufferEpochs}).
   */
  private void trainBuffer(Settings settings, int seed, TrainingLog log) throws Exception {
    Instances taken = buffer.take();
    long number = buffer.buffersTaken();
    int numHidden = settings.get(OptionTable.NUM_HIDDEN);
    TrainingResult result;
    if (trained() && !(taken.sumOfWeights() > 0)) {
      // continuing a model: a buffer of zero total weight has nothing to teach it
      log.log("buffer " + number + " (" + taken.numInstances() + " instances) skipped: its weights sum to zero");
      return;
    }
    if (committee != null) {
      trainCommittee(taken, number, settings, seed, log);
      return;
    }
    if (network == null) {
      StatisticsPreprocessing preprocessing;
      try {
        preprocessing = TrainingData.fitPreprocessing(taken);
      } catch (TrainingData.NothingToLearn e) {
        fallbackReason = e.reason();
        forgetPrior();
        log.log("buffer " + number + " (" + taken.numInstances() + " instances): no network trained: " + e.reason()
            + "; predicting the class prior, as ZeroR does");
        return;
      }
      TrainingData.checkTrainingSize(settings.trainingConfig(seed), taken.numInstances(), preprocessing.numInputs(),
          taken.numClasses());
      result = trainOn(preprocessing, taken, number, null, null, settings, seed);
      network = new NetworkModel(header, preprocessing, result, 0, null);
      buffer.statisticsComputed(taken.numInstances(), number);
    } else {
      NetworkShape shape = network.result().network().shape();
      if (shape.numHidden() != numHidden || shape.activation() != settings.get(OptionTable.ACTIVATION)) {
        throw new IllegalStateException(TrainingLog.PREFIX + "the network being updated has " + shape.numHidden()
            + " " + shape.activation().optionName() + " hidden units, but the options now say -H " + numHidden
            + " -A " + settings.get(OptionTable.ACTIVATION).optionName() + "; keep -H and -A during a stream, or "
            + "start a new one with buildClassifier");
      }
      result = trainOn(network.preprocessing(), taken, number, network.result().network().parameters(),
          shape.kernels(), settings, seed);
      network = network.withResult(result);
    }
    fallbackReason = null;
    String line = "buffer " + number + " (" + taken.numInstances() + " instances, " + buffer.instancesWithClass()
        + " so far): " + result.epochs() + (result.epochs() == 1 ? " epoch" : " epochs") + ", training loss "
        + ModelText.format(result.initialLoss()) + " -> " + ModelText.format(result.finalLoss());
    log.log(line);
    log.status("incremental training: " + buffer.instancesWithClass() + " instances, " + number
        + (number == 1 ? " buffer" : " buffers"));
    log.debugLine(line);
  }

  /**
   * Trains each network of the committee on a buffer, from its weights, with the hidden units and weight decay the
   * tuning chose and the other options as configured (network j with seed + j).
   */
  private void trainCommittee(Instances taken, long number, Settings settings, int seed, TrainingLog log)
      throws Exception {
    CommitteeModel tuned = committee;
    Committee networks = tuned.committee();
    NetworkShape shape = networks.shape();
    if (shape.activation() != settings.get(OptionTable.ACTIVATION)) {
      throw new IllegalStateException(TrainingLog.PREFIX + "the committee being updated has "
          + shape.activation().optionName() + " hidden units, but the options now say -A "
          + settings.get(OptionTable.ACTIVATION).optionName() + "; keep -A during a stream, or start a new one with "
          + "buildClassifier");
    }
    Candidate chosen = tuned.report().candidate(tuned.report().chosen());
    Settings each = settings.with(OptionTable.NUM_HIDDEN, shape.numHidden())
        .with(OptionTable.WEIGHT_DECAY, chosen.weightDecay());
    Network[] members = new Network[networks.size()];
    double lossBefore = 0;
    double lossAfter = 0;
    for (int j = 0; j < members.length; j++) {
      TrainingResult result = trainOn(tuned.preprocessing(), taken, number, networks.member(j).parameters(),
          shape.kernels(), each, seed + j);
      members[j] = result.network();
      lossBefore += result.initialLoss() / members.length;
      lossAfter += result.finalLoss() / members.length;
    }
    committee = tuned.withCommittee(new Committee(members));
    fallbackReason = null;
    String line = "buffer " + number + " (" + taken.numInstances() + " instances, " + buffer.instancesWithClass()
        + " so far): the committee's " + members.length + " networks trained on it, mean training loss "
        + ModelText.format(lossBefore) + " -> " + ModelText.format(lossAfter);
    log.log(line);
    log.status("incremental training: " + buffer.instancesWithClass() + " instances, " + number
        + (number == 1 ? " buffer" : " buffers"));
    log.debugLine(line);
  }

  /**
   * Runs the configured training on one buffer, as batch training would run on its instances.
   *
   * @param start the weights to start from, or null for the seeded initial weights
   * @param kernels the activation kernels of the network it continues (a model never mixes kernels), or null for
   *        this JVM's
   */
  private static TrainingResult trainOn(Preprocessor preprocessing, Instances taken, long number, double[] start,
      Kernels kernels, Settings settings, int seed) throws Exception {
    TrainingConfig config = settings.trainingConfig(seed);
    if (kernels != null) {
      config = config.toBuilder().kernels(kernels).build();
    }
    int bufferSize = settings.get(OptionTable.BUFFER_SIZE);
    if (start != null && taken.numInstances() < bufferSize) {
      // a partial buffer that continues a trained network (the end of a stream, or a few instances added to a
      // saved model) gets epochs in proportion to its size, so that a tail of a few instances cannot undo
      // what the full buffers learned by being fitted alone for all -N epochs
      config = config.toBuilder().epochs(partialBufferEpochs(config.epochs(), bufferSize, taken.numInstances()))
          .build();
    }
    Trainer trainer;
    try {
      trainer = TrainingData.trainer(preprocessing, taken, config, settings.get(OptionTable.BALANCE_CLASSES));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "buffer " + number + " of the stream: "
          + TrainingLog.withoutPrefix(e.getMessage())
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
      throw new InterruptedException(TrainingLog.PREFIX + e.getMessage() + "; this buffer's instances are "
          + "dropped and the model keeps the weights from before it");
    } catch (TrainingDivergedException e) {
      throw BatchRun.diverged(e, config);
    }
  }

  /**
   * @param numEpochs -N
   * @param bufferSize -buffer
   * @param rows the instances in a partial buffer
   * @return max(1, round(N · rows / buffer size)): the epochs a partial buffer continuing a network gets
   */
  public static int partialBufferEpochs(int numEpochs, int bufferSize, int rows) {
    return (int) Math.max(1, Math.min(numEpochs, Math.round((double) numEpochs * rows / bufferSize)));
  }

  @Override
  public void validate() throws InvalidObjectException {
    if (header == null || buffer == null) {
      throw new InvalidObjectException("the stream has no " + (header == null ? "header" : "buffer"));
    }
    TrainingData.validateHeader(header, false);
    buffer.validate(header);
    ModelState trained = network != null ? network : committee;
    if (trained != null) {
      trained.validate();
      String difference = header.equalHeadersMsg(trained.header());
      if (difference != null) {
        throw new InvalidObjectException("the stream's network has another header: " + difference);
      }
    }
  }

  @Override
  public Instances header() {
    return header;
  }

  @Override
  public Committee committee() {
    CommitteeModel tuned = committee;
    return tuned == null ? null : tuned.committee();
  }

  /** @return the tuning's report of the committee the stream continues, or null */
  @Override
  public SearchReport report() {
    CommitteeModel tuned = committee;
    return tuned == null ? null : tuned.report();
  }

  @Override
  public TrainingResult result() {
    return network == null ? null : network.result();
  }

  @Override
  public double[] distribution(Instance instance) throws Exception {
    CommitteeModel tuned = committee;
    if (tuned != null) {
      return tuned.distribution(instance);
    }
    return network != null ? network.distribution(instance) : prior().distributionForInstance(instance);
  }

  @Override
  public double[][] distributions(Instances instances) throws Exception {
    CommitteeModel tuned = committee;
    if (tuned != null) {
      return tuned.distributions(instances);
    }
    return network != null ? network.distributions(instances) : PriorModel.distributions(prior(), instances);
  }

  @Override
  public JavaSource javaSource() throws Exception {
    CommitteeModel tuned = committee;
    if (tuned != null) {
      return tuned.javaSource();
    }
    NetworkModel trained = network;
    if (trained != null) {
      return trained.javaSource();
    }
    return JavaSource.prior(header, PriorModel.priorDistribution(header, prior()),
        fallbackReason != null ? fallbackReason : "no network trained yet by the stream");
  }

  /** @return the class prior of the instances received so far */
  private synchronized ZeroR prior() throws Exception {
    if (prior == null) {
      prior = PriorModel.prior(header, buffer.classWeights(), buffer.targetMean());
    }
    return prior;
  }

  private synchronized void forgetPrior() {
    prior = null;
  }

  @Override
  public void describe(StringBuilder text, ModelText.Context context) {
    text.append(ModelText.stream(buffer, context.bufferSize(), trained())).append('\n');
    CommitteeModel tuned = committee;
    if (tuned != null) {
      tuned.describe(text, context, tuned.missingClassDropped() + buffer.missingClass());
      return;
    }
    if (network != null) {
      network.describe(text, context, network.missingClassDropped() + buffer.missingClass());
      return;
    }
    ModelText.facts(text, null, buffer.missingClass());
    String why;
    if (fallbackReason != null) {
      why = "No network was trained: " + fallbackReason + ".\n";
    } else if (buffer.instancesWithClass() == 0) {
      why = "No network was trained: no training instance has a class value.\n";
    } else {
      why = "No network was trained yet: the instances received wait in the buffer until it holds "
          + context.bufferSize() + " (-buffer) or the stream ends (batchFinished).\n";
    }
    String priorText;
    try {
      priorText = prior().toString();
    } catch (Exception e) {
      priorText = "(the prior could not be computed: " + e.getMessage() + ")\n";
    }
    ModelText.prior(text, why, priorText);
  }

  @Override
  public long nextStreamInstance() {
    return buffer.nextInstanceNumber();
  }

  @Override
  public StreamTrainer stream() {
    return this;
  }
}
