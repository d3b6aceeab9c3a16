package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/** The trained model: serialization, reproducibility from the seed, batch and single predictions. */
class BackpropOneHiddenModelTest {

  private static Instances iris;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  private static BackpropOneHidden train(Instances data, String... options) throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(options);
    classifier.buildClassifier(data);
    return classifier;
  }

  @Test
  void wekaSerializationRoundTripGivesIdenticalModel() throws Exception {
    BackpropOneHidden original = train(iris, "-N", "100");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, original);
    BackpropOneHidden copy = (BackpropOneHidden) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertIdentical(original, copy);
    assertArrayEquals(original.getOptions(), copy.getOptions());
  }

  @Test
  void javaStreamRoundTripOfFallbackAndUnbuiltModels() throws Exception {
    BackpropOneHidden fallback = new BackpropOneHidden();
    fallback.buildClassifier(TestSupport.constantAttributes(3, 1));
    BackpropOneHidden copy = javaRoundTrip(fallback);
    assertIdentical(fallback, copy);

    BackpropOneHidden unbuilt = new BackpropOneHidden();
    unbuilt.setOptions(new String[] {"-H", "4", "-A", "tanh"});
    BackpropOneHidden unbuiltCopy = javaRoundTrip(unbuilt);
    assertArrayEquals(unbuilt.getOptions(), unbuiltCopy.getOptions());
    assertEquals(unbuilt.toString(), unbuiltCopy.toString());
  }

  @Test
  void makeCopyTrainsTheSameModel() throws Exception {
    BackpropOneHidden original = train(iris, "-N", "50", "-S", "9");
    BackpropOneHidden copy = (BackpropOneHidden) AbstractClassifier.makeCopy(original);
    copy.buildClassifier(iris);
    assertIdentical(original, copy);
  }

  private static BackpropOneHidden javaRoundTrip(BackpropOneHidden classifier) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(classifier);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (BackpropOneHidden) in.readObject();
    }
  }

  @Test
  void sameSeedGivesIdenticalModel() throws Exception {
    assertIdentical(train(iris, "-N", "100", "-S", "7"), train(iris, "-N", "100", "-S", "7"));
  }

  @Test
  void rebuildingTheSameObjectGivesIdenticalModel() throws Exception {
    BackpropOneHidden classifier = train(iris, "-N", "60");
    double[][] first = classifier.distributionsForInstances(iris);
    String firstText = classifier.toString();
    classifier.buildClassifier(TestSupport.constantAttributes(2, 2));
    classifier.buildClassifier(iris);
    assertEquals(firstText, classifier.toString());
    assertArrayEquals(first, classifier.distributionsForInstances(iris));
  }

  @Test
  void threadCountDoesNotChangeTheModel() throws Exception {
    BackpropOneHidden one = train(iris, "-N", "80", "-num-threads", "1");
    BackpropOneHidden three = train(iris, "-N", "80", "-num-threads", "3");
    assertArrayEquals(TestSupport.parameters(one), TestSupport.parameters(three));
    assertArrayEquals(one.distributionsForInstances(iris), three.distributionsForInstances(iris));
  }

  @Test
  void differentSeedGivesDifferentModel() throws Exception {
    BackpropOneHidden a = train(iris, "-N", "100", "-S", "1");
    BackpropOneHidden b = train(iris, "-N", "100", "-S", "2");
    assertFalse(java.util.Arrays.equals(TestSupport.parameters(a), TestSupport.parameters(b)));
    double[][] pa = a.distributionsForInstances(iris);
    double[][] pb = b.distributionsForInstances(iris);
    boolean anyDifferent = false;
    for (int k = 0; k < pa.length && !anyDifferent; k++) {
      anyDifferent = !java.util.Arrays.equals(pa[k], pb[k]);
    }
    assertTrue(anyDifferent, "seeds 1 and 2 gave the same distributions");
    assertNotEquals(a.toString(), b.toString());
  }

  @Test
  void batchAndSinglePredictionsAgree() throws Exception {
    BackpropOneHidden classifier = train(iris, "-N", "100");
    double[][] batch = classifier.distributionsForInstances(iris);
    assertEquals(iris.numInstances(), batch.length);
    for (int k = 0; k < iris.numInstances(); k++) {
      double[] single = classifier.distributionForInstance(iris.instance(k));
      assertArrayEquals(single, batch[k], 1e-12, "instance " + k);
      double sum = 0;
      for (double p : single) {
        assertTrue(p >= 0 && p <= 1, "probability " + p);
        sum += p;
      }
      assertEquals(1.0, sum, 1e-9);
    }
    assertTrue(classifier.implementsMoreEfficientBatchPrediction());
  }

  /**
   * In the objective a weight of 2 is a duplicated instance: given the same preprocessing, full batches and no
   * held-out rows, the weighted mean loss is the same function of the weights, bit for bit up to rounding. The
   * preprocessing's spread reads weights as reliability weights (issue 14: invariant to their scale), not as
   * frequencies, so the classifiers differ only by the standardization's factor √((n' − 1) / (S − Σs²/S)), here
   * 1.0004: their predictions agree to 1e-3.
   */
  @Test
  void weightTwoActsAsADuplicatedInstanceInTheObjective() throws Exception {
    Instances weighted = new Instances(iris);
    Instances duplicated = new Instances(iris);
    for (int k = 0; k < iris.numInstances(); k += 5) {
      weighted.instance(k).setWeight(2);
      duplicated.add((Instance) iris.instance(k).copy());
    }
    StatisticsPreprocessing preprocessing = StatisticsPreprocessing.fit(duplicated);
    TrainingConfig config = TrainingConfig.builder().numHidden(3).learningRate(0.5).epochs(50).build();
    double[][] losses = new double[2][];
    Instances[] data = {weighted, duplicated};
    for (int d = 0; d < 2; d++) {
      DataMatrix matrix = TrainingData.matrix(preprocessing, data[d], null, false);
      try (Trainer trainer = Trainer.withHeldOutRowsLast(matrix, matrix.numRows(), config)) {
        while (trainer.epoch()) {
          // one epoch per call
        }
        losses[d] = trainer.result().lossHistory();
      }
    }
    assertArrayEquals(losses[0], losses[1], 1e-12);

    BackpropOneHidden a = train(weighted, "-tune", "none", "-O", "gd", "-L", "0.5", "-B", "0", "-V", "0", "-N", "50");
    BackpropOneHidden b = train(duplicated, "-tune", "none", "-O", "gd", "-L", "0.5", "-B", "0", "-V", "0", "-N", "50");
    assertArrayEquals(a.getLossHistory(), b.getLossHistory(), 1e-3);
    for (int k = 0; k < iris.numInstances(); k++) {
      assertArrayEquals(a.distributionForInstance(iris.instance(k)), b.distributionForInstance(iris.instance(k)),
          1e-3, "instance " + k);
    }
    assertNotEquals(a.getLossHistory()[50], train(iris, "-tune", "none", "-N", "50").getLossHistory()[50], "weights had no effect");
  }

  @Test
  void emptyBatchGivesNoDistributions() throws Exception {
    BackpropOneHidden classifier = train(iris, "-N", "5");
    assertEquals(0, classifier.distributionsForInstances(new Instances(iris, 0)).length);
  }

  @Test
  void interruptedTrainingStopsWithInterruptedException() throws Exception {
    BackpropOneHidden classifier = train(iris, "-N", "5");
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedException.class, () -> classifier.buildClassifier(iris));
    } finally {
      Thread.interrupted(); // never leave the flag set for the next test
    }
    assertTrue(classifier.toString().contains("No model built yet"), "no half-built model should remain");
  }

  private static void assertIdentical(BackpropOneHidden expected, BackpropOneHidden actual) throws Exception {
    Instances data = expected.getNetwork() == null && expected.getCommittee() == null
        ? TestSupport.constantAttributes(3, 1) : iris;
    assertEquals(expected.toString(), actual.toString());
    double[][] batchExpected = expected.distributionsForInstances(data);
    double[][] batchActual = actual.distributionsForInstances(data);
    for (int k = 0; k < data.numInstances(); k++) {
      assertArrayEquals(batchExpected[k], batchActual[k], "batch, instance " + k);
      assertArrayEquals(expected.distributionForInstance(data.instance(k)),
          actual.distributionForInstance(data.instance(k)), "single, instance " + k);
    }
  }
}
