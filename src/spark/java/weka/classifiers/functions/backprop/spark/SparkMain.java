package weka.classifiers.functions.backprop.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import scala.Tuple2;

import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.backprop.Kernels;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The command line for {@code spark-submit}: trains BackpropOneHidden on an ARFF file (or a CSV file with a
 * header line, {@link DatasetRows}) that Spark reads from any Hadoop path, and writes the model as Weka's
 * {@code -d} does (the classifier, then the training header), so that
 * {@code weka.Run BackpropOneHidden -l model -T test.arff} and the Explorer load it.
 *
 * <pre>
 * spark-submit --class weka.classifiers.functions.backprop.spark.SparkMain [--master …] \
 *   --jars target/weka-lib/weka-stable-3.8.6.jar,target/backpropOneHidden-1.3.2.jar \
 *   target/backpropOneHidden-1.3.2-spark.jar \
 *   -t data.arff -d model.model [-c last] [-partitions n] [-kernels scalar|vector] [-spark-log WARN]
 *   [-mixed-as-nominal] [BackpropOneHidden options, e.g. -B 0 -O lbfgs]
 * </pre>
 * Without a master (plain {@code java}), Spark runs locally on all cores. Spark's own logging is set to WARN
 * unless {@code -spark-log} says otherwise. Every failure a user can act on (an option, a missing or empty file, a
 * bad cell, a master that does not answer) ends the run with one line on standard error naming it, and exit code 1.
 */
public final class SparkMain {

  /** How long to wait for a standalone master to accept a connection before saying it does not answer. */
  static final int MASTER_TIMEOUT_MILLIS = 5000;

  private SparkMain() {
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    int status = 0;
    try {
      String level = logLevel(Utils.getOption("spark-log", args.clone()));
      SparkLogging.set(level);
      System.out.println(run(args));
    } catch (Exception e) {
      System.err.println("BackpropOneHidden on Spark: " + message(e));
      status = 1;
    } finally {
      if (SparkSession.getDefaultSession().isDefined()) {
        SparkSession.getDefaultSession().get().stop(); // a clean stop: nothing left to complain at exit
      }
    }
    System.exit(status);
  }

  /**
   * @return the message a user can act on: the first exception in the chain that says what is wrong with the
   *     input or the options (Spark wraps a task's exception in its own), else the innermost one's
   */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if ((t instanceof IllegalArgumentException || t instanceof IOException) && t.getMessage() != null) {
        return t.getMessage();
      }
      if (t.getCause() == null) {
        return t.toString();
      }
    }
    return e.toString();
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
    String kernelsOption = Utils.getOption("kernels", options);
    String level = logLevel(Utils.getOption("spark-log", options));
    boolean mixedAsNominal = Utils.getFlag("mixed-as-nominal", options);
    if (data.isEmpty() || model.isEmpty()) {
      throw new IllegalArgumentException("both -t <training ARFF or CSV path> and -d <model output path> are "
          + "required; " + usage());
    }
    int partitions = partitionsOption.isEmpty() ? 0 : parsePositive(partitionsOption);
    Kernels kernels = kernelsOption.isEmpty() ? null : Kernels.fromOptionName(kernelsOption);
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(options);

    SparkConf conf = new SparkConf().setAppName("BackpropOneHidden");
    conf.setIfMissing("spark.log.level", level); // Spark applies it as it starts
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    SparkSession spark;
    if (SparkSession.getDefaultSession().isDefined()) {
      spark = SparkSession.getDefaultSession().get(); // a session this JVM already runs, as it is
    } else {
      checkMasterAnswers(conf.get("spark.master"));
      spark = SparkSession.builder().config(conf).getOrCreate();
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    context.setLogLevel(level);
    Configuration hadoop = context.hadoopConfiguration();
    checkReadable(hadoop, data);
    Instances header;
    JavaRDD<RawRow> rows;
    if (isCsv(data)) {
      Dataset<Row> table = DatasetRows.readCsv(spark, data);
      if (table.columns().length == 0 || table.isEmpty()) {
        throw new IllegalArgumentException(data + " has " + (table.columns().length == 0 ? "no header line"
            : "a header line but no data rows") + ": nothing to train on");
      }
      try {
        header = DatasetRows.header(table, classColumn(table.columns(), classOption), mixedAsNominal);
      } catch (MixedColumnException e) {
        throw new IllegalArgumentException(locate(context, data, e), e);
      }
      rows = DatasetRows.rows(table, header);
    } else {
      header = ArffFiles.readHeader(hadoop, data);
      setClass(header, classOption);
      rows = ArffFiles.readRows(context, data, header, partitions > 0 ? partitions : context.defaultMinPartitions());
    }
    String report = SparkTrainer.train(context, header, rows, classifier, kernels, partitions);
    save(hadoop, model, classifier, header);
    return report + "\nmodel written to " + model + "\n\n" + classifier;
  }

  /** @return the level, checked: one of log4j's (OFF, ERROR, WARN, INFO, DEBUG, TRACE, ALL); WARN if none given */
  static String logLevel(String option) {
    if (option.isEmpty()) {
      return "WARN";
    }
    String level = option.trim().toUpperCase(Locale.ROOT);
    if (!java.util.Arrays.asList("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL").contains(level)) {
      throw new IllegalArgumentException("-spark-log must be one of OFF, ERROR, WARN, INFO, DEBUG, TRACE, ALL, got '"
          + option + "'");
    }
    return level;
  }

  /**
   * A standalone master (spark://host:port[,host:port…]) that accepts no connection would make Spark retry for a
   * minute and then fail with an unrelated message: refuse at once instead.
   */
  static void checkMasterAnswers(String master) {
    if (!master.startsWith("spark://")) {
      return;
    }
    String reason = null;
    for (String address : master.substring("spark://".length()).split(",")) {
      int colon = address.lastIndexOf(':');
      String host = colon < 0 ? address : address.substring(0, colon);
      int port = 7077;
      try {
        port = colon < 0 ? 7077 : Integer.parseInt(address.substring(colon + 1).replaceAll("/.*", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the master URL " + master + " has no valid port");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), MASTER_TIMEOUT_MILLIS);
        return;
      } catch (IOException e) {
        reason = e.getMessage() == null ? e.toString() : e.getMessage();
      }
    }
    throw new IllegalArgumentException("no Spark master answers at " + master + " (" + reason + "): is it running, "
        + "and is the address the one it printed?");
  }

  /** A missing or empty data file is named at once, before Spark reads it. */
  private static void checkReadable(Configuration hadoop, String data) throws IOException {
    Path path = new Path(data);
    FileSystem fileSystem = path.getFileSystem(hadoop);
    FileStatus status;
    try {
      status = fileSystem.getFileStatus(path);
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("no such file: " + data);
    }
    if (status.isFile() && status.getLen() == 0) {
      throw new IllegalArgumentException(data + " is empty: nothing to train on");
    }
  }

  /**
   * @return the message for a CSV column that holds numbers and other text, naming the first such cell's line
   *     (in the whole file) and column
   */
  private static String locate(JavaSparkContext context, String path, MixedColumnException e) {
    JavaRDD<String> lines = context.textFile(path);
    List<String> names = BadCell.cells(lines.first());
    int column = names.indexOf(e.column());
    if (column < 0) {
      return path + ": " + e.getMessage();
    }
    List<Tuple2<String, Long>> first = lines.zipWithIndex().filter(line -> {
      if (line._2() == 0) {
        return false;
      }
      List<String> cells = BadCell.cells(line._1());
      String cell = column < cells.size() ? cells.get(column) : "";
      return !cell.isEmpty() && !cell.equals("?") && !BadCell.isNumber(cell);
    }).take(1);
    if (first.isEmpty()) {
      return path + ": " + e.getMessage();
    }
    String cell = BadCell.cells(first.get(0)._1()).get(column);
    return path + ", line " + (first.get(0)._2() + 1) + ", column " + (column + 1) + " ('" + e.column() + "'): '"
        + cell + "' is not a number, but the column's other values are: fix the cell, or give -mixed-as-nominal "
        + "to read the column as nominal";
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
    String name = path.toLowerCase(Locale.ROOT);
    return name.endsWith(".csv") || name.endsWith(".csv.gz");
  }

  /** The class column of a CSV file: "first", "last" (the default), a 1-based index or a column name. */
  private static String classColumn(String[] columns, String option) {
    List<String> names = java.util.Arrays.asList(columns);
    return names.get(classIndex(names, option));
  }

  /** Sets the class of an ARFF header: "first", "last" (the default), a 1-based index or an attribute name. */
  private static void setClass(Instances header, String option) {
    List<String> names = new ArrayList<>();
    for (int a = 0; a < header.numAttributes(); a++) {
      names.add(header.attribute(a).name());
    }
    header.setClassIndex(classIndex(names, option));
  }

  /** @return the 0-based index the -c option names among the columns */
  private static int classIndex(List<String> names, String option) {
    String text = option.trim();
    if (text.isEmpty() || text.equalsIgnoreCase("last")) {
      return names.size() - 1;
    }
    if (text.equalsIgnoreCase("first")) {
      return 0;
    }
    if (text.matches("\\d+")) {
      int index = Integer.parseInt(text);
      if (index < 1 || index > names.size()) {
        throw new IllegalArgumentException("-c " + index + " is outside 1.." + names.size());
      }
      return index - 1;
    }
    int index = names.indexOf(option);
    if (index < 0) {
      throw new IllegalArgumentException("-c: no column named '" + option + "' (the columns: "
          + String.join(", ", names.subList(0, Math.min(names.size(), 20))) + (names.size() > 20 ? ", …" : "")
          + ")");
    }
    return index;
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
    return "usage: spark-submit --class " + SparkMain.class.getName() + " <jars> -t <ARFF or CSV path> -d <model "
        + "path> [-c first|last|<index>|<name>] [-partitions <n>] [-kernels scalar|vector] [-spark-log <level>] "
        + "[-mixed-as-nominal] [BackpropOneHidden options; -B 0 required, e.g. -B 0 -O lbfgs]";
  }
}
