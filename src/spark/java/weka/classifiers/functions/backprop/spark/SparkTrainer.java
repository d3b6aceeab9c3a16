package weka.classifiers.functions.backprop.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import scala.Tuple2;
import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.bridge.NetworkModel;
import weka.classifiers.functions.backprop.bridge.OptionTable;
import weka.classifiers.functions.backprop.bridge.Settings;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.preprocess.ColumnMoments;
import weka.classifiers.functions.backprop.preprocess.ColumnSummary;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.train.ClassBalance;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.ValidationSplit;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Trains a {@link BackpropOneHidden} on a Spark cluster, with the classifier's own options, and leaves the
 * trained network in it ({@link NetworkModel#trainedElsewhere}, which the classifier adopts), so it serializes,
 * loads with {@code -l} and opens in the Explorer like one built by {@code buildClassifier}. The rules of the
 * training data are the classifier's own ({@link TrainingData}: value checks, the missing-class drop, the x/y/w
 * loop; {@link ClassBalance} for -balance).
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
    Settings settings = classifier.settings();
    TrainingConfig config = settings.trainingConfig(classifier.getSeed());
    checkOptions(header, config);
    int classIndex = header.classIndex();
    int numClasses = header.numClasses();

    // the parsed rows are cached for the statistics passes and the encoding, then released: the source (a file)
    // is read once
    boolean cachedByCaller = !rows.getStorageLevel().equals(StorageLevel.NONE());
    JavaRDD<RawRow> parsed = cachedByCaller ? rows : rows.persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<RawRow> labelled = parsed.filter(row -> TrainingData.hasClass(row.values(), classIndex));
    ColumnSummary summary;
    long dropped;
    Broadcast<StatisticsPreprocessing> sharedPreprocessing = null;
    JavaRDD<RowBlock> trainBlocks = null;
    JavaRDD<RowBlock> validationBlocks = null;
    boolean blocksHandedOver = false;
    TrainingResult result;
    SparkRowSums trainSums;
    boolean split;
    StatisticsPreprocessing preprocessing;
    try {
      int[] kinds = StatisticsPreprocessing.columnKinds(header);
      Instances emptyHeader = new Instances(header, 0);
      summary = labelled.treeAggregate(new ColumnSummary(kinds, classIndex),
          (s, row) -> {
            TrainingData.checkValues(instance(row, emptyHeader), "a training instance");
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
      preprocessing = new StatisticsPreprocessing(InputEncoder.fit(summary, moments), header);
      if (preprocessing.numInputs() == 0) {
        throw new IllegalArgumentException("nothing to learn: " + TrainingData.NO_VARIATION);
      }

      sharedPreprocessing = context.broadcast(preprocessing);
      double fraction = config.validationFraction();
      long splitSeed = config.seed() + 1;
      JavaRDD<Tuple2<RawRow, Long>> indexed = labelled.zipWithIndex().rdd().toJavaRDD();
      long heldOut = fraction > 0
          ? indexed.filter(pair -> HashSplit.isHeldOut(splitSeed, pair._2(), fraction)).count() : 0;
      split = heldOut >= ValidationSplit.MIN_VALIDATION_ROWS
          && summary.numRows() - heldOut >= ValidationSplit.MIN_VALIDATION_ROWS;
      ClassBalance balance = settings.get(OptionTable.BALANCE_CLASSES) ? classBalance(summary, numClasses) : null;
      // the weights in the unit of the largest, or raw for -balance, which scales each class by its own largest
      int weightExponent = balance != null ? 0 : summary.weightExponent();
      trainBlocks = blocks(indexed, sharedPreprocessing, balance, weightExponent, classIndex, numClasses,
          split ? splitSeed : 0, split ? fraction : 0, false);
      validationBlocks = split ? blocks(indexed, sharedPreprocessing, balance, weightExponent, classIndex,
          numClasses, splitSeed, fraction, true) : null;
      long trainRows = summary.numRows() - (split ? heldOut : 0);
      trainBlocks.count();
      if (validationBlocks != null) {
        validationBlocks.count();
      }
      release(parsed, cachedByCaller);

      NetworkShape shape = new NetworkShape(preprocessing.numInputs(), config.numHidden(),
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
      if (sharedPreprocessing != null) {
        sharedPreprocessing.destroy();
      }
      if (!blocksHandedOver) {
        unpersist(trainBlocks);
        unpersist(validationBlocks);
      }
    }
    classifier.adopt(NetworkModel.trainedElsewhere(header, preprocessing, result,
        (int) Math.min(Integer.MAX_VALUE, dropped), "on Spark " + context.version() + " (" + context.master() + ", "
        + rows.getNumPartitions() + " partitions, " + trainSums.evaluations() + " passes over the training data"
        + (split ? "; held-out rows chosen by a hash of the seed and the row's position" : "") + ")"));
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(java.util.Locale.ROOT, "trained on %d instances (%d held out, %d without a class "
        + "dropped) in %d partitions: %d epochs, %d evaluations of the training sums, %.1f s", result.trainingRows(),
        result.validationRows(), dropped, rows.getNumPartitions(), result.epochs(), trainSums.evaluations(), seconds);
  }

  private static void checkOptions(Instances header, TrainingConfig config) {
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
   * @return -balance as the local classifier weights the classes, with the class totals of all labelled rows
   *     from the statistics pass
   */
  private static ClassBalance classBalance(ColumnSummary summary, int numClasses) {
    double[] classWeight = new double[numClasses];
    int[] classExponent = new int[numClasses];
    for (int c = 0; c < numClasses; c++) {
      classWeight[c] = summary.classWeight(c);
      classExponent[c] = summary.classWeightExponent(c);
    }
    return ClassBalance.ofClassWeights(classWeight, classExponent);
  }

  /** Unpersists the rows unless the caller had cached them (then they stay the caller's). */
  private static void release(JavaRDD<RawRow> rows, boolean cachedByCaller) {
    if (!cachedByCaller) {
      rows.unpersist(false);
    }
  }

  /** @return the row as a Weka instance of the header (its values not copied), for the classifier's checks */
  private static Instance instance(RawRow row, Instances header) {
    Instance instance = new DenseInstance(row.weight(), row.values());
    instance.setDataset(header);
    return instance;
  }

  /** Encodes each partition's rows (those on one side of the split) into blocks. */
  private static JavaRDD<RowBlock> blocks(JavaRDD<Tuple2<RawRow, Long>> indexed,
      Broadcast<StatisticsPreprocessing> preprocessing, ClassBalance balance, int weightExponent, int classIndex,
      int numClasses, long splitSeed, double fraction, boolean heldOutSide) {
    JavaRDD<RowBlock> blocks = indexed.mapPartitions(pairs -> {
      StatisticsPreprocessing fitted = preprocessing.value();
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
          result.add(encode(pending, fitted, balance, weightExponent, classIndex, numClasses));
          pending.clear();
        }
      }
      return result.iterator();
    });
    return blocks.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** One block, through the classifier's x/y/w loop, its weights in the unit of all the rows (the summary's). */
  private static RowBlock encode(List<RawRow> rows, StatisticsPreprocessing preprocessing, ClassBalance balance,
      int weightExponent, int classIndex, int numClasses) {
    int n = rows.size();
    double[] x = new double[Math.multiplyExact(n, preprocessing.numInputs() + 1)];
    int[] y = new int[n];
    double[] weights = new double[n];
    boolean weighted = TrainingData.encode(new TrainingData.Rows() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public double[] values(int k) {
        return rows.get(k).values();
      }

      @Override
      public double weight(int k) {
        return rows.get(k).weight();
      }

      @Override
      public String where(int k) {
        return "a training instance";
      }
    }, preprocessing, classIndex, x, y, weights, weightExponent);
    if (balance != null) {
      weighted = balance.apply(y, weights);
    }
    return new RowBlock(x, y, weighted ? weights : null, preprocessing.numInputs(), numClasses);
  }
}
