package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.RobustnessTest.assertPredictsProbabilities;
import static weka.classifiers.functions.RobustnessTest.train;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.bridge.OptionTable;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingMemory;
import weka.core.Instances;

/**
 * Every option at and beyond its bounds, and conflicting combinations: a finite model, or a clear error
 * naming the option (the plain range checks are in BackpropOneHiddenOptionsTest).
 */
class OptionRobustnessTest {

  private static Instances small;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    Instances iris = TestSupport.iris();
    small = new Instances(iris, 0);
    for (int k = 0; k < iris.numInstances(); k += 5) {
      small.add(iris.instance(k)); // 30 rows, 10 of each class
    }
  }

  /** Each option at the edge of its range (and a few far inside it) trains a model with probabilities. */
  static Stream<Arguments> optionsAtTheirBounds() {
    return Stream.of(
        Arguments.of((Object) new String[] {"-H", "1"}),
        Arguments.of((Object) new String[] {"-H", "10000", "-N", "2"}),
        Arguments.of((Object) new String[] {"-L", "4.9E-324"}),
        Arguments.of((Object) new String[] {"-L", "1000"}),
        Arguments.of((Object) new String[] {"-L", "1e300"}),
        Arguments.of((Object) new String[] {"-L", "1.7976931348623157E308"}),
        Arguments.of((Object) new String[] {"-O", "momentum", "-M", "0"}),
        Arguments.of((Object) new String[] {"-O", "nesterov", "-M", "0.9999999999"}),
        Arguments.of((Object) new String[] {"-O", "adam", "-L", "1000"}),
        Arguments.of((Object) new String[] {"-O", "lbfgs", "-B", "0"}),
        Arguments.of((Object) new String[] {"-O", "lbfgs", "-B", "0", "-R", "1e300"}),
        Arguments.of((Object) new String[] {"-O", "lbfgs", "-B", "0", "-V", "0.3", "-E", "1"}),
        Arguments.of((Object) new String[] {"-decay", "0"}),
        Arguments.of((Object) new String[] {"-decay", "1.7976931348623157E308"}),
        Arguments.of((Object) new String[] {"-R", "0"}),
        Arguments.of((Object) new String[] {"-R", "1e300"}),
        Arguments.of((Object) new String[] {"-B", "0"}),
        Arguments.of((Object) new String[] {"-B", "1"}),
        Arguments.of((Object) new String[] {"-B", "2147483647"}),
        Arguments.of((Object) new String[] {"-N", "0"}),
        Arguments.of((Object) new String[] {"-V", "0"}),
        Arguments.of((Object) new String[] {"-V", "0.9999"}),
        Arguments.of((Object) new String[] {"-V", "0.3", "-E", "1"}),
        Arguments.of((Object) new String[] {"-V", "0.3", "-E", "2147483647"}),
        Arguments.of((Object) new String[] {"-num-threads", "0"}),
        Arguments.of((Object) new String[] {"-num-threads", "64"}),
        Arguments.of((Object) new String[] {"-S", "-2147483648"}),
        Arguments.of((Object) new String[] {"-S", "2147483647"}),
        Arguments.of((Object) new String[] {"-balance", "-resume"}));
  }

  @ParameterizedTest
  @MethodSource("optionsAtTheirBounds")
  void optionAtItsBoundTrainsAModelWithProbabilities(String[] options) throws Exception {
    BackpropOneHidden classifier;
    try {
      classifier = train(small, options);
    } catch (Exception e) {
      // the only documented training failure for valid options: the loss stays NaN/infinite after the
      // learning rate was halved Trainer.MAX_RESTARTS times; the message names -L
      assertTrue(e.getMessage().contains("(-L, now "), e.getMessage());
      return;
    }
    assertPredictsProbabilities(classifier, small);
    assertTrue(classifier.toString().startsWith("BackpropOneHidden"));
  }

  /** Huge learning rates are halved on a NaN/infinite loss; the model that results is finite. */
  @Test
  void learningRateOneThousandGivesAFiniteModel() throws Exception {
    for (String optimizer : new String[] {"gd", "momentum", "nesterov", "adam"}) {
      BackpropOneHidden classifier = train(small, "-L", "1000", "-O", optimizer, "-N", "50");
      for (double w : TestSupport.parameters(classifier)) {
        assertTrue(Double.isFinite(w), optimizer);
      }
      assertPredictsProbabilities(classifier, small);
    }
  }

  // options beyond their bounds: BackpropOneHiddenOptionsTest.badValueFailsAtOnceNamingTheOptionAndItsRange

  /**
   * A whole number written correctly but beyond Java's int range is out of range, not "not a whole number"
   * (issue 14, item 11).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("wholeNumbersBeyondTheIntRange")
  void aWholeNumberBeyondTheIntRangeIsSaidToBeOutOfRange(String flag, String value) {
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> new BackpropOneHidden().setOptions(new String[] {flag, value}));
    assertTrue(e.getMessage().startsWith(flag + " ") && e.getMessage().contains("got '" + value + "'")
        && e.getMessage().contains("out of range") && !e.getMessage().contains("not a whole number"), e.getMessage());
  }

  static Stream<Arguments> wholeNumbersBeyondTheIntRange() {
    return Stream.of(Arguments.of("-S", "99999999999"), Arguments.of("-S", "-2147483649"),
        Arguments.of("-H", "2147483648"), Arguments.of("-N", "123456789012345678901234567890"),
        Arguments.of("-buffer", "+99999999999"));
  }

  /**
   * Numbers are written with ASCII digits only, whole numbers as the -L-style numbers: Java's Integer.parseInt would
   * accept other scripts' digits (fullwidth, Arabic-Indic) where Double.parseDouble refuses them (issue 14, item 11).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("digitsOfOtherScripts")
  void digitsOfOtherScriptsAreRefusedByEveryNumericOption(String flag, String value) {
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> new BackpropOneHidden().setOptions(new String[] {flag, value}));
    assertTrue(e.getMessage().startsWith(flag + " ") && e.getMessage().contains("got '" + value + "'"),
        e.getMessage());
  }

  static Stream<Arguments> digitsOfOtherScripts() {
    return Stream.of(Arguments.of("-H", "\uFF11\uFF16"), Arguments.of("-N", "\u0661\u0662"),
        Arguments.of("-S", "\u0967"), Arguments.of("-buffer", "\u096B\u0966"), Arguments.of("-L", "\uFF10.5"),
        Arguments.of("-R", "\u0661"));
  }

  @Test
  void moreHiddenUnitsThanAnArrayHoldsIsRefusedNamingH() {
    Exception e = assertThrows(IllegalArgumentException.class, () -> train(small, "-H", "2147483647"));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: -H (hidden units) 2147483647 with 4 inputs and 3 "
        + "outputs needs "), e.getMessage());
  }

  /**
   * Options whose arrays cannot fit this JVM's heap are refused before anything is allocated, saying how much they
   * need and what to change (issue 14, item 9); -H 20,000,000 on 4 inputs (160 million weights) ran out of memory.
   */
  @Test
  void optionsThatNeedMoreMemoryThanTheHeapAreRefusedUpFrontSayingHowMuch() {
    Exception e = assertThrows(IllegalArgumentException.class, () -> train(small, "-H", "20000000"));
    String message = e.getMessage();
    assertTrue(message.startsWith("BackpropOneHidden: training needs about ") && message.contains(" MB (the data "
        + "matrix ") && message.contains("arrays of the 160000003 weights") && message.contains("more than this "
        + "Java heap's maximum of " + TrainingMemory.megabytes(Runtime.getRuntime().maxMemory()) + " (-Xmx)") && message.contains("-H"), message);
  }

  /** Data whose matrix would have more values than a Java array holds is refused up front, before "integer overflow". */
  @Test
  void dataWhoseMatrixExceedsAnArrayIsRefusedUpFront() {
    TrainingConfig config = TrainingConfig.builder().numHidden(2).build();
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> TrainingData.checkTrainingSize(config, 3_000_000, 999, 2));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: the training data would be one matrix of 3000000 "
        + "instances × 1000 values") && e.getMessage().contains("more than a Java array holds"), e.getMessage());
  }

  /** A weight decay so large that every step overflows: the divergence error names -L and -R. */
  @Test
  void hugeWeightDecayDivergesNamingLearningRateAndWeightDecay() {
    Exception e = assertThrows(Exception.class, () -> train(small, "-tune", "none", "-R", "1e300"));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: training diverged"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(-L, now 0.5; or a smaller weight decay, -R, now 1.0E300)"), e.getMessage());
  }

  @Test
  void hugeWeightDecayWithLbfgsFailsAtOnceNamingWeightDecayNotLearningRate() {
    Exception e = assertThrows(Exception.class, () -> train(small, "-O", "lbfgs", "-B", "0", "-R", "1e308"));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: training diverged"), e.getMessage());
    assertTrue(e.getMessage().contains("L-BFGS"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(try a smaller weight decay, -R, now 1.0E308)"), e.getMessage());
  }

  @Test
  void zeroEpochsKeepsTheRandomInitialWeights() throws Exception {
    BackpropOneHidden classifier = train(small, "-N", "0");
    assertEquals(0, classifier.getTrainingResult().epochs());
    assertEquals(1, classifier.getLossHistory().length, "only the initial loss");
    assertArrayEquals(weka.classifiers.functions.backprop.train.Trainer.initialParameters(
        classifier.getNetwork().shape(), classifier.getSeed()), classifier.getNetwork().parameters());
    assertTrue(classifier.toString().contains("0 epochs run"), classifier.toString());
    assertPredictsProbabilities(classifier, small);
  }

  /** Momentum is read only by the momentum and nesterov optimizers; gd and adam ignore it. */
  @Test
  void momentumIsIgnoredByGdAndAdam() throws Exception {
    for (String optimizer : new String[] {"gd", "adam"}) {
      BackpropOneHidden low = train(small, "-O", optimizer, "-M", "0.1");
      BackpropOneHidden high = train(small, "-O", optimizer, "-M", "0.95");
      assertArrayEquals(TestSupport.parameters(low), TestSupport.parameters(high), optimizer);
    }
    BackpropOneHidden low = train(small, "-O", "momentum", "-M", "0.1");
    BackpropOneHidden high = train(small, "-O", "momentum", "-M", "0.95");
    assertTrue(TestSupport.parameters(low)[0] != TestSupport.parameters(high)[0]);
  }

  /** L-BFGS steps on full batches only: with -B > 0 (the default is 32) it is refused naming -O and -B. */
  @Test
  void lbfgsWithMiniBatchesIsRefusedNamingBothOptions() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    String[] before = classifier.getOptions();
    Exception e = assertThrows(IllegalArgumentException.class, () -> classifier.setOptions(new String[] {"-O", "lbfgs"}));
    assertEquals("-O lbfgs trains on full batches: set -B 0 (got -B " + OptionTable.MINI_BATCH_SIZE.defaultValue() + ")",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> classifier.setOptions(new String[] {"-O", "lbfgs", "-B", "7"}));
    assertEquals("-O lbfgs trains on full batches: set -B 0 (got -B 7)", e.getMessage());
    assertArrayEquals(before, classifier.getOptions(), "a refused setOptions must change nothing");

    // set one by one (the Explorer's property sheet), the combination is refused when training starts
    classifier.setOptimizer(new weka.core.SelectedTag(weka.classifiers.functions.backprop.UpdateRule.LBFGS.ordinal(),
        BackpropOneHidden.TAGS_OPTIMIZER));
    classifier.setMiniBatchSize(16);
    e = assertThrows(IllegalArgumentException.class, () -> classifier.buildClassifier(small));
    assertEquals("BackpropOneHidden: -O lbfgs trains on full batches: set -B 0 (got -B 16)", e.getMessage());
    classifier.setMiniBatchSize(0);
    classifier.buildClassifier(small);
    assertPredictsProbabilities(classifier, small);
  }

  /** The learning rate is not read by lbfgs: the model is identical for any -L. */
  @Test
  void learningRateIsIgnoredByLbfgs() throws Exception {
    BackpropOneHidden low = train(small, "-O", "lbfgs", "-B", "0", "-L", "1e-6");
    BackpropOneHidden high = train(small, "-O", "lbfgs", "-B", "0", "-L", "1000");
    assertArrayEquals(TestSupport.parameters(low), TestSupport.parameters(high));
  }

  @Test
  void miniBatchLargerThanTheDataIsFullBatch() throws Exception {
    BackpropOneHidden full = train(small, "-B", "0");
    BackpropOneHidden larger = train(small, "-B", "1000");
    assertArrayEquals(TestSupport.parameters(full), TestSupport.parameters(larger));
    assertTrue(larger.toString().contains(", full batch,"), larger.toString());
  }

  @Test
  void validationOnTooSmallDataIsSkippedAndSaid() throws Exception {
    Instances six = TestData.separable(3, 1);
    BackpropOneHidden classifier = train(six, "-V", "0.5");
    assertTrue(classifier.getTrainingResult().validationSkipped());
    assertTrue(classifier.toString().contains("Early stopping skipped: too few instances to hold out a validation set"));
    BackpropOneHidden without = train(six, "-V", "0");
    assertArrayEquals(without.getNetwork().parameters(), classifier.getNetwork().parameters());
  }
}
