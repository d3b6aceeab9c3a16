package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.TestSupport.classifier;

import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.classifiers.meta.IterativeClassifierOptimizer;
import weka.core.Instances;
import weka.core.Utils;

/** BackpropOneHidden as a Weka IterativeClassifier, and the training options seen through Weka. */
class BackpropOneHiddenIterativeTest {

  static {
    TestSupport.quietLogging();
  }

  @Test
  void oneNextIsOneEpochAndMatchesBuildClassifier() throws Exception {
    Instances iris = TestSupport.load("iris.arff");
    BackpropOneHidden stepped = classifier("-tune none -H 4 -N 12 -num-threads 1");
    stepped.initializeClassifier(iris);
    int steps = 0;
    while (stepped.next()) {
      steps++;
    }
    stepped.done();
    assertEquals(12, steps);
    BackpropOneHidden built = classifier("-tune none -H 4 -N 12 -num-threads 1");
    built.buildClassifier(iris);
    assertArrayEquals(built.getNetwork().parameters(), stepped.getNetwork().parameters(), 0.0);
  }

  @Test
  void predictionsBetweenEpochsUseTheCurrentWeights() throws Exception {
    Instances iris = TestSupport.load("iris.arff");
    BackpropOneHidden stepped = classifier("-tune none -H 4 -N 50");
    stepped.initializeClassifier(iris);
    double[] before = stepped.distributionForInstance(iris.instance(0));
    for (int i = 0; i < 20; i++) {
      assertTrue(stepped.next());
    }
    double[] after = stepped.distributionForInstance(iris.instance(0));
    assertNotEquals(before[0], after[0]);
    BackpropOneHidden twenty = classifier("-tune none -H 4 -N 20");
    twenty.buildClassifier(iris);
    assertArrayEquals(twenty.distributionForInstance(iris.instance(0)), after, 0.0);
  }

  @Test
  void resumeContinuesTrainingWithMoreEpochs() throws Exception {
    Instances iris = TestSupport.load("iris.arff");
    BackpropOneHidden resumed = classifier("-tune none -H 4 -N 10 -resume");
    resumed.buildClassifier(iris);
    assertEquals(10, resumed.getTrainingResult().epochs());
    resumed.setNumEpochs(25);
    resumed.buildClassifier(iris);   // continues: 15 more epochs
    assertEquals(25, resumed.getTrainingResult().epochs());
    BackpropOneHidden direct = classifier("-tune none -H 4 -N 25");
    direct.buildClassifier(iris);
    assertArrayEquals(direct.getNetwork().parameters(), resumed.getNetwork().parameters(), 0.0);

    BackpropOneHidden fresh = classifier("-tune none -H 4 -N 10");
    fresh.buildClassifier(iris);
    fresh.setNumEpochs(25);
    fresh.buildClassifier(iris);     // without resume: starts again
    assertArrayEquals(direct.getNetwork().parameters(), fresh.getNetwork().parameters(), 0.0);
  }

  @Test
  void iterativeClassifierOptimizerChoosesTheNumberOfEpochs() throws Exception {
    Instances iris = TestSupport.load("iris.arff");
    IterativeClassifierOptimizer optimizer = new IterativeClassifierOptimizer();
    optimizer.setOptions(Utils.splitOptions("-L 5 -F 3 -metric rmse -W weka.classifiers.functions.BackpropOneHidden "
        + "-- -H 4 -O adam -L 0.05 -N 200"));
    optimizer.buildClassifier(iris);
    String text = optimizer.toString();
    assertTrue(text.contains("Best number of iterations found:"), text);
    int best = Integer.parseInt(text.replaceAll("(?s).*Best number of iterations found: (\\d+).*", "$1"));
    assertTrue(best > 0 && best <= 200, text);
    Evaluation evaluation = new Evaluation(iris);
    evaluation.evaluateModel(optimizer, iris);
    assertTrue(evaluation.pctCorrect() > 90, "accuracy " + evaluation.pctCorrect());
  }

  @Test
  void earlyStoppingIsReportedInTheModelText() throws Exception {
    Instances credit = TestSupport.load("credit-g.arff");
    BackpropOneHidden classifier = classifier("-tune none -H 16 -O adam -L 0.01 -B 32 -N 300 -V 0.2 -E 5");
    classifier.buildClassifier(credit);
    String text = classifier.toString();
    assertTrue(text.contains("200 held out for early stopping"), text);
    assertTrue(text.contains("stopped because the validation loss stopped improving"), text);
    assertTrue(text.contains("(lowest validation loss) kept"), text);
    assertTrue(text.contains("Validation loss (mean cross-entropy)"), text);
  }

  @Test
  void tooSmallForEarlyStoppingSaysSo() throws Exception {
    Instances iris = TestSupport.load("iris.arff");
    Instances small = new Instances(iris, 0);
    for (int start : new int[] {0, 50, 100}) {
      for (int k = start; k < start + 6; k++) {
        small.add(iris.instance(k));
      }
    }
    // 0.1 of 6 rows per class rounds to 1 held out per class: 3 in all, fewer than 5
    BackpropOneHidden classifier = classifier("-tune none -V 0.1 -N 20");
    classifier.buildClassifier(small);
    assertTrue(classifier.toString().contains("Early stopping skipped: too few instances"), classifier.toString());
    assertEquals(20, classifier.getTrainingResult().epochs());
  }

  @Test
  void balancingRaisesMinorityRecallOnCreditG() throws Exception {
    Instances credit = TestSupport.load("credit-g.arff"); // 700 good, 300 bad
    int bad = credit.classAttribute().indexOfValue("bad");
    double plain = recall(classifier("-tune none -H 8 -N 300"), credit, bad);
    double balanced = recall(classifier("-tune none -H 8 -N 300 -balance"), credit, bad);
    assertTrue(balanced > plain + 0.1, "recall of 'bad': balanced " + balanced + ", plain " + plain);
  }

  private static double recall(BackpropOneHidden classifier, Instances data, int classIndex) throws Exception {
    Evaluation evaluation = new Evaluation(data);
    evaluation.crossValidateModel(classifier, data, 5, new java.util.Random(1));
    return evaluation.recall(classIndex);
  }

  @Test
  void divergentLearningRateIsHalvedAndReported() throws Exception {
    Instances iris = TestSupport.load("iris.arff");
    BackpropOneHidden classifier = classifier("-tune none -O gd -B 0 -V 0 -R 0 -L " + Double.MAX_VALUE / 4 + " -N 5");
    classifier.buildClassifier(iris);
    assertTrue(classifier.getTrainingResult().restarts() > 0);
    assertTrue(classifier.toString().contains("after the loss became NaN or infinite"), classifier.toString());
    for (int k = 0; k < iris.numInstances(); k++) {
      for (double p : classifier.distributionForInstance(iris.instance(k))) {
        assertTrue(p >= 0 && p <= 1);
      }
    }
  }

  @Test
  void persistentDivergenceFailsNamingTheLearningRateAndLeavesNoModel() throws Exception {
    Instances iris = TestSupport.load("iris.arff");
    // Adam steps by about L per weight whatever the gradient: a rate this large overflows even after halving
    BackpropOneHidden classifier = classifier("-tune none -O adam -L 1e300 -N 5");
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> classifier.buildClassifier(iris));
    assertTrue(e.getMessage().contains("-L") && e.getMessage().contains("smaller learning rate"), e.getMessage());
    assertTrue(classifier.toString().contains("No model built yet"), classifier.toString());
    org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> classifier.distributionForInstance(iris.instance(0)));
  }

  @Test
  void weightDecayShrinksTheTrainedWeights() throws Exception {
    Instances credit = TestSupport.load("credit-g.arff");
    BackpropOneHidden plain = classifier("-tune none -H 8 -N 200");
    plain.buildClassifier(credit);
    BackpropOneHidden decayed = classifier("-tune none -H 8 -N 200 -R 0.01");
    decayed.buildClassifier(credit);
    assertTrue(norm(decayed) < 0.8 * norm(plain), norm(decayed) + " vs " + norm(plain));
    assertFalse(decayed.toString().contains("NaN"));
  }

  private static double norm(BackpropOneHidden classifier) {
    weka.classifiers.functions.backprop.Network network = classifier.getNetwork();
    return weka.classifiers.functions.backprop.train.EngineTestData.sumOfSquares(network.shape(), network.parameters());
  }
}
