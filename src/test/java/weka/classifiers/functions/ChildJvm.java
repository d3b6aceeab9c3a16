package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs a main class in a child JVM on this project's classes plus Weka's jars, with WEKA_HOME in target/. */
final class ChildJvm {

  /** The exit code and the merged standard output and error of a child JVM. */
  static final class Result {
    final int exitCode;
    final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  private ChildJvm() {
  }

  /** @return target/classes, target/test-classes and target/weka-lib's jars */
  static String projectClassPath() throws IOException {
    Path target = TestSupport.targetDir();
    List<String> entries = new ArrayList<>();
    entries.add(target.resolve("classes").toString());
    entries.add(target.resolve("test-classes").toString());
    try (Stream<Path> files = Files.list(target.resolve("weka-lib"))) {
      entries.addAll(files.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString)
          .collect(Collectors.toList()));
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /**
   * @param environment extra environment variables (e.g. DISPLAY)
   * @param jvmOptions options before the main class (e.g. -Djava.awt.headless=false)
   * @param timeoutSeconds how long the child may run
   */
  static Result run(Map<String, String> environment, List<String> jvmOptions, long timeoutSeconds,
      String mainClass, String... args) throws Exception {
    return run(projectClassPath(), environment, jvmOptions, timeoutSeconds, mainClass, args);
  }

  /** As {@link #run(Map, List, long, String, String...)}, with the given class path. */
  static Result run(String classPath, Map<String, String> environment, List<String> jvmOptions,
      long timeoutSeconds, String mainClass, String... args) throws Exception {
    return run(TestSupport.targetDir().resolve("wekahome"), classPath, environment, jvmOptions, timeoutSeconds,
        mainClass, args);
  }

  /** As {@link #run(String, Map, List, long, String, String...)}, with the given WEKA_HOME. */
  static Result run(Path wekaHome, String classPath, Map<String, String> environment, List<String> jvmOptions,
      long timeoutSeconds, String mainClass, String... args) throws Exception {
    Files.createDirectories(wekaHome);
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-DWEKA_HOME=" + wekaHome);
    command.add("-Dweka.packageManager.offline=true");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(TestSupport.baseDir().toFile());
    builder.environment().put("WEKA_HOME", wekaHome.toString());
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    Path log = Files.createTempFile(wekaHome, "child-", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    if (!finished) {
      fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n" + output);
    }
    return new Result(process.exitValue(), output);
  }
}
