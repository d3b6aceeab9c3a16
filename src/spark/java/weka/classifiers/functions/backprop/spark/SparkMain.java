package weka.classifiers.functions.backprop.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The command line for {@code spark-submit}: trains BackpropOneHidden on an ARFF file (or a CSV file with a
 * header line, {@link DatasetRows}) that Spark reads from any Hadoop path, and writes the model as Weka's {@code -d} does (the classifier, then the training header),
 * so that {@code weka.Run BackpropOneHidden -l model -T test.arff} and the Explorer load it.
 *
 * <pre>
 * spark-submit --class weka.classifiers.functions.backprop.spark.SparkMain [--master …] \
 *   --jars weka-stable-3.8.6.jar,backpropOneHidden-1.1.0.jar backpropOneHidden-1.1.0-spark.jar \
 *   -t data.arff -d model.model [-c last] [-partitions n] [BackpropOneHidden options, e.g. -B 0 -O lbfgs]
 * </pre>
 * Without a master (plain {@code java}), Spark runs locally on all cores.
 */
public final class SparkMain {

  private SparkMain() {
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    try {
      System.out.println(run(args));
    } catch (Exception e) {
      // an error raised in a task (bad data) reaches the driver wrapped in Spark's job failure: say the cause
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      boolean userError = cause instanceof IllegalArgumentException || cause instanceof IOException;
      System.err.println("BackpropOneHidden on Spark: " + (userError ? cause.getMessage() : cause.toString()));
      if (userError && cause == e) {
        System.err.println(usage());
      }
      System.exit(1);
    }
  }

  /**
   * Trains and saves the model.
   *
   * @param args the command line
   * @return what was done, then the model text
   * @throws Exception if an option is wrong or the data cannot be read or trained on
   */
  public static String run(String[] args) throws Exception {
    String[] options = args.clone();
    String data = Utils.getOption('t', options);
    String model = Utils.getOption('d', options);
    String classOption = Utils.getOption('c', options);
    String partitionsOption = Utils.getOption("partitions", options);
    if (data.isEmpty() || model.isEmpty()) {
      throw new IllegalArgumentException("both -t <training ARFF path> and -d <model output path> are required");
    }
    int partitions = partitionsOption.isEmpty() ? 0 : parsePositive(partitionsOption);
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(options);

    SparkConf conf = new SparkConf().setAppName("BackpropOneHidden");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = context.hadoopConfiguration();
    Instances header;
    JavaRDD<RawRow> rows;
    if (isCsv(data)) {
      Dataset<Row> table = DatasetRows.readCsv(spark, data);
      if (partitions > 0) {
        table = table.repartition(partitions);
      }
      header = DatasetRows.header(table, classColumn(table.columns(), classOption));
      rows = DatasetRows.rows(table, header);
    } else {
      header = ArffFiles.readHeader(hadoop, data);
      setClass(header, classOption);
      rows = ArffFiles.readRows(context, data, header, partitions > 0 ? partitions : context.defaultMinPartitions());
    }
    String report = SparkTrainer.train(context, header, rows, classifier);
    save(hadoop, model, classifier, header);
    return report + "\nmodel written to " + model + "\n\n" + classifier;
  }

  private static int parsePositive(String text) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("-partitions must be a whole number >= 1, got '" + text + "'");
  }

  /** @return true for a .csv file (gzip-compressed or not), read by Spark's CSV reader */
  private static boolean isCsv(String path) {
    String name = path.toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".csv") || name.endsWith(".csv.gz");
  }

  /** The class column of a CSV file: "first", "last" (the default), a 1-based index or a column name. */
  private static String classColumn(String[] columns, String option) {
    if (option.isEmpty() || option.equalsIgnoreCase("last")) {
      return columns[columns.length - 1];
    }
    if (option.equalsIgnoreCase("first")) {
      return columns[0];
    }
    if (option.matches("\\d+")) {
      int index = Integer.parseInt(option);
      if (index < 1 || index > columns.length) {
        throw new IllegalArgumentException("-c " + index + " is outside 1.." + columns.length);
      }
      return columns[index - 1];
    }
    return option;
  }

  /** Sets the class: "first", "last" (the default) or a 1-based index, as Weka's -c. */
  private static void setClass(Instances header, String option) {
    if (option.isEmpty() || option.equalsIgnoreCase("last")) {
      header.setClassIndex(header.numAttributes() - 1);
    } else if (option.equalsIgnoreCase("first")) {
      header.setClassIndex(0);
    } else {
      int index;
      try {
        index = Integer.parseInt(option.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-c must be first, last or an attribute index, got '" + option + "'");
      }
      if (index < 1 || index > header.numAttributes()) {
        throw new IllegalArgumentException("-c " + index + " is outside 1.." + header.numAttributes());
      }
      header.setClassIndex(index - 1);
    }
  }

  /**
   * Writes the classifier and the header, as Weka's -d does, to the path resolved as -t is (a path without a
   * scheme is on Hadoop's default file system: the local disk unless the cluster sets another), without
   * Hadoop's checksum side files.
   */
  private static void save(Configuration hadoop, String path, BackpropOneHidden classifier, Instances header)
      throws IOException {
    Path file = new Path(path);
    FileSystem fileSystem = file.getFileSystem(hadoop);
    fileSystem.setWriteChecksum(false);
    try (ObjectOutputStream objects = new ObjectOutputStream(new BufferedOutputStream(fileSystem.create(file, true)))) {
      objects.writeObject(classifier);
      objects.writeObject(new Instances(header, 0));
    }
  }

  private static String usage() {
    return "usage: spark-submit --class " + SparkMain.class.getName() + " <jars> -t <ARFF or CSV path> -d <model path> "
        + "[-c first|last|<index>|<CSV column>] [-partitions <n>] [BackpropOneHidden options; -B 0 required, e.g. -B 0 -O lbfgs]";
  }
}
