package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.BackpropOneHiddenLogTest.RecordingLogger;
import weka.classifiers.functions.backprop.Committee;
import weka.core.Instances;

/**
 * Tuning inside buildClassifier (-tune cv, the default): what it builds, says and logs, when it does not run, and
 * that Stop, streams and the seed's plain algorithm keep working.
 */
class TuningTest {

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  @Test
  void theDefaultIsACommitteeOfFiveFoldNetworksThatSaysWhatWasTried() throws Exception {
    BackpropOneHidden classifier = TestSupport.built("-N 60", iris);
    Committee committee = classifier.getCommittee();
    assertNotNull(committee);
    assertEquals(5, committee.size());
    assertNull(classifier.getNetwork(), "a committee has no single network");
    String text = classifier.toString();
    assertTrue(text.contains("Committee of 5 networks, each 4 inputs -> 16 tanh hidden units -> 3 softmax outputs"),
        text);
    assertTrue(text.contains("Tuning (-tune cv): 5-fold cross-validation on the 150 training rows"), text);
    assertTrue(text.contains("hidden units  weight decay  CV Brier  CV accuracy  best epoch  epochs run"), text);
    assertTrue(text.contains("Chosen (*): 16 hidden units, weight decay "), text);
    assertEquals(1, text.split("\n \\* ", -1).length - 1, "one candidate marked chosen:\n" + text);
    for (double[] p : classifier.distributionsForInstances(iris)) {
      assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
    }
  }

  @Test
  void anExplicitGridIsTriedInOrder() throws Exception {
    BackpropOneHidden classifier = TestSupport.built("-tune-hidden 3,6 -tune-decay 0.001,0.1 -tune-folds 3 -N 30",
        iris);
    String text = classifier.toString();
    assertTrue(text.contains("3-fold cross-validation"), text);
    int at = text.indexOf("epochs run\n");
    String table = text.substring(at, text.indexOf("Chosen", at));
    String[] rows = table.split("\n");
    assertEquals(5, rows.length, table); // the header's end and four candidates
    assertTrue(rows[1].matches("[ *]+3 +0\\.001 .*") && rows[2].matches("[ *]+3 +0\\.1 .*")
        && rows[3].matches("[ *]+6 +0\\.001 .*") && rows[4].matches("[ *]+6 +0\\.1 .*"), table);
    assertEquals(3, classifier.getCommittee().size());
  }

  @Test
  void tuningNoneIsOneNetworkAsInVersion11() throws Exception {
    BackpropOneHidden classifier = TestSupport.built("-tune none -N 30", iris);
    assertNull(classifier.getCommittee());
    assertNotNull(classifier.getNetwork());
    assertFalse(classifier.toString().contains("Tuning"));
  }

  @Test
  void dataTooSmallToCrossValidateTrainsOneNetworkAndTheLogSaysWhy() throws Exception {
    Instances two = new Instances(iris, 0); // 7 instances of each of two classes
    for (int k = 0; k < 7; k++) {
      two.add(iris.instance(k));
      two.add(iris.instance(50 + k));
    }
    assertOneNetworkAndFirstLogLine("-N 20", two, "no tuning: 14 training instances are too few to cross-validate");
  }

  @Test
  void resumeTrainsOneNetworkAndTheLogSaysSo() throws Exception {
    assertOneNetworkAndFirstLogLine("-N 10 -resume", iris,
        "-resume continues one network: -tune cv is not used with it");
  }

  /** Builds with a log: one network, no committee, and the log's first line says why. */
  private static void assertOneNetworkAndFirstLogLine(String options, Instances data, String why) throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier(options);
    RecordingLogger logger = logged(classifier, data);
    assertNull(classifier.getCommittee());
    assertNotNull(classifier.getNetwork());
    assertTrue(logger.log.get(0).contains(why), logger.log.toString());
  }

  private static RecordingLogger logged(BackpropOneHidden classifier, Instances data) throws Exception {
    RecordingLogger logger = new RecordingLogger();
    classifier.setLog(logger);
    classifier.buildClassifier(data);
    return logger;
  }

  @Test
  void theLogAndTheStatusBarShowTheTuning() throws Exception {
    RecordingLogger logger = logged(TestSupport.classifier("-N 15"), iris);
    assertTrue(logger.log.get(0).startsWith("BackpropOneHidden: tuning started on 150 instances: 5-fold "
        + "cross-validation of 2 candidates"), logger.log.toString());
    assertTrue(logger.log.get(logger.log.size() - 1).startsWith("BackpropOneHidden: tuning finished in "),
        logger.log.toString());
    assertTrue(logger.status.get(0).startsWith("BackpropOneHidden: tuning: candidate 1 of 2 (16 hidden units, "
        + "weight decay 1.0E-4), epoch 1, mean held-out Brier score "), logger.status.toString());
    assertTrue(logger.status.stream().anyMatch(s -> s.contains("candidate 2 of 2")), logger.status.toString());
  }

  @Test
  void stopDuringTuningLeavesNoModel() throws Exception {
    BackpropOneHidden classifier = TestSupport.built("-N 20", iris);
    Thread.currentThread().interrupt(); // what the Explorer's Stop does first
    try {
      Exception e = assertThrows(InterruptedException.class, () -> classifier.buildClassifier(iris));
      assertTrue(e.getMessage().startsWith("BackpropOneHidden: tuning: training was interrupted"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertTrue(classifier.toString().contains("No model built yet"), classifier.toString());
  }

  @Test
  void aStreamUpdatesEachNetworkOfATunedCommittee() throws Exception {
    BackpropOneHidden classifier = TestSupport.built("-N 20 -num-threads 1", iris);
    double[] before = TestSupport.parameters(classifier);
    for (int k = 0; k < 30; k++) {
      classifier.updateClassifier(iris.instance(k * 5));
    }
    classifier.batchFinished();
    Committee updated = classifier.getCommittee();
    assertNotNull(updated, classifier.toString());
    assertEquals(5, updated.size());
    assertFalse(Arrays.equals(before, TestSupport.parameters(classifier)), "the networks trained on");
    String text = classifier.toString();
    assertTrue(text.contains("Trained incrementally") && text.contains("Committee of 5 networks"), text);
  }

  @Test
  void theSameSeedGivesTheSameCommitteeAndTheThreadCountChangesNothing() throws Exception {
    double[] one = TestSupport.parameters(TestSupport.built("-N 25 -S 3 -num-threads 1", iris));
    assertTrue(Arrays.equals(one, TestSupport.parameters(TestSupport.built("-N 25 -S 3 -num-threads 1", iris))));
    assertTrue(Arrays.equals(one, TestSupport.parameters(TestSupport.built("-N 25 -S 3 -num-threads 3", iris))));
    assertFalse(Arrays.equals(one, TestSupport.parameters(TestSupport.built("-N 25 -S 4 -num-threads 1", iris))));
  }
}
