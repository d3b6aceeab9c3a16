package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.CheckClassifier;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;

/**
 * Weka's check tools run programmatically on BackpropOneHidden: {@link CheckClassifier},
 * {@link CheckOptionHandler} and {@link CheckGOE}. Each prints one "check...answer" line per check; every
 * line is parsed and every answer must be the one this classifier should give:
 * <ul>
 *   <li>the interface checks: options yes, weighted instances yes (it implements
 *       WeightedInstancesHandler), updateable yes (UpdateableClassifier) and multi-instance no;</li>
 *   <li>"incremental training produces the same results as batch training": no, because the check streams
 *       its 20 instances through updateClassifier but never calls batchFinished (UpdateableBatchProcessor), so
 *       they wait in the buffer and the model still predicts the class prior. With batchFinished the results are
 *       identical: IncrementalTrainingTest.aStreamInOneBufferTrainsExactlyAsOneBatch. (Weka's own
 *       AbstractClassifierTest.testUpdatingEquality only prints this to standard error.)</li>
 *   <li>predictions with a nominal, numeric or date class and nominal, numeric or date predictors (its
 *       capabilities): yes;</li>
 *   <li>string or relational predictors, or a string or relational class (not in its capabilities): only
 *       "no (OK error message)", i.e. it refuses them with Weka's capability error;</li>
 *   <li>every other check: yes.</li>
 * </ul>
 */
class WekaCheckToolsTest {

  private static final String CLASS_NAME = BackpropOneHidden.class.getName();
  private static final String OK_REFUSAL = "no (OK error message)";
  /**
   * CheckClassifier's basic predictions train on 20 instances of random values (its -D prints them: for the date
   * predictors one random date per instance and a random class) and compare the errors on 20 more with ZeroR's. No
   * model can learn from such data, so "worse than ZeroR" there is a coin toss (ZeroR's accuracy depends on which
   * class the random test set happens to favour); the answer shows that the scheme trained and predicted.
   */
  private static final String WORSE_THAN_ZERO_R = "warning: performs worse than ZeroR";
  private static final String UPDATING_EQUALITY = "incremental training produces the same results as batch training";

  @BeforeAll
  static void quiet() {
    TestSupport.quietLogging();
  }

  @Test
  void checkClassifierGivesOnlyTheRightAnswers() throws Exception {
    CheckClassifier check = new CheckClassifier();
    check.setOptions(new String[] {"-W", CLASS_NAME});
    String output = TestSupport.captureStdout(() -> {
      check.doTests();
      return null;
    }).output;
    assertFalse(check.hasClasspathProblems(), output);
    Map<String, String> answers = parseAnswers(output);

    assertEquals("yes", answers.get("options"), output);
    assertEquals("yes", answers.get("weighted instances classifier"), output);
    assertEquals("yes", answers.get("updateable classifier"), output);
    assertEquals("no", answers.get("multi-instance classifier"), output);

    String[] mustBePresent = {"serialVersionUID", "toString",
        "basic predict (nominal class, nominal predictors)", "basic predict (nominal class, numeric predictors)",
        "basic predict (nominal class, date predictors)", "basic predict (numeric class, nominal predictors)",
        "basic predict (numeric class, numeric predictors)", "basic predict (numeric class, date predictors)",
        "basic predict (date class, numeric predictors)"};
    for (String name : mustBePresent) {
      assertTrue(isRight(name, answers.get(name)), name + " in\n" + output);
    }
    Map<String, Integer> fullDataChecks = new LinkedHashMap<>();
    int updatingEquality = 0;
    for (Map.Entry<String, String> entry : answers.entrySet()) {
      String name = entry.getKey();
      String answer = entry.getValue();
      if (isInterfaceCheck(name)) {
        continue;
      }
      if (name.startsWith(UPDATING_EQUALITY)) {
        assertEquals("no", answer, "'" + name + "': batchFinished is not called, see the class comment; in\n"
            + output);
        updatingEquality++;
        continue;
      }
      if (shouldBeRefused(name)) {
        assertEquals(OK_REFUSAL, answer, "'" + name + "' in\n" + output);
      } else {
        assertTrue(isRight(name, answer), "'" + name + "' in\n" + output);
        for (String type : new String[] {"nominal", "numeric", "date"}) {
          if (name.contains("(" + type + " class, numeric & nominal & date predictors)")) {
            fullDataChecks.merge(type, 1, Integer::sum);
          }
        }
      }
    }
    // instance weights, only class, more than two classes, class as 1st/2nd attribute, zero training
    // instances, missing predictors (some, all), missing class (some, all), initialisation, data set
    // integrity, test class values ignored
    // (13 for the nominal class: "more than two classes" is asked of a nominal class only)
    for (String type : new String[] {"nominal", "numeric", "date"}) {
      assertEquals(Integer.valueOf(type.equals("nominal") ? 13 : 12), fullDataChecks.get(type), "checks on the full "
          + type + "-class data set in\n" + output);
    }
    assertEquals(3, updatingEquality, "the updating-equality check runs once per class type it handles (nominal, "
        + "numeric, date), in\n" + output);
    // 4 interface checks, serialVersionUID, toString, 25 basic predictions (5 class x 5 predictor types), 13 + 12 +
    // 12 above, and the updating-equality check for each of the three class types
    assertEquals(71, answers.size(), "number of checks in\n" + output);
  }

  @Test
  void checkOptionHandlerPassesWithDefaultAndNonDefaultUserOptions() throws Exception {
    String[][] userOptions = {{}, {"-H", "3", "-A", "tanh", "-L", "0.125", "-N", "7", "-num-threads", "2",
        "-S", "42"}};
    for (String[] user : userOptions) {
      CheckOptionHandler check = new CheckOptionHandler();
      check.setOptionHandler(new BackpropOneHidden());
      check.setUserOptions(user.clone());
      String output = TestSupport.captureStdout(() -> {
        check.doTests();
        return null;
      }).output;
      Map<String, String> answers = parseAnswers(output);
      String[] expected = {"ListOptions", "SetOptions", "Default options", "Remaining options",
          "Canonical user options", "Resetting options"};
      assertEquals(expected.length, answers.size(), output);
      for (String name : expected) {
        assertEquals("yes", answers.get(name), name + " with user options " + String.join(" ", user) + " in\n"
            + output);
      }
    }
  }

  @Test
  void checkGoeFindsGlobalInfoAndToolTips() throws Exception {
    CheckGOE check = new CheckGOE();
    check.setObject(new BackpropOneHidden());
    String output = TestSupport.captureStdout(() -> {
      check.doTests();
      return null;
    }).output;
    Map<String, String> answers = parseAnswers(output);
    assertEquals(2, answers.size(), output);
    assertEquals("yes", answers.get("Global info"), output);
    assertEquals("yes", answers.get("Tool tips"), output);
  }

  private static boolean isInterfaceCheck(String name) {
    return name.equals("options") || name.equals("updateable classifier")
        || name.equals("weighted instances classifier") || name.equals("multi-instance classifier");
  }

  /**
   * @return whether the check uses data outside the capabilities: a string or relational class, or string or
   *     relational predictors
   */
  private static boolean shouldBeRefused(String name) {
    if (!name.contains(" class, ")) {
      return false; // a check without a data set, such as serialVersionUID or toString
    }
    boolean handledClass = name.contains("(nominal class, ") || name.contains("(numeric class, ")
        || name.contains("(date class, ");
    boolean unsupportedPredictors = name.contains("string predictors") || name.contains("relational predictors");
    return !handledClass || unsupportedPredictors;
  }

  /** @return true for "yes", and for a basic prediction also for {@link #WORSE_THAN_ZERO_R} */
  private static boolean isRight(String name, String answer) {
    return "yes".equals(answer) || (name.startsWith("basic predict") && WORSE_THAN_ZERO_R.equals(answer));
  }

  /**
   * Parses lines "check name...answer"; headers ("--> …", "=== … ===", "OptionHandler: …", "Object: …") and
   * blank lines are skipped, anything else fails the test.
   *
   * @return answers by check name, in output order
   */
  static Map<String, String> parseAnswers(String output) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (String raw : output.split("\\R")) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("-->") || line.startsWith("===") || line.startsWith("OptionHandler:")
          || line.startsWith("Object:")) {
        continue;
      }
      int dots = line.indexOf("...");
      if (dots <= 0) {
        fail("unexpected line '" + line + "' in\n" + output);
      }
      String name = line.substring(0, dots).trim();
      String answer = line.substring(dots + 3).trim();
      assertTrue(answer.equals("yes") || answer.startsWith("no") || answer.equals(WORSE_THAN_ZERO_R),
          "unexpected answer in '" + line + "'");
      if (answers.put(name, answer) != null) {
        fail("check '" + name + "' answered twice in\n" + output);
      }
    }
    assertFalse(answers.isEmpty(), "no answers in\n" + output);
    return answers;
  }
}
