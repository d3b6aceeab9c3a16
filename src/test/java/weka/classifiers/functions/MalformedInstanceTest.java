package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.RobustnessTest.train;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Instances that do not fit their header (issue 14, item 5): a class or nominal value that is not the index of
 * one of the attribute's values (beyond them, negative, fractional), and an instance with another number of values
 * than the header has attributes. Training (batch and stream) and prediction refuse them with the message every bad
 * value gets, "BackpropOneHidden: &lt;which instance&gt;: …", naming the attribute and the value; none reaches the
 * engine, whose own messages (and ArrayIndexOutOfBounds) lacked the instance and the prefix (item 11).
 */
class MalformedInstanceTest {

  /** Columns of {@link #data}: n0, n1 numeric, a0, a1 nominal {u, v, w}, class {c0, c1, c2}. */
  private static final int NOMINAL = 2;
  private static final int CLASS = 4;

  private static Instances data;

  @BeforeAll
  static void makeData() {
    TestSupport.quietLogging();
    data = TestData.random(new Random(3), 60, 2, 2, 3, 0.0, false);
  }

  /** (column, value, what the message names). */
  static Stream<Arguments> valuesThatAreNotAnIndex() {
    return Stream.of(
        Arguments.of(CLASS, 3.0, "class attribute 'class'"),
        Arguments.of(CLASS, 1.5, "class attribute 'class'"),
        Arguments.of(CLASS, -1.0, "class attribute 'class'"),
        Arguments.of(NOMINAL, 3.0, "attribute 'a0'"),
        Arguments.of(NOMINAL, 0.5, "attribute 'a0'"),
        Arguments.of(NOMINAL, -1.0, "attribute 'a0'"),
        Arguments.of(NOMINAL, 1e10, "attribute 'a0'"));
  }

  private static Instances withBadThirdInstance(int column, double value) {
    Instances bad = new Instances(data);
    bad.instance(2).setValue(column, value);
    return bad;
  }

  private static void assertNamed(Exception e, String where, String named, double value) {
    String message = e.getMessage();
    assertTrue(message != null && message.startsWith("BackpropOneHidden: " + where + ": ") && message.contains(named)
        && message.contains("value " + value) && message.contains("not the index of one of its 3 values"),
        String.valueOf(message));
  }

  @ParameterizedTest(name = "column {0} = {1}")
  @MethodSource("valuesThatAreNotAnIndex")
  void aValueThatIsNotAnIndexIsRefusedInBatchTraining(int column, double value, String named) {
    Exception e = assertThrows(IllegalArgumentException.class, () -> train(withBadThirdInstance(column, value)));
    assertNamed(e, "training instance 3", named, value);
  }

  @ParameterizedTest(name = "column {0} = {1}")
  @MethodSource("valuesThatAreNotAnIndex")
  void aValueThatIsNotAnIndexIsRefusedInAStream(int column, double value, String named) throws Exception {
    Instances bad = withBadThirdInstance(column, value);
    BackpropOneHidden stream = TestSupport.classifier("-H 3 -N 5 -num-threads 1 -buffer 20");
    stream.buildClassifier(new Instances(bad, 0));
    stream.updateClassifier(bad.instance(0));
    stream.updateClassifier(bad.instance(1));
    Exception e = assertThrows(IllegalArgumentException.class, () -> stream.updateClassifier(bad.instance(2)));
    assertNamed(e, "stream instance 3", named, value);
    stream.updateClassifier(bad.instance(3)); // the refused instance was not counted: the stream goes on
    assertTrue(stream.toString().contains("3 instances with a class value"), stream.toString());
  }

  /** Prediction reads the inputs only: a bad input value is refused, the class value (to be predicted) is not read. */
  @ParameterizedTest(name = "column {0} = {1}")
  @MethodSource("valuesThatAreNotAnIndex")
  void aValueThatIsNotAnIndexIsRefusedInPredictionUnlessItIsTheClass(int column, double value, String named)
      throws Exception {
    BackpropOneHidden classifier = train(data);
    Instances bad = withBadThirdInstance(column, value);
    if (column == CLASS) {
      RobustnessTest.assertProbabilities(classifier.distributionForInstance(bad.instance(2)), 3);
      classifier.distributionsForInstances(bad);
      return;
    }
    assertNamed(assertThrows(IllegalArgumentException.class, () -> classifier.distributionForInstance(bad.instance(2))),
        "the instance", named, value);
    assertNamed(assertThrows(IllegalArgumentException.class, () -> classifier.distributionsForInstances(bad)),
        "instance 3", named, value);
  }

  /** An instance with fewer or more values than its header has attributes. */
  @ParameterizedTest(name = "{0} values")
  @ValueSource(ints = {4, 6})
  void anInstanceWithAnotherNumberOfValuesThanItsHeaderIsRefused(int numValues) throws Exception {
    Instance odd = new DenseInstance(1.0, new double[numValues]);
    odd.setDataset(data);
    String says = "has " + numValues + " values, but its header has 5 attributes";
    Instances bad = new Instances(data);
    bad.set(2, odd);
    bad.instance(2).setDataset(bad);
    Exception e = assertThrows(IllegalArgumentException.class, () -> train(bad));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: training instance 3 " + says), e.getMessage());

    BackpropOneHidden classifier = train(data);
    e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionForInstance(odd));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: the instance " + says), e.getMessage());

    BackpropOneHidden stream = TestSupport.classifier("-H 3 -N 5 -num-threads 1 -buffer 20");
    stream.buildClassifier(new Instances(data, 0));
    e = assertThrows(IllegalArgumentException.class, () -> stream.updateClassifier(odd));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: stream instance 1 " + says), e.getMessage());
  }

  /**
   * Every message about a value the model cannot take starts with the classifier's name (item 11): here a test
   * value so far outside the training range that standardizing it overflows, single and in a batch.
   */
  @Test
  void aValueThatOverflowsTheStandardizationIsRefusedWithThePrefix() throws Exception {
    Instances small = TestData.numeric(new double[][] {{0.001, 4}, {0.002, 3}, {0.003, 2}, {0.004, 1}},
        new int[] {0, 0, 1, 1}, 2);
    BackpropOneHidden classifier = train(small, "-N", "5");
    Instance far = TestData.instance(small, -Double.MAX_VALUE, 1);
    Exception e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionForInstance(far));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: input 'x0' of the instance is -Infinity after "
        + "standardization"), e.getMessage());
    Instances batch = new Instances(small, 0);
    batch.add(small.instance(0));
    batch.add(far);
    e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionsForInstances(batch));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: input 'x0' of instance 2 is -Infinity after "
        + "standardization"), e.getMessage());
  }
}
