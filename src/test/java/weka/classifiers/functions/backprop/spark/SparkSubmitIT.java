package weka.classifiers.functions.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ChildJvmAccess;

/**
 * End to end, as a user runs it (a Maven integration test: it needs the packaged jars): Spark's own
 * {@code spark-submit} entry point ({@code org.apache.spark.deploy.SparkSubmit}, what the spark-submit script
 * runs) in a JVM whose class path holds Spark's jars only, with the adapter jar as the application and the
 * core jar and Weka's jar passed with {@code --jars}, on a local Spark (local[2], loopback only), trains from an
 * ARFF file and writes the model; then {@code weka.Run BackpropOneHidden -l model -T data} in another JVM,
 * whose class path has Weka's jars and the package's classes but no Spark, loads and evaluates it.
 */
class SparkSubmitIT {

  private static final long TIMEOUT_SECONDS = 180;
  /** credit-g's majority class is 70 %; the local defaults reach about 75 % in cross-validation. */
  private static final double MIN_TRAINING_ACCURACY = 72.0;

  @Test
  void trainOnSparkThenLoadAndEvaluateWithWeka() throws Exception {
    Path base = Paths.get(System.getProperty("basedir", "."));
    Path data = base.resolve("target/data/credit-g.arff");
    assertTrue(Files.isRegularFile(data), data + " is missing: run the tests through Maven");
    Path folder = Files.createDirectories(base.resolve("target/spark-e2e"));
    Path model = folder.resolve("credit-g.model");
    Files.deleteIfExists(model);

    Path target = base.resolve("target");
    String version = System.getProperty("project.version");
    Path coreJar = target.resolve("backpropOneHidden-" + version + ".jar");
    Path sparkJar = target.resolve("backpropOneHidden-" + version + "-spark.jar");
    assertTrue(Files.isRegularFile(coreJar) && Files.isRegularFile(sparkJar), "the jars are built by mvn package");
    String wekaJar = null;
    List<String> sparkClassPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (entry.contains("weka-stable") && !entry.contains("tests")) {
        wekaJar = entry;
      } else if (!entry.startsWith(target.toString()) && !entry.contains("/nz/ac/waikato/")
          && !entry.contains("junit") && !entry.contains("opentest4j") && !entry.contains("apiguardian")) {
        sparkClassPath.add(entry);
      }
    }
    assertTrue(wekaJar != null, "weka-stable's jar is not on the test class path");

    List<String> jvm = new ArrayList<>(Arrays.asList(System.getProperty("spark.jvm.opens", "").trim().split("\\s+")));
    ChildJvmAccess.Result train = ChildJvmAccess.runWithClassPath(String.join(java.io.File.pathSeparator,
        sparkClassPath), jvm, TIMEOUT_SECONDS, "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--class", "weka.classifiers.functions.backprop.spark.SparkMain",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--jars", wekaJar + "," + coreJar, sparkJar.toString(),
        "-t", data.toString(), "-d", model.toString(), "-partitions", "3",
        "-B", "0", "-O", "lbfgs", "-N", "100", "-V", "0.1", "-S", "1");
    assertEquals(0, train.exitCode, "spark-submit failed:\n" + train.output);
    assertTrue(train.output.contains("trained on "), train.output);
    assertTrue(Files.size(model) > 0, "no model written");

    ChildJvmAccess.Result evaluate = ChildJvmAccess.runWithWekaOnly(
        Collections.singletonList("-Djava.awt.headless=true"), TIMEOUT_SECONDS, "weka.Run", "BackpropOneHidden",
        "-l", model.toString(), "-T", data.toString());
    assertEquals(0, evaluate.exitCode, "weka.Run -l failed:\n" + evaluate.output);
    Matcher correct = Pattern.compile("Correctly Classified Instances\\s+(\\d+)\\s+([0-9.]+)\\s*%")
        .matcher(evaluate.output);
    assertTrue(correct.find(), "no accuracy in:\n" + evaluate.output);
    double accuracy = Double.parseDouble(correct.group(2));
    assertTrue(accuracy >= MIN_TRAINING_ACCURACY, "accuracy " + accuracy + " % on the training data:\n"
        + evaluate.output);
  }
}
