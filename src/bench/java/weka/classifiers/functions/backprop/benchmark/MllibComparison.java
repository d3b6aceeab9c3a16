package weka.classifiers.functions.backprop.benchmark;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.backprop.spark.ArffFiles;
import weka.classifiers.functions.backprop.spark.RawRow;
import weka.classifiers.functions.backprop.spark.SparkTrainer;
import weka.classifiers.functions.backprop.spark.StandaloneCluster;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffSaver;

/**
 * BackpropOneHidden on Spark against Spark MLlib's {@code MultilayerPerceptronClassifier}, side by side (issue 16):
 * the same data (RandomRBF {@code -S 4 -n 200000 -a 20 -c 2 -C 50}, an ARFF file read by both from the same RDD),
 * the same cluster (a standalone Master and one Worker with 2 cores, {@link StandaloneCluster}), the same network
 * (20 inputs, 16 sigmoid hidden units, 2 classes: MLlib's layers [20, 16, 2], ours {@code -H 16 -A sigmoid}), the
 * same optimizer and iteration count (L-BFGS, at most 200 iterations; MLlib {@code tol 0}, ours {@code -R 0 -V 0},
 * neither regularized), and the same inputs (ours standardizes them itself; MLlib gets {@code StandardScaler}'s,
 * fitted outside the timed fit). Each is trained on 2 and on 4 partitions of the same rows:
 * time, time per iteration, final objective, the true mean cross-entropy of the final model, training accuracy, and
 * how far the 2- and 4-partition models are apart (first objective value, final weights).
 *
 * <p>Run through SparkBenchmark ({@code -Dbench.part=mllib}); {@code -Dbench.mllib.rows} and
 * {@code -Dbench.mllib.iterations} change the size.
 */
public final class MllibComparison {

  static final int ROWS = Integer.getInteger("bench.mllib.rows", 200_000);
  static final int ITERATIONS = Integer.getInteger("bench.mllib.iterations", 200);
  static final int[] PARTITIONS = {2, 4};

  private MllibComparison() {
  }

  /** One training: what it took and what it gave. */
  static final class Run {
    String who;
    int partitions;
    double seconds;
    int iterations;
    long evaluations;
    double firstObjective;
    double finalObjective;
    double meanCrossEntropy;
    double accuracy;
    double[] weights;
  }

  public static void main(String[] args) throws Exception {
    run();
  }

  static void run() throws Exception {
    Path base = Paths.get(System.getProperty("user.dir"));
    Path folder = Files.createDirectories(base.resolve("target/bench-mllib"));
    SparkBenchmark.section("MLlib's MultilayerPerceptronClassifier side by side, standalone cluster (1 worker, 2 cores)");
    long g = System.nanoTime();
    Instances data = EngineBenchmark.rbf(4, ROWS, 20);
    File arff = folder.resolve("rbf.arff").toFile();
    ArffSaver saver = new ArffSaver();
    saver.setInstances(data);
    saver.setFile(arff);
    saver.writeBatch();
    System.out.printf(Locale.ROOT, "data: RandomRBF -S 4 -n %d -a 20 -c 2 -C 50, written as ARFF in %.1f s%n", ROWS,
        (System.nanoTime() - g) * 1e-9);

    List<String> opens = Arrays.asList(new String(Files.readAllBytes(base.resolve("target/spark-jvm-options")),
        StandardCharsets.UTF_8).trim().split("\\s+"));
    List<Run> runs = new ArrayList<>();
    try (StandaloneCluster cluster = StandaloneCluster.start(folder.resolve("cluster"),
        System.getProperty("java.class.path"), opens, 2, "3g")) {
      SparkSession spark = SparkSession.builder().master(cluster.url()).appName("MllibComparison")
          .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false").config("spark.executor.memory", "2g")
          .config("spark.local.dir", folder.resolve("local").toString()).getOrCreate();
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      context.setLogLevel("WARN");
      try {
        Instances header = ArffFiles.readHeader(context.hadoopConfiguration(), arff.getPath());
        header.setClassIndex(header.numAttributes() - 1);
        for (int p : PARTITIONS) {
          runs.add(ours(context, header, arff.getPath(), p, data));
          runs.add(mllib(spark, context, header, arff.getPath(), p));
        }
      } finally {
        spark.stop();
      }
    }
    report(runs);
  }

  private static Run ours(JavaSparkContext context, Instances header, String arff, int partitions, Instances data)
      throws Exception {
    JavaRDD<RawRow> rows = ArffFiles.readRows(context, arff, header, partitions);
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions("-tune none -O lbfgs -B 0 -V 0 -R 0 -H 16 -A sigmoid -N " + ITERATIONS
        + " -S 1"));
    long start = System.nanoTime();
    String report = SparkTrainer.train(context, header, rows, classifier);
    Run run = new Run();
    run.who = "BackpropOneHidden";
    run.partitions = rows.getNumPartitions();
    run.seconds = (System.nanoTime() - start) * 1e-9;
    run.iterations = classifier.getTrainingResult().epochs();
    java.util.regex.Matcher evaluations = java.util.regex.Pattern.compile("(\\d+) evaluations").matcher(report);
    run.evaluations = evaluations.find() ? Long.parseLong(evaluations.group(1)) : -1;
    run.firstObjective = classifier.getTrainingResult().initialLoss();
    run.finalObjective = classifier.getTrainingResult().finalLoss();
    double[][] p = classifier.distributionsForInstances(data);
    double loss = 0;
    int correct = 0;
    for (int k = 0; k < p.length; k++) {
      int y = (int) data.instance(k).classValue();
      loss -= Math.log(p[k][y]);
      correct += p[k][y] >= p[k][1 - y] ? 1 : 0;
    }
    run.meanCrossEntropy = loss / p.length;
    run.accuracy = (double) correct / p.length;
    run.weights = classifier.getNetwork().parameters();
    print(run);
    return run;
  }

  private static Run mllib(SparkSession spark, JavaSparkContext context, Instances header, String arff,
      int partitions) throws Exception {
    JavaRDD<RawRow> rows = ArffFiles.readRows(context, arff, header, partitions);
    int classIndex = header.classIndex();
    JavaRDD<Row> table = rows.map(row -> {
      double[] values = row.values();
      double[] features = new double[values.length - 1];
      for (int a = 0, f = 0; a < values.length; a++) {
        if (a != classIndex) {
          features[f++] = values[a];
        }
      }
      return RowFactory.create(values[classIndex], Vectors.dense(features));
    });
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("raw", SQLDataTypes.VectorType(), false)});
    Dataset<Row> raw = spark.createDataFrame(table, schema);
    StandardScalerModel scaler = new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true)
        .setWithStd(true).fit(raw);
    Dataset<Row> train = scaler.transform(raw).select("label", "features").persist(StorageLevel.MEMORY_AND_DISK());
    train.count();
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {header.numAttributes() - 1, 16, header.numClasses()}).setMaxIter(ITERATIONS)
        .setTol(0.0).setSeed(1L).setSolver("l-bfgs");
    long start = System.nanoTime();
    MultilayerPerceptronClassificationModel model = mlp.fit(train);
    Run run = new Run();
    run.who = "MLlib MultilayerPerceptronClassifier";
    run.partitions = train.rdd().getNumPartitions();
    run.seconds = (System.nanoTime() - start) * 1e-9;
    double[] history = model.summary().objectiveHistory();
    run.iterations = history.length - 1;
    run.evaluations = -1;
    run.firstObjective = history[0];
    run.finalObjective = history[history.length - 1];
    List<Row> predicted = model.transform(train).select("label", "probability").collectAsList();
    double loss = 0;
    int correct = 0;
    for (Row row : predicted) {
      int y = (int) row.getDouble(0);
      Vector p = (Vector) row.get(1);
      loss -= Math.log(p.apply(y));
      correct += p.apply(y) >= p.apply(1 - y) ? 1 : 0;
    }
    run.meanCrossEntropy = loss / predicted.size();
    run.accuracy = (double) correct / predicted.size();
    run.weights = model.weights().toArray();
    train.unpersist();
    print(run);
    return run;
  }

  private static void print(Run run) {
    System.out.printf(Locale.ROOT, "%s, %d partitions: %.1f s, %d iterations%s, objective %.6f -> %.6f, mean "
        + "cross-entropy %.6f, training accuracy %.2f %%%n", run.who, run.partitions, run.seconds, run.iterations,
        run.evaluations >= 0 ? " (" + run.evaluations + " evaluations)" : "", run.firstObjective, run.finalObjective,
        run.meanCrossEntropy, 100 * run.accuracy);
  }

  private static void report(List<Run> runs) {
    SparkBenchmark.section("Summary: " + ROWS + " x 20, layers [20, 16, 2], L-BFGS, at most " + ITERATIONS
        + " iterations, 1 worker with 2 cores");
    System.out.println("| trainer | partitions | time, s | iterations | time per iteration, ms | first objective |"
        + " final objective | mean cross-entropy of the final model | training accuracy |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Run run : runs) {
      System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %d%s | %.0f | %.6f | %.6f | %.6f | %.2f %% |%n", run.who,
          run.partitions, run.seconds, run.iterations, run.evaluations >= 0 ? " (" + run.evaluations
          + " evaluations)" : "", 1000 * run.seconds / Math.max(1, run.iterations), run.firstObjective,
          run.finalObjective, run.meanCrossEntropy, 100 * run.accuracy);
    }
    System.out.println();
    System.out.println("Partition dependence (2 against 4 partitions, same data, seed and initial weights):");
    for (String who : new String[] {"BackpropOneHidden", "MLlib MultilayerPerceptronClassifier"}) {
      Run a = null;
      Run b = null;
      for (Run run : runs) {
        if (run.who.equals(who)) {
          if (a == null) {
            a = run;
          } else {
            b = run;
          }
        }
      }
      double largest = 0;
      for (int i = 0; i < a.weights.length; i++) {
        largest = Math.max(largest, Math.abs(a.weights[i] - b.weights[i]));
      }
      System.out.printf(Locale.ROOT, "%s: first objective %.17g vs %.17g (relative difference %.2g); final weights"
          + " differ by up to %.3g%s%n", who, a.firstObjective, b.firstObjective,
          Math.abs(a.firstObjective - b.firstObjective) / Math.abs(a.firstObjective), largest,
          largest == 0 ? " (bit-identical)" : "");
    }
  }
}
