package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ChildJvmAccess;

/**
 * The multi-release jar's Vector API activation kernels, as a user gets them (a Maven integration test: it needs
 * the packaged jar): a JVM started with {@code --add-modules jdk.incubator.vector} trains with them, one started
 * without (or with {@code -Dbackprop.vector=false}) with the scalar kernels; the vector model is bit-identical
 * for 1 and 3 threads and within 1e-9 of the scalar model (on credit-g; measured: 2.2e-16). The model records its
 * kernels: loaded in a JVM without the Vector API, a vector model predicts bit for bit as in the JVM that trained
 * it (the same formulas one value at a time), and those formulas equal the Vector API kernels bit for bit on every
 * row length.
 */
class VectorKernelsIT {

  private static final long TIMEOUT_SECONDS = 120;
  private static final String VECTOR = "--add-modules=jdk.incubator.vector";

  private static String classPath() throws Exception {
    Path base = Paths.get(System.getProperty("basedir", "."));
    Path target = base.resolve("target");
    List<String> classPath = new ArrayList<>();
    classPath.add(target.resolve("backpropOneHidden-" + System.getProperty("project.version") + ".jar").toString());
    classPath.add(target.resolve("test-classes").toString());
    try (Stream<Path> jars = Files.list(target.resolve("weka-lib"))) {
      classPath.addAll(jars.map(Path::toString).sorted().collect(Collectors.toList()));
    }
    return String.join(File.pathSeparator, classPath);
  }

  private static Path target() {
    return Paths.get(System.getProperty("basedir", ".")).resolve("target");
  }

  private static List<String> probe(List<String> jvmOptions, String threads) throws Exception {
    Path model = Files.createTempFile(target(), "vector-kernels", ".model");
    try {
      return probe(jvmOptions, "train", model.toString(), "-tune", "none", "-H", "16", "-A", "tanh", "-N", "60",
          "-num-threads", threads, "-S", "3");
    } finally {
      Files.deleteIfExists(model);
    }
  }

  private static List<String> probe(List<String> jvmOptions, String mode, String model, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(Arrays.asList(mode, target().resolve("data/credit-g.arff").toString(), model));
    args.addAll(Arrays.asList(options));
    ChildJvmAccess.Result result = ChildJvmAccess.runWithClassPath(classPath(), jvmOptions, TIMEOUT_SECONDS,
        VectorKernelsProbe.class.getName(), args.toArray(new String[0]));
    assertEquals(0, result.exitCode, result.output);
    List<String> lines = new ArrayList<>();
    for (String line : result.output.split("\n")) {
      if (line.startsWith("kernels: ") || line.startsWith("p ")) {
        lines.add(line);
      }
    }
    assertEquals(1001, lines.size(), result.output);
    return lines;
  }

  @Test
  void vectorKernelsRunOnlyWithTheModuleAndAgreeWithTheScalarOnes() throws Exception {
    List<String> scalar = probe(Arrays.asList("-Djava.awt.headless=true"), "1");
    List<String> vector1 = probe(Arrays.asList(VECTOR, "-Djava.awt.headless=true"), "1");
    List<String> vector3 = probe(Arrays.asList(VECTOR, "-Djava.awt.headless=true"), "3");
    List<String> optedOut = probe(Arrays.asList(VECTOR, "-Dbackprop.vector=false"), "1");
    assertEquals("kernels: scalar", scalar.get(0));
    assertTrue(vector1.get(0).startsWith("kernels: vector"), vector1.get(0));
    assertEquals(scalar, optedOut, "-Dbackprop.vector=false gives the scalar model exactly");
    assertEquals(vector1, vector3, "vector kernels: bit-identical for 1 and 3 threads");
    double largest = 0;
    for (int k = 1; k < scalar.size(); k++) {
      String[] a = scalar.get(k).split(" ");
      String[] b = vector1.get(k).split(" ");
      for (int c = 1; c < a.length; c++) {
        largest = Math.max(largest, Math.abs(Double.parseDouble(a[c]) - Double.parseDouble(b[c])));
      }
    }
    // the kernels really differ (the vector exp rounds some values to the other neighbour), but only by rounding
    assertTrue(largest > 0, "the vector kernels gave exactly the scalar model: were they used?");
    assertTrue(largest <= 1e-9, "vector and scalar kernels' predictions differ by " + largest);
    System.out.println("VectorKernelsIT: largest difference of a predicted probability, vector vs scalar: " + largest);
  }

  @Test
  void aVectorModelPredictsTheSameBitsInAJvmWithoutTheVectorApi() throws Exception {
    Path model = Files.createTempFile(target(), "vector-kernels", ".model");
    List<String> trained = probe(Arrays.asList(VECTOR, "-Djava.awt.headless=true"), "train", model.toString(),
        "-tune", "none", "-H", "13", "-A", "sigmoid", "-N", "30", "-S", "5");
    assertTrue(trained.get(0).startsWith("kernels: vector (jdk.incubator.vector"), trained.get(0));
    List<String> elsewhere = probe(Arrays.asList("-Djava.awt.headless=true"), "predict", model.toString());
    assertTrue(elsewhere.get(0).startsWith("kernels: vector (the Vector API kernels' formulas, one value"),
        elsewhere.get(0));
    assertEquals(trained.subList(1, trained.size()), elsewhere.subList(1, elsewhere.size()),
        "a vector model loaded in a JVM without the Vector API predicts other bits");
    Files.delete(model);
  }

  @Test
  void theVectorFormulasOneValueAtATimeEqualTheVectorApiKernels() throws Exception {
    ChildJvmAccess.Result result = ChildJvmAccess.runWithClassPath(classPath(),
        Arrays.asList(VECTOR, "-Djava.awt.headless=true"), TIMEOUT_SECONDS, VectorKernelsProbe.class.getName(),
        "formula");
    assertEquals(0, result.exitCode, result.output);
    assertTrue(result.output.contains("vector kernels: vector (jdk.incubator.vector"), result.output);
    assertTrue(result.output.contains("mismatches: 0"), result.output);
  }
}
