package weka.classifiers.functions.backprop.bridge;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.ValidationSplit;
import weka.classifiers.functions.backprop.tune.InputImportance;
import weka.core.Instances;

/**
 * Input importance (-importance) per original attribute, ranked: the engine's {@link InputImportance} (permutation
 * importance on held-out rows, Olden's connection weights) with a nominal attribute's indicator inputs grouped back
 * into their attribute through the fitted preprocessing.
 *
 * <p>The held-out rows, rebuilt after training from the seed exactly as training chose them (nothing trained
 * changes): for the committee of -tune cv, each fold network predicts its own held-out fold, so every training row is
 * held out once; for one network, the hold-out part of early stopping (-V). Without one (-V 0, or data too small
 * to split) the training rows are used, and the text says that the permutation importance is then optimistic.
 */
public final class Importance implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Permutations per attribute. */
  public static final int REPEATS = 5;

  private final String[] attributes;
  private final double[] permutation;
  private final double[] permutationSd;
  private final double[] olden;
  private final double baseline;
  private final String scheme;
  private final long rowsPredicted;
  private final int heldOutRows;
  private final double seconds;
  /** True for a numeric class: the score is the squared error of the standardized class, not the Brier score. */
  private final boolean numeric;

  private Importance(String[] attributes, double[] permutation, double[] permutationSd, double[] olden,
      double baseline, String scheme, long rowsPredicted, int heldOutRows, double seconds, boolean numeric) {
    this.numeric = numeric;
    this.attributes = attributes;
    this.permutation = permutation;
    this.permutationSd = permutationSd;
    this.olden = olden;
    this.baseline = baseline;
    this.scheme = scheme;
    this.rowsPredicted = rowsPredicted;
    this.heldOutRows = heldOutRows;
    this.seconds = seconds;
  }

  /**
   * @param model the model just built from data
   * @param data the training data it was built from
   * @param settings the options it was built with
   * @param config the engine's settings for them
   * @param log where the time it took is reported
   * @return the ranking, or null when the model is not a network or committee with this version's preprocessing
   * @throws Exception if the data cannot be encoded again
   */
  public static Importance of(ModelState model, Instances data, Settings settings, TrainingConfig config,
      TrainingLog log) throws Exception {
    Importance importance = of(model, data, settings, config);
    if (importance != null) {
      String line = "input importance computed in " + weka.core.Utils.doubleToString(importance.seconds, 3).trim()
          + " s (" + importance.rowsPredicted + " rows predicted)";
      log.log(line);
      log.debugLine(line);
    }
    return importance;
  }

  /**
   * @param model the model just built from data
   * @param data the training data it was built from
   * @param settings the options it was built with
   * @param config the engine's settings for them
   * @return the ranking, or null when the model is not a network or committee with this version's preprocessing
   * @throws Exception if the data cannot be encoded again
   */
  static Importance of(ModelState model, Instances data, Settings settings, TrainingConfig config)
      throws Exception {
    long startNanos = System.nanoTime();
    Preprocessor preprocessing;
    Network[] members;
    if (model instanceof CommitteeModel) {
      preprocessing = ((CommitteeModel) model).preprocessing();
      Committee committee = model.committee();
      members = new Network[committee.size()];
      for (int f = 0; f < members.length; f++) {
        members[f] = committee.member(f);
      }
    } else if (model instanceof NetworkModel) {
      preprocessing = ((NetworkModel) model).preprocessing();
      members = new Network[] {model.result().network()};
    } else {
      return null;
    }
    if (!(preprocessing instanceof StatisticsPreprocessing)) {
      return null;
    }
    boolean balance = settings.get(OptionTable.BALANCE_CLASSES);
    Instances train = TrainingData.withClass(data);
    int n = train.numInstances();
    DataMatrix rows;
    int[] start;
    String scheme;
    if (members.length > 1) {
      // the folds of the tuning, as CrossValidationSearch had them: member f predicts fold f
      int k = model.report().folds();
      TrainingData.FoldRows folds = TrainingData.foldRows(preprocessing, train, k, config.seed(), balance);
      rows = folds.rows;
      start = folds.start;
      scheme = "each of the " + k + " fold networks predicts its own held-out fold: all " + n + " training rows, "
          + "each held out once";
    } else {
      int[][] split = ValidationSplit.plan(TrainingData.labels(train), train.numClasses(), config);
      TrainingResult result = model.result();
      if (split != null && !result.validationSkipped()) {
        rows = TrainingData.matrix(preprocessing, train, TrainingData.heldOutLast(split), balance);
        start = new int[] {split[0].length, n};
        scheme = "the " + split[1].length + " rows held out for early stopping (-V)";
      } else {
        rows = TrainingData.matrix(preprocessing, train, null, balance);
        start = new int[] {0, n};
        scheme = "the " + n + " training rows, since nothing was held out (-V 0 or too few rows): optimistic, "
            + "the rows the network was trained on";
      }
    }
    InputEncoder encoder = ((StatisticsPreprocessing) preprocessing).encoder();
    Instances header = model.header();
    Map<Integer, List<Integer>> byColumn = new LinkedHashMap<>();
    for (int i = 0; i < encoder.numInputs(); i++) {
      List<Integer> inputs = byColumn.get(encoder.column(i));
      if (inputs == null) {
        inputs = new ArrayList<>();
        byColumn.put(encoder.column(i), inputs);
      }
      inputs.add(i);
    }
    int[][] groups = new int[byColumn.size()][];
    String[] names = new String[groups.length];
    int a = 0;
    for (Map.Entry<Integer, List<Integer>> entry : byColumn.entrySet()) {
      names[a] = header.attribute(entry.getKey()).name();
      groups[a] = new int[entry.getValue().size()];
      for (int j = 0; j < groups[a].length; j++) {
        groups[a][j] = entry.getValue().get(j);
      }
      a++;
    }
    InputImportance importance = InputImportance.of(members, rows, start, groups, REPEATS, config.seed());
    double[] rise = importance.permutation();
    double[] sd = importance.permutationSd();
    double[] olden = importance.olden();
    Integer[] rank = new Integer[groups.length];
    for (int j = 0; j < rank.length; j++) {
      rank[j] = j;
    }
    Arrays.sort(rank, (p, q) -> rise[p] != rise[q] ? Double.compare(rise[q], rise[p])
        : olden[p] != olden[q] ? Double.compare(olden[q], olden[p]) : Integer.compare(p, q));
    String[] rankedNames = new String[rank.length];
    double[] rankedRise = new double[rank.length];
    double[] rankedSd = new double[rank.length];
    double[] rankedOlden = new double[rank.length];
    for (int j = 0; j < rank.length; j++) {
      rankedNames[j] = names[rank[j]];
      rankedRise[j] = rise[rank[j]];
      rankedSd[j] = sd[rank[j]];
      rankedOlden[j] = olden[rank[j]];
    }
    return new Importance(rankedNames, rankedRise, rankedSd, rankedOlden, importance.baseline(), scheme,
        importance.rowsPredicted(), start[start.length - 1] - start[0], (System.nanoTime() - startNanos) / 1e9,
        rows.isNumeric());
  }

  /** @return the attributes that are inputs, most important first (by permutation importance, then Olden's) */
  public String[] attributes() {
    return attributes.clone();
  }

  /**
   * @return each ranked attribute's permutation importance: the mean rise of the held-out Brier score (for a numeric
   *     class: of the held-out squared error of the standardized class)
   */
  public double[] permutation() {
    return permutation.clone();
  }

  /** @return its standard deviation over the {@link #REPEATS} permutations */
  public double[] permutationSd() {
    return permutationSd.clone();
  }

  /** @return each ranked attribute's Olden value (summed over a nominal attribute's indicators) */
  public double[] olden() {
    return olden.clone();
  }

  /** @return the mean held-out Brier score (numeric class: squared error) of the model as trained */
  public double baseline() {
    return baseline;
  }

  /** @return which rows were held out */
  public String heldOut() {
    return scheme;
  }

  /** @return the rows predicted to compute the ranking (the cost: each a forward pass) */
  public long rowsPredicted() {
    return rowsPredicted;
  }

  /** @return the seconds the ranking took (not in the model text, which is deterministic) */
  public double seconds() {
    return seconds;
  }

  /**
   * @param text receives the ranked list
   */
  public void describe(StringBuilder text) {
    text.append("\nInput importance (-importance), most important first\n");
    String score = numeric ? "squared error (of the standardized class)" : "Brier score";
    text.append("Permutation: the rise of the mean held-out ").append(score).append(" when the attribute's values "
        + "are permuted among the held-out rows (mean and sd over ").append(REPEATS).append(" permutations); held "
        + "out: ").append(scheme).append("; ").append(score).append(" as trained ").append(ModelText.format(baseline))
        .append('\n');
    text.append("Olden: sum over hidden units of theta * beta on the standardized inputs (softmax: centred over the "
        + "classes, mean of absolute values over the classes), summed over a nominal attribute's indicators, mean "
        + "over the networks\n");
    int width = "attribute".length();
    for (String name : attributes) {
      width = Math.max(width, name.length());
    }
    text.append(String.format(java.util.Locale.ROOT, "  rank  %-" + width + "s  %12s  %12s  %12s%n", "attribute",
        "permutation", "sd", "Olden"));
    for (int j = 0; j < attributes.length; j++) {
      text.append(String.format(java.util.Locale.ROOT, "  %4d  %-" + width + "s  %12s  %12s  %12s%n", j + 1,
          attributes[j], ModelText.format(permutation[j]), ModelText.format(permutationSd[j]),
          ModelText.format(olden[j])));
    }
    text.append("Cost: ").append(rowsPredicted).append(" rows predicted (the ").append(heldOutRows)
        .append(" held-out rows once, then once per attribute and permutation)\n");
  }
}
