package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.SerializedObject;

/**
 * A classifier copied by serialization (Weka's cross-validation, the Experimenter, saving with -d) holds what
 * was finished, never a training run: a copy made while the first run is in progress holds nothing, a copy of a
 * run kept for -resume holds the network it finished, and the original trains on unaffected.
 */
class ModelStateCopyTest {

  private static Instances iris;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  private static BackpropOneHidden copy(BackpropOneHidden classifier) throws Exception {
    return (BackpropOneHidden) new SerializedObject(classifier).getObject();
  }

  @Test
  void aCopyDuringTheFirstRunHoldsNothingAndTheRunGoesOn() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-tune none -N 10 -num-threads 1");
    classifier.initializeClassifier(iris);
    classifier.next();
    BackpropOneHidden copy = copy(classifier);
    assertTrue(copy.toString().endsWith("No model built yet.\n"), copy.toString());
    assertNull(copy.getNetwork());
    assertThrows(Exception.class, () -> copy.distributionForInstance(iris.instance(0)));
    while (classifier.next()) {
      // the original trains on
    }
    classifier.done();
    BackpropOneHidden whole = TestSupport.classifier("-tune none -N 10 -num-threads 1");
    whole.buildClassifier(iris);
    assertArrayEquals(whole.getNetwork().parameters(), classifier.getNetwork().parameters());
  }

  @Test
  void aCopyOfARunKeptForResumeHoldsTheNetworkItFinished() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-tune none -N 10 -resume -num-threads 1");
    classifier.buildClassifier(iris);
    BackpropOneHidden copy = copy(classifier);
    assertEquals(classifier.toString(), copy.toString());
    for (int k = 0; k < iris.numInstances(); k += 7) {
      assertArrayEquals(classifier.distributionForInstance(iris.instance(k)),
          copy.distributionForInstance(iris.instance(k)));
    }
    classifier.setNumEpochs(20);
    classifier.buildClassifier(iris); // continues the kept run
    assertEquals(20, classifier.getTrainingResult().epochs());
    assertEquals(10, copy.getTrainingResult().epochs());
  }
}
