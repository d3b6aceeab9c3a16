package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import junit.framework.TestFailure;
import junit.framework.TestResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import weka.test.Regression;

/**
 * Runs Weka's {@code AbstractClassifierTest} (through {@link BackpropOneHiddenWekaHarness}) under JUnit
 * Jupiter: each of its 23 testXxx methods becomes one dynamic test that fails on any JUnit 3 failure or error.
 *
 * <p>testRegression writes its reference file when there is none and then passes, which would prove
 * nothing: here a missing reference fails the test (after Weka has written it, so that it can be reviewed
 * and committed).
 */
class WekaHarnessTest {

  /** The number of testXxx methods in weka-stable 3.8.6's AbstractClassifierTest. */
  private static final int EXPECTED_TESTS = 23;

  @BeforeAll
  static void quiet() {
    TestSupport.quietLogging();
  }

  @TestFactory
  Stream<DynamicTest> abstractClassifierTest() {
    List<String> names = testMethodNames();
    assertEquals(EXPECTED_TESTS, names.size(), "testXxx methods found: " + names);
    return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> run(name)));
  }

  private static List<String> testMethodNames() {
    List<String> names = new ArrayList<>();
    for (Method method : BackpropOneHiddenWekaHarness.class.getMethods()) {
      if (method.getName().startsWith("test") && method.getParameterCount() == 0
          && method.getReturnType() == void.class && !Modifier.isStatic(method.getModifiers())) {
        names.add(method.getName());
      }
    }
    Collections.sort(names);
    return names;
  }

  private static void run(String name) {
    File reference = referenceFile();
    boolean referenceExisted = reference.isFile();

    TestResult result = new TestResult();
    new BackpropOneHiddenWekaHarness(name).run(result);

    List<TestFailure> problems = new ArrayList<>();
    problems.addAll(Collections.list(result.errors()));
    problems.addAll(Collections.list(result.failures()));
    if (!problems.isEmpty()) {
      AssertionError error = new AssertionError(name + ": " + problems.size() + " failure(s)/error(s); first: "
          + problems.get(0).thrownException());
      for (TestFailure problem : problems) {
        error.addSuppressed(problem.thrownException());
      }
      throw error;
    }
    assertEquals(1, result.runCount(), name + " did not run");
    if (name.equals("testRegression")) {
      assertTrue(referenceExisted, "no regression reference existed, so nothing was compared; Weka wrote "
          + reference + ": review it and commit it");
    }
  }

  /** @return where weka.test.Regression keeps the harness's reference output */
  private static File referenceFile() {
    assertTrue(System.getProperty("weka.test.Regression.root") != null,
        "system property weka.test.Regression.root is not set (pom.xml's surefire configuration sets it)");
    return new File(Regression.getRoot(),
        BackpropOneHiddenWekaHarness.class.getName().replace('.', File.separatorChar) + ".ref");
  }
}
