package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The additional measures (weka.core.AdditionalMeasureProducer) of every kind of model: a committee tuned by
 * cross-validation (of a nominal and of a numeric class), one network, the class prior and nothing built; each value
 * against the model's own facts.
 */
class AdditionalMeasuresTest {

  private static final List<String> NAMES = Arrays.asList("measureNumWeights", "measureNumHiddenUnits",
      "measureEpochsRun", "measureKeptEpoch", "measureFinalTrainingLoss", "measureBestValidationLoss",
      "measureTunedHiddenUnits", "measureTunedWeightDecay", "measureTuningFolds", "measureTuningCvBrier",
      "measureTuningCvAccuracy", "measureTuningCvRrse", "measureCommitteeSize");
  private static final List<String> TUNING = Arrays.asList("measureTunedHiddenUnits", "measureTunedWeightDecay",
      "measureTuningFolds", "measureTuningCvBrier", "measureTuningCvAccuracy", "measureTuningCvRrse",
      "measureCommitteeSize");

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  @Test
  void enumeratesTheMeasuresByWekasConvention() {
    assertEquals(NAMES, Collections.list(new BackpropOneHidden().enumerateMeasures()));
  }

  @Test
  void committeeReportsTheTuningsChoice() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-N 20");
    classifier.buildClassifier(iris);
    Committee committee = classifier.getCommittee();
    SearchReport report = classifier.getTuningReport();
    assertNotNull(committee);
    assertNotNull(report);
    assertNull(classifier.getTrainingResult());
    int chosen = report.chosen();

    int weights = 0;
    for (int j = 0; j < committee.size(); j++) {
      weights += committee.member(j).shape().numParameters();
    }
    assertEquals(weights, classifier.getMeasure("measureNumWeights"), 0.0);
    assertEquals(committee.shape().numHidden(), classifier.getMeasure("measureNumHiddenUnits"), 0.0);
    assertEquals(report.epochsRun(chosen), classifier.getMeasure("measureEpochsRun"), 0.0);
    assertEquals(report.bestEpoch(chosen), classifier.getMeasure("measureKeptEpoch"), 0.0);
    assertMissing(classifier, "measureFinalTrainingLoss");
    assertMissing(classifier, "measureBestValidationLoss");
    assertEquals(report.candidate(chosen).numHidden(), classifier.getMeasure("measureTunedHiddenUnits"), 0.0);
    assertEquals(report.candidate(chosen).weightDecay(), classifier.getMeasure("measureTunedWeightDecay"), 0.0);
    assertEquals(report.folds(), classifier.getMeasure("measureTuningFolds"), 0.0);
    assertEquals(report.brier(chosen), classifier.getMeasure("measureTuningCvBrier"), 0.0);
    assertEquals(100 * report.accuracy(chosen), classifier.getMeasure("measureTuningCvAccuracy"), 1e-12);
    assertMissing(classifier, "measureTuningCvRrse"); // a nominal class
    assertEquals(committee.size(), classifier.getMeasure("measureCommitteeSize"), 0.0);
    assertEquals(report.folds(), committee.size());
    assertEquals(committee.shape().numHidden(), report.candidate(chosen).numHidden());
    // as Weka's classifiers, the name's case does not matter
    assertEquals(weights, classifier.getMeasure("MEASURENUMWEIGHTS"), 0.0);
  }

  /**
   * A numeric class's committee: the tuning's held-out squared error as the CV Brier measure, its root relative
   * squared error in percent as measureTuningCvRrse, and no accuracy; one network of a numeric class reports none of
   * the tuning's measures.
   */
  @Test
  void numericClassReportsTheTuningsRootRelativeSquaredError() throws Exception {
    Instances data = RegressionTest.smooth(300, 0.0, false, 7);
    BackpropOneHidden classifier = TestSupport.classifier("-N 20");
    classifier.buildClassifier(data);
    SearchReport report = classifier.getTuningReport();
    assertNotNull(report);
    assertTrue(report.numeric());
    int chosen = report.chosen();
    assertEquals(report.brier(chosen), classifier.getMeasure("measureTuningCvBrier"), 0.0);
    assertEquals(100 * report.rootRelativeSquaredError(chosen), classifier.getMeasure("measureTuningCvRrse"), 1e-12);
    double rrse = classifier.getMeasure("measureTuningCvRrse");
    assertTrue(rrse > 0 && rrse < 50, "the smooth function is learned far better than its mean: RRSE " + rrse);
    // the model text's table prints the same figure for the chosen candidate
    assertTrue(classifier.toString().contains(String.format(java.util.Locale.ROOT, "%.2f %%", rrse)),
        classifier.toString());
    assertMissing(classifier, "measureTuningCvAccuracy");
    assertEquals(report.folds(), classifier.getMeasure("measureCommitteeSize"), 0.0);

    BackpropOneHidden one = TestSupport.classifier("-tune none -N 20");
    one.buildClassifier(data);
    assertEquals(one.getTrainingResult().finalLoss(), one.getMeasure("measureFinalTrainingLoss"), 0.0);
    for (String name : TUNING) {
      assertMissing(one, name);
    }
  }

  @Test
  void oneNetworkReportsItsTrainingAndNoTuning() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-tune none -N 20");
    classifier.buildClassifier(iris);
    TrainingResult result = classifier.getTrainingResult();
    assertNotNull(result);
    assertNull(classifier.getTuningReport());
    double[] validation = result.validationHistory();
    assertNotNull(validation, "-V 0.1 holds rows out");

    assertEquals(result.network().shape().numParameters(), classifier.getMeasure("measureNumWeights"), 0.0);
    assertEquals(classifier.getNumHidden(), classifier.getMeasure("measureNumHiddenUnits"), 0.0);
    assertEquals(result.epochs(), classifier.getMeasure("measureEpochsRun"), 0.0);
    assertEquals(result.keptEpoch(), classifier.getMeasure("measureKeptEpoch"), 0.0);
    assertEquals(result.finalLoss(), classifier.getMeasure("measureFinalTrainingLoss"), 0.0);
    assertEquals(validation[result.keptEpoch()], classifier.getMeasure("measureBestValidationLoss"), 0.0);
    assertTrue(classifier.getMeasure("measureFinalTrainingLoss") > 0);
    for (String name : TUNING) {
      assertMissing(classifier, name);
    }

    BackpropOneHidden noValidation = TestSupport.classifier("-tune none -N 5 -V 0");
    noValidation.buildClassifier(iris);
    assertNull(noValidation.getTrainingResult().validationHistory());
    assertMissing(noValidation, "measureBestValidationLoss");
    assertEquals(noValidation.getTrainingResult().epochs(), noValidation.getMeasure("measureEpochsRun"), 0.0);
    assertEquals(noValidation.getTrainingResult().keptEpoch(), noValidation.getMeasure("measureKeptEpoch"), 0.0);
  }

  @Test
  void priorHasNoWeightsAndNothingElse() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-N 20");
    classifier.buildClassifier(TestSupport.constantAttributes(3, 1));
    assertNull(classifier.getNetwork());
    assertNull(classifier.getCommittee());
    assertEquals(0, classifier.getMeasure("measureNumWeights"), 0.0);
    assertEquals(0, classifier.getMeasure("measureNumHiddenUnits"), 0.0);
    for (String name : NAMES.subList(2, NAMES.size())) {
      assertMissing(classifier, name);
    }
  }

  @Test
  void nothingBuiltGivesMissingValues() {
    BackpropOneHidden classifier = new BackpropOneHidden();
    for (String name : NAMES) {
      assertMissing(classifier, name);
    }
  }

  @Test
  void unknownMeasureIsRefusedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BackpropOneHidden().getMeasure("measureNumRules"));
    assertTrue(e.getMessage().contains("measureNumRules"), e.getMessage());
    for (String name : NAMES) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  private static void assertMissing(BackpropOneHidden classifier, String name) {
    assertTrue(Utils.isMissingValue(classifier.getMeasure(name)), name + " = " + classifier.getMeasure(name));
  }
}
