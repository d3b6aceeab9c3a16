package weka.classifiers.functions.backprop.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.optim.Lbfgs;
import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.tune.Candidate;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The model text, reading like Weka's other models. For a trained network: architecture, class, preprocessing,
 * options, how training went (optimizer, with L-BFGS its function evaluations, batches, epochs and why it
 * stopped, the kept epoch, the training and validation losses), the recipe of the inputs ({@link Recipe}: how each
 * is computed from the attribute values) and, for small networks or with -print-weights, every weight named by
 * the preprocessed input it multiplies (with -print-weights also folded onto the raw attribute values). Before them, where the network was trained if not by buildClassifier, the
 * instances dropped for a missing class and, for a stream, how it went; without a network, why, and the class
 * prior. Each {@link ModelState} puts its parts together.
 */
public final class ModelText {

  /** The model text lists the weights of networks with at most this many inputs and hidden units. */
  public static final int MAX_UNITS_FOR_WEIGHTS = 20;

  private ModelText() {
  }

  /** The classifier's current options, which the model text states. */
  public static final class Context {
    private final Settings settings;
    private final int seed;
    private final String options;
    private final int decimals;

    /**
     * @param settings the options' values
     * @param seed -S
     * @param options the classifier's options, as one line
     * @param decimals Weka's -num-decimal-places (the weights get at least 4)
     */
    public Context(Settings settings, int seed, String options, int decimals) {
      this.settings = settings;
      this.seed = seed;
      this.options = options;
      this.decimals = decimals;
    }

    /** @return -print-weights: every weight of any network, exactly, and on the raw attribute values */
    boolean printAllWeights() {
      return settings.get(OptionTable.PRINT_ALL_WEIGHTS);
    }

    TrainingConfig trainingConfig() {
      return settings.trainingConfig(seed);
    }

    boolean balanced() {
      return settings.get(OptionTable.BALANCE_CLASSES);
    }

    int bufferSize() {
      return settings.get(OptionTable.BUFFER_SIZE);
    }

    String options() {
      return options;
    }

    int decimals() {
      return decimals;
    }
  }

  /**
   * The facts that come first: where the network was trained if not by buildClassifier, and the training instances
   * ignored for a missing class.
   *
   * @param trainedWhere e.g. "on Spark …", or null
   * @param missingClass instances without a class value
   */
  static void facts(StringBuilder text, String trainedWhere, long missingClass) {
    if (trainedWhere != null) {
      text.append("Trained ").append(trainedWhere).append("\n\n");
    }
    if (missingClass > 0) {
      text.append("Training instances without a class value ignored: ").append(missingClass).append("\n\n");
    }
  }

  /**
   * @param why the line saying why no network was trained
   * @param prior ZeroR's model text
   */
  static void prior(StringBuilder text, String why, String prior) {
    text.append(why).append("Predicting the class prior, as ZeroR does:\n\n").append(prior);
  }

  /**
   * @param stream the stream's buffer and counts
   * @param bufferSize -buffer
   * @param trained true if a network has been trained
   * @return the lines that say how a stream went
   */
  static String stream(StreamBuffer stream, int bufferSize, boolean trained) {
    StringBuilder text = new StringBuilder();
    long buffers = stream.buffersTaken();
    text.append("Trained incrementally (updateClassifier): ");
    if (stream.batchRows() > 0) {
      text.append("after one batch of ").append(stream.batchRows()).append(" instances, ");
    }
    long streamed = stream.instancesWithClass();
    text.append(streamed).append(streamed == 1 ? " instance" : " instances").append(" with a class value in ")
        .append(buffers).append(buffers == 1 ? " buffer" : " buffers").append(" of at most ").append(bufferSize)
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
    if (trained && (buffers > 1 || stream.batchRows() > 0)) {
      text.append("Each buffer continues from the weights of the one before; the training lines below are the "
          + "last buffer's\n");
    } else if (trained) {
      text.append("One buffer: trained exactly as one batch of its instances would be\n");
    }
    return text.toString();
  }

  /**
   * @param header the training data's header (the class attribute names the outputs)
   * @param preprocessing the fitted preprocessing (input names, what it removed)
   * @param result the trained network and its loss curves
   * @param config the settings the network was trained with
   * @param balanced true if the classes were balanced
   * @param options the classifier's options, as one line
   * @param decimals Weka's -num-decimal-places (the weights get at least 4)
   * @param printAllWeights -print-weights: every weight for any size, exactly, and on the raw attribute values;
   *     otherwise the weights are listed for at most {@link #MAX_UNITS_FOR_WEIGHTS} inputs and hidden units
   * @return the text, one line per fact
   */
  static String describe(Instances header, Preprocessor preprocessing, TrainingResult result,
      TrainingConfig config, boolean balanced, String options, int decimals, boolean printAllWeights) {
    StringBuilder text = new StringBuilder();
    NetworkShape shape = result.network().shape();
    architecture(text, shape, 1, header, preprocessing, balanced, options);
    UpdateRule rule = config.updateRule();
    text.append("Training: ").append(rule.optionName());
    if (rule == UpdateRule.LBFGS) {
      text.append(" (L-BFGS, ").append(Lbfgs.HISTORY).append(" pairs, strong Wolfe line search; no learning rate), ")
          .append(result.functionEvaluations()).append(" function evaluations");
      if (result.restarts() > 0) {
        text.append(" (restarted ").append(result.restarts()).append(" times after the loss became NaN or infinite)");
      }
    } else {
      text.append(", learning rate ").append(config.learningRate());
      if (result.restarts() > 0) {
        text.append(" (halved ").append(result.restarts()).append(" times to ").append(format(result.learningRate()))
            .append(" after the loss became NaN or infinite)");
      }
    }
    text.append(config.batchSize() > 0 && config.batchSize() < result.trainingRows() ? ", mini-batches of " + config.batchSize()
        + " rows" : ", full batch").append(", ").append(result.trainingRows()).append(" training rows");
    if (result.validationRows() > 0) {
      text.append(", ").append(result.validationRows()).append(" held out for early stopping");
    }
    text.append('\n');
    if (result.validationSkipped()) {
      text.append("Early stopping skipped: too few instances to hold out a validation set\n");
    }
    text.append(result.epochs()).append(result.epochs() == 1 ? " epoch run" : " epochs run").append(" (at most ")
        .append(config.epochs()).append("); stopped because ").append(result.stopReason().description());
    if (result.keptEpoch() != result.epochs()) {
      text.append("; weights of epoch ").append(result.keptEpoch()).append(" (lowest validation loss) kept");
    }
    text.append('\n');
    String loss = shape.linearOutput() ? "mean half squared error of the standardized class" : "mean cross-entropy";
    text.append("Training loss (").append(loss).append(config.weightDecay() > 0 ? " + L2 penalty" : "").append("): ")
        .append(format(result.initialLoss())).append(" at the start, ").append(format(result.finalLoss()))
        .append(" after the last epoch\n");
    double[] validation = result.validationHistory();
    if (validation != null) {
      text.append("Validation loss (").append(loss).append("): ").append(format(validation[0])).append(" at the start, ")
          .append(format(validation[result.keptEpoch()])).append(" at epoch ").append(result.keptEpoch())
          .append(" (best), ").append(format(validation[validation.length - 1])).append(" at the end\n");
      String untrained = lowestBeforeTraining(result);
      if (untrained != null) {
        text.append(untrained).append('\n');
      }
    }
    text.append('\n');
    Recipe.inputs(text, header, preprocessing);
    if (printAllWeights) {
      appendAllWeights(text, result.network(), header, preprocessing);
    } else if (shape.numInputs() <= MAX_UNITS_FOR_WEIGHTS && shape.numHidden() <= MAX_UNITS_FOR_WEIGHTS) {
      appendWeights(text, result.network(), header, preprocessing, decimals, false);
    } else {
      text.append("Weights not listed: the model text lists them for at most ").append(MAX_UNITS_FOR_WEIGHTS)
          .append(" inputs and ").append(MAX_UNITS_FOR_WEIGHTS).append(" hidden units (-print-weights lists them)\n");
    }
    return text.toString();
  }

  /**
   * The lines every trained model starts with: the network's architecture (or the committee's), the activation
   * kernels, the class, the preprocessing and the options.
   *
   * @param members 1 for one network, k for a committee of k
   */
  static void architecture(StringBuilder text, NetworkShape shape, int members, Instances header,
      Preprocessor preprocessing, boolean balanced, String options) {
    text.append(members == 1 ? "Network: " : "Committee of " + members + " networks, each ").append(shape.numInputs()).append(" inputs -> ").append(shape.numHidden())
        .append(' ').append(shape.activation().optionName())
        .append(shape.numHidden() == 1 ? " hidden unit -> " : " hidden units -> ")
        .append(shape.numOutputs()).append(shape.linearOutput() ? " linear output"
            : shape.numOutputs() == 1 ? " sigmoid output" : " softmax outputs")
        .append(" (").append(shape.numParameters()).append(" weights)\n");
    if (shape.kernels() != Kernels.SCALAR) {
      // the scalar kernels, which every model saved before the choice was recorded used, go unsaid
      text.append("Activation kernels: ").append(shape.kernels().optionName())
          .append(" (recorded in the model: every prediction computes them, on any JVM)\n");
    }
    TargetScale target = preprocessing.targetScale();
    if (target != null) {
      text.append("Class: ").append(header.classAttribute().name()).append(" (numeric; standardized for training ")
          .append("with mean ").append(exact(target.mean())).append(" and standard deviation ")
          .append(exact(target.stdDev())).append(", predictions returned on its scale)\n");
    } else {
      text.append("Class: ").append(header.classAttribute().name()).append(" (")
          .append(header.numClasses()).append(" values)").append(balanced ? ", classes balanced\n" : "\n");
    }
    text.append("Preprocessing: missing values -> means/modes, ");
    int removed = preprocessing.numUselessRemoved();
    if (removed > 0) {
      text.append(removed).append(removed == 1 ? " useless attribute" : " useless attributes")
          .append(" removed, ");
    }
    text.append("nominal -> binary, ");
    int constant = preprocessing.numConstantInputsRemoved();
    if (constant > 0) {
      text.append(constant).append(constant == 1 ? " binary input" : " binary inputs")
          .append(" constant in training removed, ");
    }
    text.append("inputs standardized\n");
    text.append("Options: ").append(options).append("\n\n");

  }

  /**
   * The model text of a committee chosen by cross-validation: the architecture, what the tuning tried (each
   * candidate's mean held-out Brier score, held-out accuracy, best epoch and epochs run), what it chose and why,
   * and the update rule.
   *
   * @param report what the tuning tried and chose
   * @param committee the chosen candidate's fold networks
   * @param config the configured settings (update rule, learning rate, mini-batches)
   * @return the text, one line per fact
   */
  static String describeTuned(Instances header, Preprocessor preprocessing, SearchReport report, Committee committee,
      TrainingConfig config, boolean balanced, String options, boolean printAllWeights) {
    StringBuilder text = new StringBuilder();
    architecture(text, committee.shape(), committee.size(), header, preprocessing, balanced, options);
    int k = report.folds();
    boolean numeric = report.numeric();
    String score = numeric ? "mean held-out squared error (of the standardized class)" : "mean held-out Brier score";
    text.append("Tuning (-tune cv): ").append(k).append("-fold cross-validation on the ").append(report.rows())
        .append(" training rows; each candidate's ").append(k).append(" fold networks trained in lockstep, at most ")
        .append(config.epochs()).append(" epochs, stopped after ").append(report.patience())
        .append(" epochs without a lower ").append(score).append("\n");
    String[] head = {"hidden units", "weight decay", numeric ? "CV squared error" : "CV Brier",
        numeric ? "CV RRSE" : "CV accuracy", "best epoch", "epochs run"};
    String[][] rows = new String[report.numCandidates()][];
    for (int i = 0; i < rows.length; i++) {
      Candidate candidate = report.candidate(i);
      rows[i] = new String[] {String.valueOf(candidate.numHidden()), String.valueOf(candidate.weightDecay()),
          String.format(Locale.ROOT, "%.4f", report.brier(i)),
          String.format(Locale.ROOT, "%.2f %%", 100 * (numeric ? report.rootRelativeSquaredError(i)
              : report.accuracy(i))),
          String.valueOf(report.bestEpoch(i)), String.valueOf(report.epochsRun(i))};
    }
    int[] width = new int[head.length];
    for (int c = 0; c < head.length; c++) {
      width[c] = head[c].length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    text.append("   ");
    for (int c = 0; c < head.length; c++) {
      text.append(c == 0 ? "" : "  ").append(Utils.padLeft(head[c], width[c]));
    }
    text.append('\n');
    for (int i = 0; i < rows.length; i++) {
      text.append(i == report.chosen() ? " * " : "   ");
      for (int c = 0; c < head.length; c++) {
        text.append(c == 0 ? "" : "  ").append(Utils.padLeft(rows[i][c], width[c]));
      }
      text.append('\n');
    }
    int chosen = report.chosen();
    text.append("Chosen (*): ").append(report.candidate(chosen)).append(report.numCandidates() > 1
        ? ", the lowest " + score : ", the only candidate").append("; the model averages the ")
        .append(numeric ? "predictions" : "class probabilities").append(" of its ").append(k).append(" fold networks at epoch ").append(report.bestEpoch(chosen))
        .append(", each trained on all training rows but one fold\n");
    UpdateRule rule = config.updateRule();
    text.append("Training: ").append(rule.optionName());
    if (rule == UpdateRule.LBFGS) {
      text.append(" (L-BFGS, ").append(Lbfgs.HISTORY).append(" pairs, strong Wolfe line search; no learning rate)");
    } else {
      text.append(", learning rate ").append(config.learningRate());
    }
    // the smallest training set of a fold network: all rows but the largest fold
    long perFold = report.rows() - (report.rows() + k - 1) / k;
    text.append(config.batchSize() > 0 && config.batchSize() < perFold ? ", mini-batches of " + config.batchSize()
        + " rows" : ", full batch").append(", about ").append(perFold).append(" training rows per fold network\n\n");
    Recipe.inputs(text, header, preprocessing);
    text.append("Prediction: p = the mean of the ").append(committee.size()).append(numeric
        ? " networks' outputs, each network computing its own from the inputs above; the class value is mean + "
        + "standard deviation × p\n\n"
        : " networks' class probabilities, each network computing its own from the inputs above\n\n");
    if (printAllWeights) {
      for (int j = 0; j < committee.size(); j++) {
        text.append("Network ").append(j + 1).append(" of ").append(committee.size()).append("\n\n");
        appendAllWeights(text, committee.member(j), header, preprocessing);
        text.append('\n');
      }
    } else {
      text.append("Weights not listed: the model is a committee of ").append(committee.size())
          .append(" networks (-print-weights lists them; BackpropOneHidden.getCommittee() gives them)\n");
    }
    return text.toString();
  }

  /**
   * @param result how training went
   * @return a sentence if the held-out loss was lowest with the random initial weights (epoch 0), which early
   *     stopping does not keep; else null
   */
  static String lowestBeforeTraining(TrainingResult result) {
    double[] validation = result.validationHistory();
    if (validation == null || result.epochs() == 0 || result.keptEpoch() == 0
        || !(validation[0] < validation[result.keptEpoch()])) {
      return null;
    }
    return "The validation loss was lowest before training (" + format(validation[0]) + " with the random initial "
        + "weights), which early stopping never keeps: the best trained epoch's weights are kept instead. The held-out "
        + "rows may be too few for the number of inputs (try more instances, -V 0, or a larger -R)";
  }

  /**
   * -print-weights: every weight, exactly ({@link Double#toString}), on the standardized inputs and then, where the
   * preprocessing's statistics are known, folded onto the raw attribute values.
   */
  private static void appendAllWeights(StringBuilder text, Network network, Instances header,
      Preprocessor preprocessing) {
    appendWeights(text, network, header, preprocessing, 0, true);
    try {
      text.append('\n');
      Recipe.rawWeights(text, network, preprocessing.encoder(), preprocessing.inputNames(),
          nameWidth(network.shape(), preprocessing.inputNames()));
    } catch (Exception e) {
      text.append("Weights on the raw attribute values not listed: a model saved by version 1.0 does not keep "
          + "the preprocessing's statistics\n");
    }
  }

  private static int nameWidth(NetworkShape shape, List<String> inputNames) {
    int width = "hidden unit ".length() + Integer.toString(shape.numHidden()).length();
    for (String name : inputNames) {
      width = Math.max(width, name.length());
    }
    return width;
  }

  /**
   * Lists the weights as Weka's MultilayerPerceptron lists its nodes: per hidden unit its bias and one weight
   * per (preprocessed, standardized) input, named as the preprocessing names them; per output its bias and
   * one weight per hidden unit. At least 4 decimals, more with -num-decimal-places; every digit if exact.
   */
  private static void appendWeights(StringBuilder text, Network network, Instances header,
      Preprocessor preprocessing, int numDecimalPlaces, boolean exact) {
    NetworkShape shape = network.shape();
    List<String> inputNames = preprocessing.inputNames();
    int width = nameWidth(shape, inputNames);
    int decimals = exact ? -1 : Math.max(4, numDecimalPlaces);
    String activation = shape.activation().optionName();
    text.append("Weights (inputs standardized by the preprocessing)\n\n");
    for (int l = 0; l < shape.numHidden(); l++) {
      text.append("Hidden unit ").append(l + 1).append(" (").append(activation).append(")\n");
      appendWeight(text, "bias", network.theta(0, l), width, decimals);
      for (int i = 1; i <= shape.numInputs(); i++) {
        appendWeight(text, inputNames.get(i - 1), network.theta(i, l), width, decimals);
      }
    }
    for (int c = 0; c < shape.numOutputs(); c++) {
      if (shape.linearOutput()) {
        text.append("Output (linear): the standardized class value; ").append(header.classAttribute().name())
            .append(" = mean + standard deviation × output\n");
      } else if (shape.numOutputs() == 1) {
        text.append("Output (sigmoid): probability of class ").append(header.classAttribute().value(1))
            .append('\n');
      } else {
        text.append("Output for class ").append(header.classAttribute().value(c)).append(" (softmax)\n");
      }
      appendWeight(text, "bias", network.beta(c, 0), width, decimals);
      for (int j = 1; j <= shape.numHidden(); j++) {
        appendWeight(text, "hidden unit " + j, network.beta(c, j), width, decimals);
      }
    }
  }

  /** @param decimals -1: every digit ({@link Double#toString}) */
  private static void appendWeight(StringBuilder text, String name, double weight, int width, int decimals) {
    if (decimals < 0) {
      Recipe.exact(text, name, weight, width);
      return;
    }
    text.append("    ").append(Utils.padRight(name, width)).append("  ")
        .append(String.format(Locale.ROOT, "%" + (decimals + 6) + "." + decimals
            + (Math.abs(weight) >= 1e6 ? "e" : "f"), weight)).append('\n');
  }

  /**
   * @param value a statistic the model text states
   * @return every digit ({@link Double#toString}), so that predictions can be recomputed from the text
   */
  static String exact(double value) {
    return Double.toString(value);
  }

  /**
   * @param value a loss or rate
   * @return the value with 6 decimals, or in scientific notation when that would show too few significant
   *     digits (below 1e-4, where a tiny loss would print as 0) or too many (1e6 and above)
   */
  static String format(double value) {
    double magnitude = Math.abs(value);
    if (value != 0 && (magnitude < 1e-4 || magnitude >= 1e6)) {
      return String.format(Locale.ROOT, "%.6e", value);
    }
    return Utils.doubleToString(value, 6).trim();
  }
}
