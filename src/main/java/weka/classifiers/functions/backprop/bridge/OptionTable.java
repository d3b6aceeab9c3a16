package weka.classifiers.functions.backprop.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Tuning;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.optim.Lbfgs;
import weka.classifiers.functions.backprop.train.Rule;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.tune.TuningPlan;
import weka.core.Option;

/**
 * BackpropOneHidden's options, declared once: one {@link OptionRow} per option (flag, bean property, default,
 * allowed values, the line -h prints, the tip text). {@code listOptions}, {@code setOptions}, {@code getOptions},
 * the property sheet's checks and tip texts, and through them the class Javadoc and the README's options table
 * (checked by OptionsTableTest), all come from these rows. The engine's settings use the engine's own
 * {@link Rule}s ({@link TrainingConfig#NUM_HIDDEN} …), so their messages are written once; the options only Weka
 * has (-num-threads, -buffer) declare theirs here. The one rule across options (-O lbfgs needs -B 0) is the
 * training configuration's ({@link Settings#trainingConfig}).
 *
 * <p>Adding an option: a row here (and in {@link #ROWS}), then where it is used (for an engine setting,
 * {@link Settings#trainingConfig}), and the bean getter, setter and tip text Weka's property sheet needs on the
 * classifier, each a line that hands over to the row.
 */
public final class OptionTable {

  // The defaults were chosen by the accuracy study (ACCURACY.md): candidate settings were compared by
  // cross-validation over all of the public data sets together, never tuned per data set.

  /** -H: hidden units g. */
  public static final OptionRow<Integer> NUM_HIDDEN = OptionRow.whole("H", "numHidden", 16, TrainingConfig.NUM_HIDDEN,
      "<number>", "Number of hidden units, at least 1.", "The number of hidden units g (at least 1).");

  /** -A: the hidden activation σ1. */
  public static final OptionRow<Activation> ACTIVATION = OptionRow.choice("A", "activation", Activation.TANH,
      Activation.values(), Activation::optionName, Activation::fromOptionName, "activation",
      "Hidden-unit activation: sigmoid or tanh.", "The hidden-unit activation s: sigmoid 1/(1+exp(-z)) or tanh.");

  /** -O: the update rule. */
  public static final OptionRow<UpdateRule> OPTIMIZER = OptionRow.choice("O", "optimizer", UpdateRule.ADAM,
      UpdateRule.values(), UpdateRule::optionName, UpdateRule::fromOptionName, "optimizer",
      "Optimizer: gd (the derivation's gradient descent), momentum, nesterov, adam,\n"
          + "or lbfgs (L-BFGS, full batch only: needs -B 0; ignores -L).",
      "The update rule: gd (theta <- theta - eta * gradient, the derivation's), momentum, nesterov "
          + "(Nesterov's momentum), adam (Kingma & Ba 2015, beta1 0.9, beta2 0.999) or lbfgs (L-BFGS with "
          + Lbfgs.HISTORY + " pairs and a strong Wolfe line search: one iteration per epoch, full batches only, "
          + "so set miniBatchSize to 0; it does not use the learning rate).");

  /** -L: the learning rate η. */
  public static final OptionRow<Double> LEARNING_RATE = OptionRow.number("L", "learningRate", 0.01,
      TrainingConfig.LEARNING_RATE, "<number>", "Learning rate, a finite number > 0 (not used by lbfgs).",
      "The learning rate eta (finite, > 0): the step size of gd, momentum, nesterov and adam. Not used by "
          + "lbfgs, whose line search chooses each step.");

  /** -M: the momentum μ. */
  public static final OptionRow<Double> MOMENTUM = OptionRow.number("M", "momentum", 0.9, TrainingConfig.MOMENTUM,
      "<number>", "Momentum of the momentum and nesterov optimizers, in [0, 1).",
      "The momentum mu in [0, 1) of the momentum and nesterov optimizers (ignored by gd and adam).");

  /** -decay: d of the learning-rate schedule η_t = η / (1 + d t). */
  public static final OptionRow<Double> LEARNING_RATE_DECAY = OptionRow.number("decay", "learningRateDecay", 0.0,
      TrainingConfig.LEARNING_RATE_DECAY, "<number>",
      "Inverse-time learning-rate decay d >= 0: the rate of epoch t is L / (1 + d t).",
      "Inverse-time decay d >= 0 of the learning rate: epoch t uses eta / (1 + d t); 0 keeps it constant.");

  /** -R: the L2 weight decay λ. */
  public static final OptionRow<Double> WEIGHT_DECAY = OptionRow.number("R", "weightDecay", 1e-4,
      TrainingConfig.WEIGHT_DECAY, "<number>", "L2 weight decay (ridge) lambda >= 0 on the non-bias weights.",
      "L2 weight decay lambda >= 0: adds (lambda/2) * sum of squared non-bias weights to the mean "
          + "cross-entropy; 0 = none.");

  /** -B: rows per gradient step, 0 = all (not Weka's prediction batch size, -batch-size). */
  public static final OptionRow<Integer> MINI_BATCH_SIZE = OptionRow.whole("B", "miniBatchSize", 32,
      TrainingConfig.BATCH_SIZE, "<number>", "Mini-batch size, at least 0; 0 = all rows (full batch).",
      "Rows per gradient step (at least 0); 0 = all rows, the derivation's full-batch gradient descent. "
          + "Rows are shuffled every epoch from the seed. The lbfgs optimizer needs 0.");

  /** -N: the most epochs. */
  public static final OptionRow<Integer> NUM_EPOCHS = OptionRow.whole("N", "numEpochs", 200,
      TrainingConfig.NUM_EPOCHS, "<number>", "Number of epochs (passes over the data), at least 0.",
      "The number of epochs: passes over the training data (at least 0; 0 keeps the random initial "
          + "weights). With early stopping, the most epochs.");

  /** -V: the fraction held out for early stopping. */
  public static final OptionRow<Double> VALIDATION_FRACTION = OptionRow.number("V", "validationFraction", 0.1,
      TrainingConfig.VALIDATION_FRACTION, "<fraction>",
      "Fraction of the training data held out (stratified) for early stopping, in [0, 1);\n0 = no early stopping.",
      "Fraction in [0, 1) of the training data held out (stratified, from the seed) for early stopping; "
          + "0 = none. Training stops after 'patience' epochs without a lower validation loss and keeps the best "
          + "epoch's weights. With fewer than 5 instances on either side, all data is used without early "
          + "stopping.");

  /** -E: the patience of early stopping. */
  public static final OptionRow<Integer> PATIENCE = OptionRow.whole("E", "patience", 20, TrainingConfig.PATIENCE,
      "<number>", "Early stopping: epochs without a lower validation loss before training stops, at least 1.",
      "Early stopping: how many epochs without a lower validation loss end training (at least 1).");

  /** -tune: model selection inside batch training. */
  public static final OptionRow<Tuning> TUNE = OptionRow.choice("tune", "tune", Tuning.CV, Tuning.values(),
      Tuning::optionName, Tuning::fromOptionName, "tuning",
      "Tuning in batch training: cv (k-fold cross-validation over hidden units and weight\n"
          + "decay, the epochs from the same folds; the model averages the k fold networks)\n"
          + "or none (one network with these options, as before 1.2).",
      "How batch training (buildClassifier) chooses its settings for the data: cv tries a small grid of hidden "
          + "units and weight decays (tuneHidden, tuneDecay; by default the configured ones plus weight decay 0.01 "
          + "up to " + TuningPlan.LARGE_DATA_ROWS + " instances, plus " + TuningPlan.LARGE_DATA_HIDDEN_FACTOR
          + "x the hidden units above) by k-fold cross-validation on the training data, each candidate's epochs "
          + "chosen by the lowest mean held-out Brier score, and keeps the best candidate's k fold networks, "
          + "whose probabilities it averages (a cross-validation committee); validationFraction and patience are "
          + "then unused. none trains one network with these options. Not used by incremental training, by "
          + "-resume, by the IterativeClassifier calls (initializeClassifier, next, done) or on Spark: they train "
          + "one network with these options.");

  /** -tune-folds: k of the tuning's cross-validation; 0 = the rule's. */
  public static final OptionRow<Integer> TUNE_FOLDS = OptionRow.whole("tune-folds", "tuneFolds", 0,
      Rule.wholeAtLeast("-tune-folds (folds of the tuning) must be 0 (the rule's) or at least 2", 0, v -> v != 1),
      "<number>", "Folds of the tuning's cross-validation, at least 2; 0 = " + TuningPlan.DEFAULT_FOLDS + " (up to "
          + TuningPlan.LARGE_DATA_ROWS + " instances) or " + TuningPlan.LARGE_DATA_FOLDS + " (above).",
      "The number of folds k of the tuning's cross-validation (at least 2), at most one per "
          + TuningPlan.MIN_FOLD_ROWS + " instances; 0 = " + TuningPlan.DEFAULT_FOLDS + " up to "
          + TuningPlan.LARGE_DATA_ROWS + " instances and " + TuningPlan.LARGE_DATA_FOLDS + " above. With fewer than "
          + TuningPlan.MIN_FOLDS + " possible folds nothing is tuned.");

  /** -tune-hidden: the hidden units tuning tries. */
  public static final OptionRow<String> TUNE_HIDDEN = OptionRow.text("tune-hidden", "tuneHidden", TuningGrid.AUTO,
      TuningGrid::checkHidden, "<auto|list>", "Hidden units the tuning tries, e.g. 16,64; auto = -H, and also "
          + TuningPlan.LARGE_DATA_HIDDEN_FACTOR + " x -H\nabove " + TuningPlan.LARGE_DATA_ROWS + " instances.",
      "The numbers of hidden units the tuning tries, comma-separated (e.g. 16,64); auto = numHidden, and also "
          + TuningPlan.LARGE_DATA_HIDDEN_FACTOR + " x numHidden above " + TuningPlan.LARGE_DATA_ROWS
          + " instances.");

  /** -tune-decay: the weight decays tuning tries. */
  public static final OptionRow<String> TUNE_DECAY = OptionRow.text("tune-decay", "tuneDecay", TuningGrid.AUTO,
      TuningGrid::checkDecays, "<auto|list>", "Weight decays the tuning tries, e.g. 1e-4,0.01; auto = -R, and also "
          + TuningPlan.STRONG_WEIGHT_DECAY + "\nup to " + TuningPlan.LARGE_DATA_ROWS + " instances.",
      "The weight decays the tuning tries, comma-separated (e.g. 1e-4,0.01); auto = weightDecay, and also "
          + TuningPlan.STRONG_WEIGHT_DECAY + " up to " + TuningPlan.LARGE_DATA_ROWS + " instances.");

  /** -balance: every class weighted to the same total weight. */
  public static final OptionRow<Boolean> BALANCE_CLASSES = OptionRow.flag("balance", "balanceClasses",
      "Weight the classes to equal total weight (for imbalanced data).",
      "Reweight the instances so that every class has the same total weight (instance weights are kept "
          + "within a class): for imbalanced data.");

  /** -importance: input importance (permutation on held-out rows, Olden's weights) in the model text. */
  public static final OptionRow<Boolean> IMPORTANCE = OptionRow.flag("importance", "computeImportance",
      "Compute input importance during training: permutation importance on held-out rows and Olden's\n"
          + "connection weights, ranked per attribute in the model text.",
      "Compute each attribute's importance during training and print the ranking in the model text: the rise "
          + "of the mean held-out Brier score when its values are permuted (the committee's fold networks each on "
          + "their own held-out fold; one network on the early-stopping hold-out), and Olden's connection weights. "
          + "Costs a forward pass of the held-out rows per attribute and permutation; the model is unchanged.");

  /** -num-threads: threads computing the gradient; 0 = the available processors. */
  public static final OptionRow<Integer> NUM_THREADS = OptionRow.whole("num-threads", "numThreads", 0,
      Rule.wholeAtLeast("-num-threads (threads) must be at least 0 (0 = the available processors)", 0),
      "<number>", "Number of threads computing the gradient; 0 = the available processors.\n"
          + "The model is the same for any number.",
      "The number of threads computing the gradient (0 = the available processors). The trained model is "
          + "bit-identical for any number of threads.");

  /**
   * -buffer: instances incremental training (updateClassifier) collects before training on them. The default is
   * large enough that the first buffer's preprocessing statistics are reliable, and that a data set of up to this
   * size trains incrementally exactly as in one batch (Weka's command line trains the model it prints
   * incrementally whenever a classifier is updateable), while the buffer stays small in memory (100 000 instances
   * of 50 attributes: about 46 MB).
   */
  public static final OptionRow<Integer> BUFFER_SIZE = OptionRow.whole("buffer", "bufferSize", 100000,
      Rule.wholeAtLeast("-buffer (instances per buffer of incremental training) must be at least 1", 1),
      "<number>", "Incremental training (updateClassifier): instances collected before training on them,\n"
          + "at least 1; the first buffer's statistics fix the preprocessing.",
      "Incremental training only (updateClassifier: Weka's command line with a test file or -no-cv, the "
          + "KnowledgeFlow's instance streams): instances collected before training on them (at least 1; at least "
          + "2 to start a stream, whose first buffer fits the preprocessing). Each "
          + "full buffer gets the configured epochs, starting from the current weights; the first buffer's "
          + "statistics (means, standard deviations, modes, nominal values seen) fix the preprocessing for the "
          + "whole stream. Only one buffer is held in memory. A stream no longer than the buffer trains exactly "
          + "as in one batch.");

  /** -resume: the training state is kept after training, so that more epochs continue it. */
  public static final OptionRow<Boolean> RESUME = OptionRow.flag("resume", "resume",
      "Keep the training state after training, so that more epochs continue it.",
      "Keep the training state after training, so that building again with more epochs continues "
          + "(the Explorer's 'Continue iterating'), on the same data and options but the number of epochs; on "
          + "other data or options training starts afresh, and the log says why.");

  /** -print-weights: every weight of any size of network, exactly, and folded onto the raw attribute values. */
  public static final OptionRow<Boolean> PRINT_ALL_WEIGHTS = OptionRow.flag("print-weights", "printAllWeights",
      "Model text: every weight, of any size of network and of each network of a committee, with\n"
          + "every digit, and folded onto the raw attribute values (w' = w * scale / sd).",
      "List every weight in the model text (otherwise only networks of at most " + ModelText.MAX_UNITS_FOR_WEIGHTS
          + " inputs and hidden units are listed, and a committee's not at all), with every digit, and also folded "
          + "back onto the raw attribute values (w' = w * scale / sd, bias' = bias - sum of w * mean / sd), so that "
          + "a prediction can be computed from the attribute values and the model text alone.");

  /** -D: the short form of Weka's -output-debug-info, which keeps and writes it. */
  public static final OptionRow<Boolean> DEBUG = OptionRow.flag("D", "debug",
      "Debug: a progress line on standard error every " + BatchRun.DEBUG_EPOCH_INTERVAL
          + " epochs (same as -output-debug-info).", null).keptBy(OptionRow.Keeper.WEKA_SHORT_FORM);

  /**
   * -S: the seed, kept, listed and written by Weka's RandomizableClassifier (default 1); parsed here first so that
   * a bad value gets a message naming the option.
   */
  public static final OptionRow<Integer> SEED = OptionRow.whole("S", "seed", 1, TrainingConfig.SEED, "<num>",
      "Random number seed.", "The seed of the random initial weights, the validation split and the mini-batch "
          + "order; the same seed and data give the same model.").keptBy(OptionRow.Keeper.WEKA);

  /** Every option, in the order of listOptions, getOptions and parsing. */
  static final List<OptionRow<?>> ROWS = Collections.unmodifiableList(Arrays.<OptionRow<?>>asList(NUM_HIDDEN,
      ACTIVATION, OPTIMIZER, LEARNING_RATE, MOMENTUM, LEARNING_RATE_DECAY, WEIGHT_DECAY, MINI_BATCH_SIZE, NUM_EPOCHS,
      VALIDATION_FRACTION, PATIENCE, TUNE, TUNE_FOLDS, TUNE_HIDDEN, TUNE_DECAY, BALANCE_CLASSES, IMPORTANCE,
      NUM_THREADS, BUFFER_SIZE, RESUME, PRINT_ALL_WEIGHTS, DEBUG, SEED));

  private OptionTable() {
  }

  /**
   * @param wekas the options Weka's superclass lists
   * @return every option: the table's, in order, then Weka's, each with its default (Weka's own flags, -D and
   *     -do-not-check-capabilities, do not say theirs: "(default off)" is added, so that -h lists every default)
   */
  public static Enumeration<Option> listOptions(Enumeration<Option> wekas) {
    Vector<Option> options = new Vector<>();
    for (OptionRow<?> row : ROWS) {
      if (row.keeper() != OptionRow.Keeper.WEKA) {
        options.add(row.option());
      }
    }
    for (Option option : Collections.list(wekas)) {
      if (option.numArguments() == 0 && !option.description().contains("(default")) {
        option = new Option(option.description() + "\n\t(default off)", option.name(), 0, option.synopsis());
      }
      options.add(option);
    }
    return options.elements();
  }

  /**
   * Parses a command line: every value is taken out and checked (each by its rule, then the rule across
   * options, by building the training configuration) before anything is applied, so that a bad value leaves
   * the classifier unchanged. What is left is for Weka's superclass, which rejects unknown options.
   *
   * @param options the command line; the options of this table are blanked out
   * @return the values
   * @throws IllegalArgumentException naming the option, its allowed values and the text given
   * @throws Exception if an option lacks its value
   */
  public static Parsed parse(String[] options) throws Exception {
    Settings settings = Settings.DEFAULTS;
    int seed = SEED.defaultValue();
    boolean debug = false;
    for (OptionRow<?> row : ROWS) {
      if (row == SEED) {
        seed = SEED.parse(options);
      } else if (row == DEBUG) {
        debug = DEBUG.parse(options);
      } else {
        settings = settings.parsed(row, options);
      }
    }
    settings.trainingConfig(seed);
    return new Parsed(settings, seed, debug);
  }

  /**
   * @param settings the values
   * @return the command line of the options the table keeps (Weka's own follow from the superclass)
   */
  public static List<String> options(Settings settings) {
    List<String> options = new ArrayList<>();
    for (OptionRow<?> row : ROWS) {
      if (row.keeper() == OptionRow.Keeper.SETTINGS) {
        settings.write(row, options);
      }
    }
    return options;
  }

  /** A parsed command line: the values the table keeps, and the two Weka's superclasses keep. */
  public static final class Parsed {
    private final Settings settings;
    private final int seed;
    private final boolean debug;

    private Parsed(Settings settings, int seed, boolean debug) {
      this.settings = settings;
      this.seed = seed;
      this.debug = debug;
    }

    /** @return the values of the options the table keeps */
    public Settings settings() {
      return settings;
    }

    /** @return -S */
    public int seed() {
      return seed;
    }

    /** @return true if -D was given */
    public boolean debug() {
      return debug;
    }
  }
}
