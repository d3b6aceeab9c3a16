package weka.classifiers.functions.backprop.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import scala.Tuple2;
import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.train.ValidationSplit;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.preprocess.ColumnMoments;
import weka.classifiers.functions.backprop.preprocess.ColumnSummary;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.core.Instances;

/**
 * Trains a {@link BackpropOneHidden} on a Spark cluster, with the classifier's own options, and leaves the
 * trained network in it, so it serializes, loads with {@code -l} and opens in the Explorer like one built
 * by {@code buildClassifier}.
 *
 * <p>The steps, each a distributed pass whose per-partition results merge by addition:
 * <ol>
 *   <li>the preprocessing statistics ({@link ColumnSummary}, then {@link ColumnMoments}), merged on the driver
 *       into the same {@link InputEncoder} the local classifier fits;</li>
 *   <li>every partition encodes its rows into dense {@link RowBlock}s of at most {@link #BLOCK_ROWS} rows and
 *       {@link #BLOCK_VALUES} values,
 *       cached in memory; rows whose class is missing are dropped and counted, as locally; with a
 *       validation fraction v &gt; 0, {@link HashSplit} holds rows out;</li>
 *   <li>the engine's {@link Trainer} runs full-batch training (gradient descent, or L-BFGS with {@code -O lbfgs})
 *       with early stopping, each evaluation of (J, ∇J) being one {@code treeAggregate}
 *       ({@link SparkRowSums}).</li>
 * </ol>
 * Mini-batches would need one job per step and are refused: set {@code -B 0}. {@code -balance} weights the
 * classes as the local classifier does, with class totals from the statistics pass.
 */
public final class SparkTrainer {

  /** Most rows in one cached block (a partition holds one or more blocks). */
  public static final int BLOCK_ROWS = 1 << 16;

  /** Most values (rows × (inputs + 1)) in one block: 32 MB of doubles, however wide the rows. */
  public static final int BLOCK_VALUES = 1 << 22;

  private SparkTrainer() {
  }

  /**
   * Trains the classifier on the rows.
   *
   * @param context the Spark context
   * @param header the data's header, with the class attribute set
   * @param rows the instances
   * @param classifier holds the options; receives the trained network
   * @return a description of the run (rows, evaluations, time)
   * @throws IllegalArgumentException naming the option or the problem if the options or data cannot be
   *         trained on Spark
   */
  public static String train(JavaSparkContext context, Instances header, JavaRDD<RawRow> rows,
      BackpropOneHidden classifier) {
    long start = System.nanoTime();
    TrainingConfig config = classifier.trainingConfiguration();
    checkOptions(header, classifier, config);
    int classIndex = header.classIndex();
    int numClasses = header.numClasses();

    // the parsed rows are cached for the statistics passes and the encoding, then released: the source (a file)
    // is read once
    boolean cachedByCaller = !rows.getStorageLevel().equals(StorageLevel.NONE());
    JavaRDD<RawRow> parsed = cachedByCaller ? rows : rows.persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<RawRow> labelled = parsed.filter(row -> !Double.isNaN(row.values()[classIndex]));
    ColumnSummary summary;
    long dropped;
    InputEncoder encoder;
    Broadcast<InputEncoder> sharedEncoder = null;
    JavaRDD<RowBlock> trainBlocks = null;
    JavaRDD<RowBlock> validationBlocks = null;
    boolean blocksHandedOver = false;
    TrainingResult result;
    SparkRowSums trainSums;
    boolean split;
    StatisticsPreprocessing preprocessing;
    try {
      int[] kinds = StatisticsPreprocessing.columnKinds(header);
      String[] names = new String[header.numAttributes()];
      for (int a = 0; a < names.length; a++) {
        names[a] = header.attribute(a).name();
      }
      summary = labelled.treeAggregate(new ColumnSummary(kinds, classIndex),
          (s, row) -> {
            checkValues(row, names);
            s.add(row.values(), row.weight());
            return s;
          }, ColumnSummary::merge, SparkRowSums.TREE_DEPTH);
      dropped = parsed.count() - summary.numRows();
      if (summary.numRows() == 0 || !(summary.totalWeight() > 0)) {
        throw new IllegalArgumentException("nothing to train on: " + (summary.numRows() == 0
            ? "no instance has a class value" : "the instances' weights sum to zero"));
      }
      ColumnMoments moments = labelled.treeAggregate(new ColumnMoments(summary),
          (m, row) -> {
            m.add(row.values(), row.weight());
            return m;
          }, ColumnMoments::merge, SparkRowSums.TREE_DEPTH);
      encoder = InputEncoder.fit(summary, moments);
      if (encoder.numInputs() == 0) {
        throw new IllegalArgumentException("nothing to learn: no attribute varies in the training data");
      }

      sharedEncoder = context.broadcast(encoder);
      double fraction = config.validationFraction();
      long splitSeed = config.seed() + 1;
      JavaRDD<Tuple2<RawRow, Long>> indexed = labelled.zipWithIndex().rdd().toJavaRDD();
      long heldOut = fraction > 0
          ? indexed.filter(pair -> HashSplit.isHeldOut(splitSeed, pair._2(), fraction)).count() : 0;
      split = heldOut >= ValidationSplit.MIN_VALIDATION_ROWS
          && summary.numRows() - heldOut >= ValidationSplit.MIN_VALIDATION_ROWS;
      preprocessing = new StatisticsPreprocessing(encoder, header);
      List<String> inputNames = new ArrayList<>(preprocessing.inputNames());
      Balance balance = classifier.getBalanceClasses() ? new Balance(summary, numClasses) : null;
      trainBlocks = blocks(indexed, sharedEncoder, inputNames, balance, classIndex, numClasses,
          split ? splitSeed : 0, split ? fraction : 0, false);
      validationBlocks = split ? blocks(indexed, sharedEncoder, inputNames, balance, classIndex, numClasses,
          splitSeed, fraction, true) : null;
      long trainRows = summary.numRows() - (split ? heldOut : 0);
      trainBlocks.count();
      if (validationBlocks != null) {
        validationBlocks.count();
      }
      release(parsed, cachedByCaller);

      NetworkShape shape = new NetworkShape(encoder.numInputs(), config.numHidden(),
          NetworkShape.outputsForClasses(numClasses), config.activation());
      trainSums = new SparkRowSums(context, trainBlocks, shape, trainRows);
      SparkRowSums validationSums = split ? new SparkRowSums(context, validationBlocks, shape, heldOut) : null;
      Trainer trainer = Trainer.fullBatch(shape, trainSums, validationSums, config);
      blocksHandedOver = true; // the trainer closes the sums, which unpersist the blocks
      try (Trainer run = trainer) {
        while (run.epoch()) {
          // one full-batch step per epoch, each evaluation a Spark job
        }
        result = run.result();
      }
    } finally {
      // on every path, failures included: nothing stays cached or broadcast
      release(parsed, cachedByCaller);
      if (sharedEncoder != null) {
        sharedEncoder.destroy();
      }
      if (!blocksHandedOver) {
        unpersist(trainBlocks);
        unpersist(validationBlocks);
      }
    }
    classifier.installTrainedModel(new Instances(header, 0), preprocessing, result,
        (int) Math.min(Integer.MAX_VALUE, dropped), "on Spark " + context.version() + " (" + context.master() + ", "
        + rows.getNumPartitions() + " partitions, " + trainSums.evaluations() + " passes over the training data"
        + (split ? "; held-out rows chosen by a hash of the seed and the row's position" : "") + ")");
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(java.util.Locale.ROOT, "trained on %d instances (%d held out, %d without a class "
        + "dropped) in %d partitions: %d epochs, %d evaluations of the training sums, %.1f s", result.trainingRows(),
        result.validationRows(), dropped, rows.getNumPartitions(), result.epochs(), trainSums.evaluations(), seconds);
  }

  private static void checkOptions(Instances header, BackpropOneHidden classifier, TrainingConfig config) {
    if (header.classIndex() < 0) {
      throw new IllegalArgumentException("the data has no class attribute set");
    }
    if (!header.classAttribute().isNominal()) {
      throw new IllegalArgumentException("the class attribute '" + header.classAttribute().name()
          + "' must be nominal");
    }
    if (header.numClasses() < 2) {
      throw new IllegalArgumentException("the class attribute '" + header.classAttribute().name()
          + "' has fewer than two values");
    }
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a != header.classIndex() && !header.attribute(a).isNumeric() && !header.attribute(a).isNominal()) {
        throw new IllegalArgumentException("attribute '" + header.attribute(a).name() + "' is a "
            + weka.core.Attribute.typeToString(header.attribute(a)) + " attribute; only numeric, date and nominal "
            + "attributes can be inputs");
      }
    }
    if (config.batchSize() > 0) {
      throw new IllegalArgumentException("training on Spark is full batch (each step is one pass over the "
          + "cluster's data): set -B 0 (got -B " + config.batchSize() + ")");
    }
  }

  private static void unpersist(JavaRDD<RowBlock> blocks) {
    if (blocks != null) {
      blocks.unpersist(false);
    }
  }

  /**
   * -balance, as the local classifier does it ({@code DataMatrix.classBalanced}): s'_k = s_k · S / (C · S_{y_k}),
   * S the total weight, S_c that of class c, C the number of classes with S_c &gt; 0, from all labelled rows.
   */
  private static final class Balance implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] classWeight;
    private final double total;
    private final int present;

    Balance(ColumnSummary summary, int numClasses) {
      classWeight = new double[numClasses];
      double sum = 0.0;
      int classes = 0;
      for (int c = 0; c < numClasses; c++) {
        classWeight[c] = summary.classWeight(c);
        sum += classWeight[c];
        classes += classWeight[c] > 0 ? 1 : 0;
      }
      total = sum;
      present = classes;
    }

    double weight(double s, int c) {
      double w = classWeight[c];
      return w > 0 ? s * total / (present * w) : 0.0;
    }
  }

  /** Unpersists the rows unless the caller had cached them (then they stay the caller's). */
  private static void release(JavaRDD<RawRow> rows, boolean cachedByCaller) {
    if (!cachedByCaller) {
      rows.unpersist(false);
    }
  }

  /**
   * Rejects what no model can be fitted to, as the classifier does locally.
   *
   * @throws IllegalArgumentException naming the attribute and value, or the weight
   */
  private static void checkValues(RawRow row, String[] names) {
    double weight = row.weight();
    if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("an instance has weight " + weight + "; weights must be finite and >= 0");
    }
    double[] values = row.values();
    for (int a = 0; a < values.length; a++) {
      if (Double.isInfinite(values[a])) {
        throw new IllegalArgumentException("attribute '" + names[a] + "' of an instance is " + values[a]
            + "; values must be finite (or missing)");
      }
    }
  }

  /** Encodes each partition's rows (those on one side of the split) into blocks. */
  private static JavaRDD<RowBlock> blocks(JavaRDD<Tuple2<RawRow, Long>> indexed, Broadcast<InputEncoder> encoder,
      List<String> inputNames, Balance balance, int classIndex, int numClasses, long splitSeed, double fraction,
      boolean heldOutSide) {
    JavaRDD<RowBlock> blocks = indexed.mapPartitions(pairs -> {
      InputEncoder fitted = encoder.value();
      int width = fitted.numInputs() + 1;
      int blockRows = Math.max(1, Math.min(BLOCK_ROWS, BLOCK_VALUES / width));
      List<RowBlock> result = new ArrayList<>();
      List<RawRow> pending = new ArrayList<>();
      while (pairs.hasNext()) {
        Tuple2<RawRow, Long> pair = pairs.next();
        if (HashSplit.isHeldOut(splitSeed, pair._2(), fraction) == heldOutSide) {
          pending.add(pair._1());
        }
        if (pending.size() == blockRows || (!pairs.hasNext() && !pending.isEmpty())) {
          result.add(encode(pending, fitted, inputNames, balance, width, classIndex, numClasses));
          pending.clear();
        }
      }
      return result.iterator();
    });
    return blocks.persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static RowBlock encode(List<RawRow> rows, InputEncoder encoder, List<String> inputNames, Balance balance,
      int width, int classIndex, int numClasses) {
    int n = rows.size();
    double[] x = new double[Math.multiplyExact(n, width)];
    int[] y = new int[n];
    double[] weights = new double[n];
    boolean weighted = false;
    Iterator<RawRow> iterator = rows.iterator();
    for (int k = 0; k < n; k++) {
      RawRow row = iterator.next();
      encoder.encode(row.values(), x, k * width);
      int bad = encoder.firstNonFiniteInput(x, k * width);
      if (bad >= 0) {
        throw StatisticsPreprocessing.nonFinite(inputNames.get(bad), "a training instance", x[k * width + 1 + bad]);
      }
      y[k] = (int) row.values()[classIndex];
      weights[k] = balance == null ? row.weight() : balance.weight(row.weight(), y[k]);
      weighted |= weights[k] != 1.0;
    }
    return new RowBlock(x, y, weighted ? weights : null, encoder.numInputs(), numClasses);
  }
}
