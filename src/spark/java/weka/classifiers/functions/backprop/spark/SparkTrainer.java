package weka.classifiers.functions.backprop.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.bridge.NetworkModel;
import weka.classifiers.functions.backprop.Tuning;
import weka.classifiers.functions.backprop.bridge.OptionTable;
import weka.classifiers.functions.backprop.bridge.PriorModel;
import weka.classifiers.functions.backprop.bridge.Settings;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.preprocess.ColumnMoments;
import weka.classifiers.functions.backprop.preprocess.ColumnSummary;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.preprocess.TargetDeviations;
import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.classifiers.functions.backprop.preprocess.TargetSums;
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
 *       into the same {@link InputEncoder} the local classifier fits; for a numeric (or date) class, two more
 *       ({@link TargetSums}, then {@link TargetDeviations}), merged into the {@link TargetScale} that standardizes
 *       it (a class that does not vary gives the class prior, its mean, as locally);</li>
 *   <li>the rows are encoded into dense {@link RowBlock}s fixed by their positions in the data ({@link FixedBlocks}:
 *       row i in block ⌊i / 4096⌋), cached in memory; rows whose class is missing are dropped and counted, as
 *       locally; with a validation fraction v &gt; 0, {@link HashSplit} holds rows out;</li>
 *   <li>the engine's {@link Trainer} runs full-batch training (gradient descent, or L-BFGS with {@code -O lbfgs})
 *       with early stopping, each evaluation of (J, ∇J) being one Spark job whose blocks' sums are added in a fixed
 *       tree ({@link SparkRowSums}): a network with one softmax or sigmoid output per class, or one linear output on
 *       the standardized numeric class.</li>
 * </ol>
 * The same rows and options therefore give the same model bit for bit, on every run and however the rows are
 * partitioned. The activation kernels are the training configuration's (the driver JVM's choice unless given):
 * the network's shape records them and carries them to the executors, so every block is computed with them and
 * the saved model predicts with them.
 * Mini-batches would need one job per step and are refused: set {@code -B 0}. {@code -balance} weights the
 * classes as the local classifier does, with class totals from the statistics pass (and is refused for a numeric
 * class, as locally).
 */
public final class SparkTrainer {

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
    return train(context, header, rows, classifier, null, 0);
  }

  /**
   * Trains the classifier on the rows with the given activation kernels.
   *
   * @param context the Spark context
   * @param header the data's header, with the class attribute set
   * @param rows the instances
   * @param classifier holds the options; receives the trained network
   * @param kernels the activation kernels of every computation (executors and predictions), or null for the
   *        driver JVM's choice ({@link Kernels#ofThisJvm()})
   * @param minPartitions the fewest partitions the cached blocks are spread over (e.g. for rows read from a
   *        compressed file in one partition); the model does not depend on it
   * @return a description of the run (rows, evaluations, time)
   * @throws IllegalArgumentException naming the option or the problem if the options or data cannot be
   *         trained on Spark
   */
  public static String train(JavaSparkContext context, Instances header, JavaRDD<RawRow> rows,
      BackpropOneHidden classifier, Kernels kernels, int minPartitions) {
    long start = System.nanoTime();
    Settings settings = classifier.settings();
    TrainingConfig config = settings.trainingConfig(classifier.getSeed());
    if (kernels != null) {
      config = config.toBuilder().kernels(kernels).build();
    }
    checkOptions(header, config, settings.get(OptionTable.BALANCE_CLASSES));
    int classIndex = header.classIndex();
    int numClasses = header.numClasses();

    // the parsed rows are cached while they are cut into blocks fixed by their positions, and released once the
    // blocks are cached: the source (a file) is read once
    boolean cachedByCaller = !rows.getStorageLevel().equals(StorageLevel.NONE());
    JavaRDD<RawRow> parsed = cachedByCaller ? rows : rows.persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<RawRow> labelled = parsed.filter(row -> TrainingData.hasClass(row.values(), classIndex));
    ColumnSummary summary;
    long dropped;
    JavaRDD<FixedBlocks.RawBlock> raw = null;
    Broadcast<StatisticsPreprocessing> sharedPreprocessing = null;
    JavaRDD<RowBlock> trainBlocks = null;
    JavaRDD<RowBlock> validationBlocks = null;
    boolean blocksHandedOver = false;
    TrainingResult result;
    SparkRowSums trainSums;
    boolean split;
    StatisticsPreprocessing preprocessing;
    try {
      long numInstances = parsed.count();
      FixedBlocks layout = FixedBlocks.of(labelled);
      dropped = numInstances - layout.numRows();
      if (layout.numRows() == 0) {
        throw new IllegalArgumentException("nothing to train on: " + (numInstances == 0 ? "the data has no instances"
            : "no instance has a class value"));
      }
      raw = layout.blocks(labelled).persist(StorageLevel.MEMORY_AND_DISK());
      raw.count();
      release(parsed, cachedByCaller);

      // the preprocessing statistics: each block's alone, merged in the fixed tree over the blocks
      int numRawBlocks = layout.numBlocks(FixedBlocks.BLOCK_ROWS);
      int[] kinds = StatisticsPreprocessing.columnKinds(header);
      Instances emptyHeader = new Instances(header, 0);
      summary = FixedBlocks.merged(raw, numRawBlocks, block -> {
        ColumnSummary leaf = new ColumnSummary(kinds, classIndex);
        for (RawRow row : block.rows) {
          TrainingData.checkValues(instance(row, emptyHeader), "a training instance");
          leaf.add(row.values(), row.weight());
        }
        return leaf;
      }, ColumnSummary::merge);
      if (!(summary.totalWeight() > 0)) {
        throw new IllegalArgumentException("nothing to train on: the instances' weights sum to zero");
      }
      ColumnSummary fittedSummary = summary;
      ColumnMoments moments = FixedBlocks.merged(raw, numRawBlocks, block -> {
        ColumnMoments leaf = new ColumnMoments(fittedSummary);
        for (RawRow row : block.rows) {
          leaf.add(row.values(), row.weight());
        }
        return leaf;
      }, ColumnMoments::merge);
      preprocessing = new StatisticsPreprocessing(InputEncoder.fit(summary, moments), header);
      if (preprocessing.numInputs() == 0) {
        throw new IllegalArgumentException("nothing to learn: " + TrainingData.NO_VARIATION);
      }
      if (header.classAttribute().isNumeric()) {
        TargetSums target = targetSums(raw, numRawBlocks, classIndex);
        TargetScale scale = target.varies()
            ? TargetScale.fit(target, targetDeviations(raw, numRawBlocks, classIndex, target)) : null;
        if (scale == null) {
          return adoptMean(classifier, header, target, dropped, start);
        }
        preprocessing = preprocessing.withTarget(scale, header);
      }

      sharedPreprocessing = context.broadcast(preprocessing);
      double fraction = config.validationFraction();
      long splitSeed = config.seed() + 1;
      long heldOut = fraction > 0 ? raw.map(block -> {
        long n = 0;
        for (int k = 0; k < block.rows.size(); k++) {
          n += HashSplit.isHeldOut(splitSeed, block.first + k, fraction) ? 1 : 0;
        }
        return n;
      }).reduce(Long::sum) : 0;
      split = heldOut >= ValidationSplit.MIN_VALIDATION_ROWS
          && summary.numRows() - heldOut >= ValidationSplit.MIN_VALIDATION_ROWS;
      ClassBalance balance = settings.get(OptionTable.BALANCE_CLASSES) ? classBalance(summary, numClasses) : null;
      Broadcast<StatisticsPreprocessing> fitted = sharedPreprocessing;
      // the weights in the unit of the largest, or raw for -balance, which scales each class by its own largest
      int weightExponent = balance != null ? 0 : summary.weightExponent();
      int subRows = FixedBlocks.subBlockRows(preprocessing.numInputs() + 1);
      double trainFraction = split ? fraction : 0;
      trainBlocks = cached(raw.flatMap(block -> encode(block, subRows, false, splitSeed, trainFraction,
          fitted.value(), balance, weightExponent, classIndex, numClasses).iterator()), minPartitions);
      validationBlocks = split ? cached(raw.flatMap(block -> encode(block, subRows, true, splitSeed, fraction,
          fitted.value(), balance, weightExponent, classIndex, numClasses).iterator()), minPartitions) : null;
      long trainRows = summary.numRows() - (split ? heldOut : 0);
      trainBlocks.count();
      if (validationBlocks != null) {
        validationBlocks.count();
      }
      raw.unpersist(false);

      NetworkShape shape = NetworkShape.forClasses(preprocessing.numInputs(), config.numHidden(), numClasses,
          config.activation(), config.kernels());
      int numBlocks = layout.numBlocks(subRows);
      trainSums = new SparkRowSums(context, trainBlocks, shape, trainRows, numBlocks);
      SparkRowSums validationSums = split ? new SparkRowSums(context, validationBlocks, shape, heldOut, numBlocks)
          : null;
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
      if (raw != null) {
        raw.unpersist(false);
      }
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
        + (split ? "; held-out rows chosen by a hash of the seed and the row's position" : "") + "; the sums of "
        + "blocks fixed by the rows' positions added in a fixed order, so any partitioning gives this model"
        + (settings.get(OptionTable.TUNE) == Tuning.CV ? "; one network with the options: -tune cv is not used on "
        + "Spark" : "") + ")"));
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(java.util.Locale.ROOT, "trained on %d instances (%d held out, %d without a class "
        + "dropped) in %d partitions: %d epochs, %d evaluations of the training sums, %.1f s", result.trainingRows(),
        result.validationRows(), dropped, rows.getNumPartitions(), result.epochs(), trainSums.evaluations(), seconds);
  }

  private static void checkOptions(Instances header, TrainingConfig config, boolean balance) {
    if (header.classIndex() < 0) {
      throw new IllegalArgumentException("the data has no class attribute set");
    }
    if (!header.classAttribute().isNominal() && !header.classAttribute().isNumeric()) {
      throw new IllegalArgumentException("the class attribute '" + header.classAttribute().name() + "' is a "
          + weka.core.Attribute.typeToString(header.classAttribute()) + " attribute: BackpropOneHidden predicts a "
          + "nominal or numeric (or date) class");
    }
    if (header.classAttribute().isNumeric() && balance) {
      throw new IllegalArgumentException(TrainingData.BALANCE_NEEDS_CLASSES);
    }
    if (header.classAttribute().isNominal() && header.numClasses() < 2) {
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

  /**
   * The first pass over a numeric class (S, Σs², Σst), each block's alone, merged in the fixed tree over the blocks:
   * the bits of {@link TargetScale#fit(double[], double[])}'s first pass over the same rows when they are one block,
   * else the same sums up to the rounding of the order of the additions.
   *
   * @throws IllegalArgumentException if a class value is infinite
   */
  private static TargetSums targetSums(JavaRDD<FixedBlocks.RawBlock> raw, int numBlocks, int classIndex) {
    return FixedBlocks.merged(raw, numBlocks, block -> {
      TargetSums leaf = new TargetSums();
      for (RawRow row : block.rows) {
        double t = row.values()[classIndex];
        if (!(Math.abs(t) < Double.POSITIVE_INFINITY)) {
          throw new IllegalArgumentException("a training instance has the class value " + t + "; numeric class "
              + "values must be finite");
        }
        leaf.add(t, row.weight());
      }
      return leaf;
    }, TargetSums::merge);
  }

  /** The second pass over a numeric class, M2 = Σ s (t − μ)² around the first pass's μ, merged likewise. */
  private static TargetDeviations targetDeviations(JavaRDD<FixedBlocks.RawBlock> raw, int numBlocks, int classIndex,
      TargetSums sums) {
    return FixedBlocks.merged(raw, numBlocks, block -> {
      TargetDeviations leaf = new TargetDeviations(sums);
      for (RawRow row : block.rows) {
        leaf.add(row.values()[classIndex], row.weight());
      }
      return leaf;
    }, TargetDeviations::merge);
  }

  /**
   * A numeric class that does not vary leaves nothing to learn: the classifier adopts the class prior, the class's
   * weighted mean (its one value), as the local classifier predicts it.
   *
   * @return the description of the run
   */
  private static String adoptMean(BackpropOneHidden classifier, Instances header, TargetSums target,
      long dropped, long start) {
    classifier.adopt(PriorModel.ofMean(header, target.mean(), TrainingData.NO_TARGET_VARIATION,
        (int) Math.min(Integer.MAX_VALUE, dropped)));
    return String.format(java.util.Locale.ROOT, "no network trained: %s; predicting its weighted mean %s, as ZeroR "
        + "does (%d instances without a class dropped, %.1f s)", TrainingData.NO_TARGET_VARIATION, target.mean(),
        dropped, (System.nanoTime() - start) / 1e9);
  }

  /** @return the blocks spread over at least that many partitions (which changes no sum), cached */
  private static JavaRDD<RowBlock> cached(JavaRDD<RowBlock> blocks, int minPartitions) {
    JavaRDD<RowBlock> spread = blocks.getNumPartitions() < minPartitions ? blocks.repartition(minPartitions) : blocks;
    return spread.persist(StorageLevel.MEMORY_AND_DISK());
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

  /**
   * Encodes the rows of one side of the validation split of a block into blocks of {@code subRows} rows (fixed by
   * position: sub-block s of block b is training block b·(B / subRows) + s), every one even if empty.
   */
  private static List<RowBlock> encode(FixedBlocks.RawBlock block, int subRows, boolean heldOutSide, long splitSeed,
      double fraction, StatisticsPreprocessing preprocessing, ClassBalance balance, int weightExponent, int classIndex,
      int numClasses) {
    List<RowBlock> result = new ArrayList<>();
    for (int from = 0; from < block.rows.size(); from += subRows) {
      List<RawRow> side = new ArrayList<>();
      for (int k = from; k < Math.min(block.rows.size(), from + subRows); k++) {
        if (HashSplit.isHeldOut(splitSeed, block.first + k, fraction) == heldOutSide) {
          side.add(block.rows.get(k));
        }
      }
      result.add(encode((int) ((block.first + from) / subRows), side, preprocessing, balance, weightExponent,
          classIndex, numClasses));
    }
    return result;
  }

  /**
   * One block, through the classifier's x/y/w loop (x/t/w for a numeric class, its targets standardized), its weights
   * in the unit of all the rows (the summary's).
   */
  private static RowBlock encode(int index, List<RawRow> rows, StatisticsPreprocessing preprocessing,
      ClassBalance balance, int weightExponent, int classIndex, int numClasses) {
    int n = rows.size();
    double[] x = new double[Math.multiplyExact(n, preprocessing.numInputs() + 1)];
    int[] y = new int[n];
    TargetScale target = preprocessing.targetScale();
    double[] t = target == null ? null : new double[n];
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
    }, preprocessing, target, classIndex, x, y, t, weights, weightExponent);
    if (target != null) {
      return RowBlock.numeric(index, x, t, weighted ? weights : null, preprocessing.numInputs());
    }
    if (balance != null) {
      weighted = balance.apply(y, weights);
    }
    return new RowBlock(index, x, y, weighted ? weights : null, preprocessing.numInputs(), numClasses);
  }
}
