package weka.classifiers.functions.backprop.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark (local[2], loopback only, no web UI) shared by the Spark tests of a test run, stopped when
 * the JVM exits.
 */
final class LocalSpark {

  private static SparkSession session;

  private LocalSpark() {
  }

  static synchronized JavaSparkContext context() {
    if (session == null) {
      session = SparkSession.builder().master("local[2]").appName("BackpropOneHidden tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.local.dir", System.getProperty("java.io.tmpdir"))
          .getOrCreate();
      SparkSession stopping = session;
      Runtime.getRuntime().addShutdownHook(new Thread(stopping::stop));
    }
    return JavaSparkContext.fromSparkContext(session.sparkContext());
  }
}
