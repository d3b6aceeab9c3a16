package weka.classifiers.functions;

import java.util.List;
import java.util.Map;

/** {@link ChildJvm} for tests in other packages. */
public final class ChildJvmAccess {

  /** The exit code and output of a child JVM. */
  public static final class Result {
    public final int exitCode;
    public final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  private ChildJvmAccess() {
  }

  /**
   * Runs a main class in a child JVM on this JVM's class path (the whole test class path: Weka's class discovery
   * in the child then finds the same classes as here).
   *
   * @see ChildJvm#run
   */
  public static Result run(Map<String, String> environment, List<String> jvmOptions, long timeoutSeconds,
      String mainClass, String... args) throws Exception {
    ChildJvm.Result result = ChildJvm.run(System.getProperty("java.class.path"), environment, jvmOptions,
        timeoutSeconds, mainClass, args);
    return new Result(result.exitCode, result.output);
  }

  /**
   * Runs a main class in a child JVM whose class path holds the project's classes and Weka's jars only (no
   * Spark, no test dependencies).
   *
   * @see ChildJvm#run
   */
  public static Result runWithWekaOnly(List<String> jvmOptions, long timeoutSeconds, String mainClass,
      String... args) throws Exception {
    ChildJvm.Result result = ChildJvm.run(ChildJvm.projectClassPath(), java.util.Collections.emptyMap(), jvmOptions,
        timeoutSeconds, mainClass, args);
    return new Result(result.exitCode, result.output);
  }

  /**
   * Runs a main class in a child JVM with the given class path.
   *
   * @see ChildJvm#run
   */
  public static Result runWithClassPath(String classPath, List<String> jvmOptions, long timeoutSeconds,
      String mainClass, String... args) throws Exception {
    ChildJvm.Result result = ChildJvm.run(classPath, java.util.Collections.emptyMap(), jvmOptions, timeoutSeconds,
        mainClass, args);
    return new Result(result.exitCode, result.output);
  }
}
