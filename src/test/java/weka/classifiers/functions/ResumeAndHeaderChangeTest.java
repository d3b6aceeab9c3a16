package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.core.Attribute;
import weka.core.Instances;
import weka.gui.Logger;

/**
 * -resume continues only the run it kept: on other data, another header or other training options it says so and
 * starts afresh (issue 14, item 3); and a test header changed in place after it was checked is checked again
 * (item 4).
 */
class ResumeAndHeaderChangeTest {

  private static Instances iris;
  private static Instances creditG;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
    creditG = TestSupport.load("credit-g.arff");
  }

  /** A log that keeps its lines. */
  static final class Lines implements Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public void logMessage(String message) {
      lines.add(message);
    }

    @Override
    public void statusMessage(String message) {
      // progress only
    }
  }

  private static BackpropOneHidden fresh(Instances data, String options) throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-tune none " + options);
    classifier.buildClassifier(data);
    return classifier;
  }

  private static void assertSameModel(BackpropOneHidden expected, BackpropOneHidden actual, Instances data)
      throws Exception {
    assertArrayEquals(expected.getNetwork().parameters(), actual.getNetwork().parameters());
    assertArrayEquals(expected.distributionsForInstances(data), actual.distributionsForInstances(data));
    assertEquals(expected.toString(), actual.toString());
  }

  /** Data with the same header but other instances: iris without its last instance, iris with one value changed. */
  static Stream<Arguments> otherData() {
    Instances shorter = new Instances(iris, 0, iris.numInstances() - 1);
    Instances changed = new Instances(iris);
    changed.instance(7).setValue(0, changed.instance(7).value(0) + 0.1);
    Instances reweighted = new Instances(iris);
    reweighted.instance(9).setWeight(2);
    Instances swapped = new Instances(iris);
    double first = swapped.instance(4).value(0);
    swapped.instance(4).setValue(0, swapped.instance(4).value(1));
    swapped.instance(4).setValue(1, first);
    Instances exchanged = new Instances(iris);
    double value = exchanged.instance(2).value(3);
    exchanged.instance(2).setValue(3, exchanged.instance(120).value(3));
    exchanged.instance(120).setValue(3, value);
    return Stream.of(Arguments.of("another data set and header (credit-g)", creditG),
        Arguments.of("one instance fewer", shorter), Arguments.of("one value changed", changed),
        Arguments.of("one weight changed", reweighted),
        Arguments.of("two values of an instance swapped", swapped),
        Arguments.of("a value exchanged between two instances", exchanged));
  }

  /**
   * buildClassifier(iris) then, with resume on, buildClassifier on other data: a fresh model of the new data, as if
   * built alone, and a log line that says training starts afresh (it returned the iris model, silently).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("otherData")
  void resumingOnOtherDataStartsAfreshAndSaysSo(String name, Instances other) throws Exception {
    BackpropOneHidden resumed = fresh(iris, "-H 4 -N 10 -resume -num-threads 1");
    Lines log = new Lines();
    resumed.setLog(log);
    resumed.setNumEpochs(15);
    resumed.buildClassifier(other);
    assertSameModel(fresh(other, "-H 4 -N 15 -resume -num-threads 1"), resumed, other);
    assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("BackpropOneHidden: -resume: ")
        && line.contains("training starts afresh")), log.lines.toString());
  }

  /** Other training options than -N: the kept run was trained with the old ones, so training starts afresh. */
  @Test
  void resumingWithOtherTrainingOptionsStartsAfresh() throws Exception {
    BackpropOneHidden resumed = fresh(iris, "-H 4 -N 10 -resume -num-threads 1");
    Lines log = new Lines();
    resumed.setLog(log);
    resumed.setNumHidden(6);
    resumed.setNumEpochs(15);
    resumed.buildClassifier(iris);
    assertEquals(6, resumed.getNetwork().shape().numHidden());
    assertSameModel(fresh(iris, "-H 6 -N 15 -resume -num-threads 1"), resumed, iris);
    assertTrue(log.lines.stream().anyMatch(line -> line.contains("the training options differ")), log.lines.toString());
  }

  /**
   * The same data, even as another Instances object (a copy, a reloaded file), and only -N changed (or the thread
   * count, which changes nothing): training continues, as "Continue iterating" expects.
   */
  @Test
  void resumingOnEqualDataContinues() throws Exception {
    BackpropOneHidden resumed = fresh(iris, "-H 4 -N 10 -resume -num-threads 1");
    resumed.setNumEpochs(25);
    resumed.setNumThreads(2);
    resumed.buildClassifier(new Instances(iris));
    assertEquals(25, resumed.getTrainingResult().epochs());
    BackpropOneHidden direct = fresh(iris, "-H 4 -N 25 -num-threads 1");
    assertArrayEquals(direct.getNetwork().parameters(), resumed.getNetwork().parameters());
  }

  /** In-place changes of a test header that was already checked (the check used to be cached by identity). */
  static Stream<Arguments> inPlaceChanges() {
    return Stream.of(
        Arguments.of("attributes reordered", (Consumer<Instances>) test -> {
          Attribute first = test.attribute(0);
          test.deleteAttributeAt(0);
          test.insertAttributeAt(new Attribute(first.name()), 3);
        }, "Attributes differ at position 1"),
        Arguments.of("attribute renamed", (Consumer<Instances>) test -> test.renameAttribute(1, "width"),
            "sepalwidth != width"),
        Arguments.of("class value renamed",
            (Consumer<Instances>) test -> test.renameAttributeValue(test.classAttribute(), "Iris-setosa", "setosa"),
            "Labels differ"),
        Arguments.of("class index changed", (Consumer<Instances>) test -> test.setClassIndex(0), "Class index"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inPlaceChanges")
  void aTestHeaderChangedInPlaceAfterItWasCheckedIsRefused(String name, Consumer<Instances> change, String how)
      throws Exception {
    BackpropOneHidden classifier = fresh(iris, "-H 3 -N 5 -num-threads 1");
    Instances test = new Instances(iris);
    classifier.distributionsForInstances(test); // checked (and remembered) once
    classifier.distributionForInstance(test.instance(0));
    change.accept(test);
    Exception e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionsForInstances(test));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: the test data's header does not match the training "
        + "data's: ") && e.getMessage().contains(how), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionForInstance(test.instance(0)));
    assertTrue(e.getMessage().contains(how), e.getMessage());
  }

  /**
   * Weka's Instances share attributes and their nominal values, and renameAttributeValue renames a value in every
   * Instances that shares it: the model keeps a copy of its own, so renaming a value of the training data afterwards
   * changes neither its model text nor what it accepts.
   */
  @Test
  void renamingAValueOfTheTrainingDataAfterwardsLeavesTheModelAsItWas() throws Exception {
    Instances data = TestSupport.iris(); // its own attributes, not shared with the other tests'
    BackpropOneHidden classifier = fresh(data, "-H 3 -N 5 -num-threads 1");
    String text = classifier.toString();
    data.renameAttributeValue(data.classAttribute(), "Iris-setosa", "setosa");
    assertEquals(text, classifier.toString());
    assertTrue(text.contains("Output for class Iris-setosa"), text);
    assertThrows(IllegalArgumentException.class, () -> classifier.distributionsForInstances(data));
    classifier.distributionsForInstances(iris);
  }

  /** The same in a stream: a stream's header changed in place after its first instance. */
  @Test
  void aStreamHeaderChangedInPlaceIsRefused() throws Exception {
    BackpropOneHidden stream = TestSupport.classifier("-tune none -H 3 -N 5 -num-threads 1 -buffer 1000");
    Instances header = new Instances(iris, 0);
    stream.buildClassifier(header);
    Instances source = new Instances(iris);
    stream.updateClassifier(source.instance(0));
    source.renameAttribute(2, "length");
    Exception e = assertThrows(IllegalArgumentException.class, () -> stream.updateClassifier(source.instance(1)));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: the header of stream instance 2 does not match"),
        e.getMessage());
  }
}
