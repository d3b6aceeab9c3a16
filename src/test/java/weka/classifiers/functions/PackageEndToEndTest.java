package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The built package zip as a user gets it: installed offline by Weka's package manager into a fresh Weka home
 * under target/, then found and run by {@code weka.Run} in a child JVM whose class path holds only Weka's own
 * jars (target/weka-lib), never target/classes, so the classifier can come only from the installed package.
 */
class PackageEndToEndTest {

  private static final long TIMEOUT_SECONDS = 120;
  private static final double MIN_CV_ACCURACY = 93.0;

  @Test
  void installedPackageCrossValidatesIrisFromWekaRun() throws Exception {
    String zipProperty = System.getProperty("backprop.package.zip");
    assertTrue(zipProperty != null, "system property backprop.package.zip is not set (pom.xml's surefire sets it)");
    Path zip = Paths.get(zipProperty);
    assertTrue(Files.isRegularFile(zip), zip + " is missing: the process-classes phase builds it");
    Path target = TestSupport.targetDir();
    Path iris = target.resolve("data").resolve("iris.arff");
    assertTrue(Files.isRegularFile(iris), iris + " is missing");
    Path wekaHome = Files.createTempDirectory(target, "e2e-wekahome-");

    String install = runWeka(wekaHome, "weka.core.WekaPackageManager", "-offline", "-install-package",
        zip.toString());
    assertTrue(Files.isRegularFile(wekaHome.resolve("packages/BackpropOneHidden/BackpropOneHidden.jar")),
        "package not installed under " + wekaHome + "; install output:\n" + install);

    String installed = runWeka(wekaHome, "weka.core.WekaPackageManager", "-offline", "-list-packages",
        "installed");
    String version = packageVersion();
    assertTrue(Pattern.compile("(?m)^" + Pattern.quote(version) + "\\s.*\\bBackpropOneHidden:").matcher(installed)
        .find(), "BackpropOneHidden " + version + " not listed as installed:\n" + installed);

    // a numeric class (iris's petal width, -c 4): Weka's regression summary
    String regression = runWeka(wekaHome, "weka.Run", "BackpropOneHidden", "-t", iris.toString(), "-c", "4", "-x",
        "10");
    assertTrue(regression.contains("-> 1 linear output"), regression);
    Matcher rrse = Pattern.compile("=== Cross-validation ===[\\s\\S]*Root relative squared error\\s+([0-9.]+)\\s*%")
        .matcher(regression);
    assertTrue(rrse.find(), "no regression summary after cross-validation in:\n" + regression);
    assertTrue(Double.parseDouble(rrse.group(1)) < 40, rrse.group());

    String run = runWeka(wekaHome, "weka.Run", "BackpropOneHidden", "-t", iris.toString(), "-x", "10");
    assertTrue(run.contains("BackpropOneHidden\n================="), "no model text in:\n" + run);
    int cv = run.indexOf("=== Stratified cross-validation ===");
    assertTrue(cv >= 0, "no cross-validation section in:\n" + run);
    Matcher correct = Pattern.compile("Correctly Classified Instances\\s+(\\d+)\\s+([0-9.]+)\\s*%")
        .matcher(run.substring(cv));
    assertTrue(correct.find(), "no 'Correctly Classified Instances' line after cross-validation in:\n" + run);
    double accuracy = Double.parseDouble(correct.group(2));
    assertEquals(150 * accuracy / 100, Integer.parseInt(correct.group(1)), 0.5, correct.group());
    assertTrue(accuracy >= MIN_CV_ACCURACY, "10-fold cross-validated accuracy " + accuracy + "% < "
        + MIN_CV_ACCURACY + "%:\n" + run);

    // the multi-release jar's Vector API kernels load through Weka's package class loader when the JVM has the
    // module, and only then
    String[] debugRun = {"BackpropOneHidden", "-t", iris.toString(), "-no-cv", "-force-batch-training", "-D", "-N", "2"};
    String scalar = runWeka(wekaHome, "weka.Run", debugRun);
    assertTrue(scalar.contains("activation kernels: scalar"), scalar);
    ChildJvm.Result vector = ChildJvm.run(wekaHome, wekaClassPath(), java.util.Collections.emptyMap(),
        java.util.Arrays.asList("-Djava.awt.headless=true", "--add-modules=jdk.incubator.vector"), TIMEOUT_SECONDS,
        "weka.Run", debugRun);
    assertTrue(vector.output.contains("activation kernels: vector (jdk.incubator.vector"), vector.output);
    deleteRecursively(wekaHome); // kept when the test fails, for a look
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /**
   * Runs a Weka main class in a child JVM with Weka's jars only and the given Weka home.
   *
   * @return the child's standard output and error
   */
  private static String runWeka(Path wekaHome, String mainClass, String... args) throws Exception {
    ChildJvm.Result result = ChildJvm.run(wekaHome, wekaClassPath(), java.util.Collections.emptyMap(),
        java.util.Collections.singletonList("-Djava.awt.headless=true"), TIMEOUT_SECONDS, mainClass, args);
    assertEquals(0, result.exitCode, "exit code of " + mainClass + " " + String.join(" ", args) + "\n"
        + result.output);
    return result.output;
  }

  /** @return target/weka-lib's jars: Weka and its dependencies, nothing of this project */
  private static String wekaClassPath() throws IOException {
    Path lib = TestSupport.targetDir().resolve("weka-lib");
    List<String> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(lib)) {
      files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
    }
    assertTrue(jars.stream().anyMatch(j -> j.contains("weka-stable")), "no Weka jar in " + lib + ": " + jars);
    assertTrue(jars.stream().noneMatch(j -> j.contains("BackpropOneHidden") || j.contains("backpropOneHidden")),
        "the project's own jar must not be on the child's class path: " + jars);
    return String.join(File.pathSeparator, jars);
  }

  /** The package's version, as Description.props (in the project's folder, the tests' working directory) says. */
  private static String packageVersion() throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(Paths.get("Description.props"))) {
      props.load(in);
    }
    String version = props.getProperty("Version");
    assertTrue(version != null && version.matches("\\d+\\.\\d+\\.\\d+"), "Description.props has no version: " + version);
    return version;
  }
}
