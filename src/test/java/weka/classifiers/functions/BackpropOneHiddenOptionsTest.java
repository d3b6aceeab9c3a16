package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.bridge.OptionTable;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Utils;

/** The command-line options: defaults, round trips, and the refusal of bad values and unknown options. */
class BackpropOneHiddenOptionsTest {

  /** Every option at a value other than its default, in getOptions order. */
  private static final String[] NON_DEFAULT = {"-H", "3", "-A", "tanh", "-O", "nesterov", "-L", "0.125",
      "-M", "0.5", "-decay", "0.01", "-R", "0.002", "-B", "16", "-N", "7", "-V", "0.2", "-E", "4", "-tune", "none",
      "-tune-folds", "3", "-tune-hidden", "8,32", "-tune-decay", "0.001,0.1", "-balance", "-importance",
      "-num-threads", "2", "-buffer", "500", "-resume", "-print-weights", "-S", "42"};

  @Test
  void defaultsAreTheDefaultConstants() {
    assertDefaults(new BackpropOneHidden());
  }

  @Test
  void emptyOptionsResetEverythingToTheDefaults() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(NON_DEFAULT.clone());
    classifier.setOptions(new String[0]);
    assertDefaults(classifier);
  }

  private static void assertDefaults(BackpropOneHidden classifier) {
    assertEquals(OptionTable.NUM_HIDDEN.defaultValue(), classifier.getNumHidden());
    assertEquals(OptionTable.ACTIVATION.defaultValue().ordinal(), classifier.getActivation().getSelectedTag().getID());
    assertEquals(OptionTable.LEARNING_RATE.defaultValue(), classifier.getLearningRate());
    assertEquals(OptionTable.NUM_EPOCHS.defaultValue(), classifier.getNumEpochs());
    assertEquals(OptionTable.NUM_THREADS.defaultValue(), classifier.getNumThreads());
    assertEquals(OptionTable.OPTIMIZER.defaultValue().ordinal(), classifier.getOptimizer().getSelectedTag().getID());
    assertEquals(OptionTable.MOMENTUM.defaultValue(), classifier.getMomentum());
    assertEquals(OptionTable.LEARNING_RATE_DECAY.defaultValue(), classifier.getLearningRateDecay());
    assertEquals(OptionTable.WEIGHT_DECAY.defaultValue(), classifier.getWeightDecay());
    assertEquals(OptionTable.MINI_BATCH_SIZE.defaultValue(), classifier.getMiniBatchSize());
    assertEquals(OptionTable.VALIDATION_FRACTION.defaultValue(), classifier.getValidationFraction());
    assertEquals(OptionTable.PATIENCE.defaultValue(), classifier.getPatience());
    assertEquals(OptionTable.TUNE.defaultValue().ordinal(), classifier.getTune().getSelectedTag().getID());
    assertEquals(OptionTable.TUNE_FOLDS.defaultValue(), classifier.getTuneFolds());
    assertEquals(OptionTable.TUNE_HIDDEN.defaultValue(), classifier.getTuneHidden());
    assertEquals(OptionTable.TUNE_DECAY.defaultValue(), classifier.getTuneDecay());
    assertEquals(false, classifier.getBalanceClasses());
    assertEquals(false, classifier.getResume());
    assertEquals(false, classifier.getPrintAllWeights());
    assertEquals(OptionTable.BUFFER_SIZE.defaultValue(), classifier.getBufferSize());
    assertEquals(1, classifier.getSeed(), "RandomizableClassifier's default seed");
    assertEquals(List.of("-H", "" + OptionTable.NUM_HIDDEN.defaultValue(),
        "-A", OptionTable.ACTIVATION.defaultValue().optionName(), "-O", OptionTable.OPTIMIZER.defaultValue().optionName(),
        "-L", "" + OptionTable.LEARNING_RATE.defaultValue(), "-M", "" + OptionTable.MOMENTUM.defaultValue(),
        "-decay", "" + OptionTable.LEARNING_RATE_DECAY.defaultValue(), "-R", "" + OptionTable.WEIGHT_DECAY.defaultValue(),
        "-B", "" + OptionTable.MINI_BATCH_SIZE.defaultValue(), "-N", "" + OptionTable.NUM_EPOCHS.defaultValue(),
        "-V", "" + OptionTable.VALIDATION_FRACTION.defaultValue(), "-E", "" + OptionTable.PATIENCE.defaultValue(),
        "-tune", OptionTable.TUNE.defaultValue().optionName(), "-tune-folds", "" + OptionTable.TUNE_FOLDS.defaultValue(),
        "-tune-hidden", OptionTable.TUNE_HIDDEN.defaultValue(), "-tune-decay", OptionTable.TUNE_DECAY.defaultValue(),
        "-num-threads", "" + OptionTable.NUM_THREADS.defaultValue(), "-buffer", "" + OptionTable.BUFFER_SIZE.defaultValue(),
        "-S", "1"), List.of(classifier.getOptions()));
  }

  @Test
  void nonDefaultOptionsSurviveTheRoundTrip() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(NON_DEFAULT.clone());
    assertEquals(3, classifier.getNumHidden());
    assertEquals(Activation.TANH.ordinal(), classifier.getActivation().getSelectedTag().getID());
    assertEquals(0.125, classifier.getLearningRate());
    assertEquals(7, classifier.getNumEpochs());
    assertEquals(2, classifier.getNumThreads());
    assertEquals(42, classifier.getSeed());
    assertEquals("nesterov", classifier.getOptimizer().getSelectedTag().getIDStr());
    assertEquals(0.5, classifier.getMomentum());
    assertEquals(0.01, classifier.getLearningRateDecay());
    assertEquals(0.002, classifier.getWeightDecay());
    assertEquals(16, classifier.getMiniBatchSize());
    assertEquals(0.2, classifier.getValidationFraction());
    assertEquals(4, classifier.getPatience());
    assertEquals("none", classifier.getTune().getSelectedTag().getIDStr());
    assertEquals(3, classifier.getTuneFolds());
    assertEquals("8,32", classifier.getTuneHidden());
    assertEquals("0.001,0.1", classifier.getTuneDecay());
    assertTrue(classifier.getBalanceClasses());
    assertTrue(classifier.getResume());
    assertTrue(classifier.getPrintAllWeights());
    assertEquals(500, classifier.getBufferSize());

    String[] options = classifier.getOptions();
    assertArrayEquals(NON_DEFAULT, options);
    BackpropOneHidden copy = new BackpropOneHidden();
    copy.setOptions(Utils.splitOptions(Utils.joinOptions(options)));
    assertArrayEquals(options, copy.getOptions());
  }

  @Test
  void settersAndGettersRoundTripThroughOptions() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setNumHidden(1);
    classifier.setActivation(new SelectedTag(Activation.TANH.ordinal(), BackpropOneHidden.TAGS_ACTIVATION));
    classifier.setLearningRate(1e-7);
    classifier.setNumEpochs(0);
    classifier.setNumThreads(16);
    classifier.setBufferSize(1);
    classifier.setPrintAllWeights(true);
    classifier.setSeed(-3);
    BackpropOneHidden copy = new BackpropOneHidden();
    copy.setOptions(classifier.getOptions());
    assertEquals(1, copy.getNumHidden());
    assertEquals(Activation.TANH.ordinal(), copy.getActivation().getSelectedTag().getID());
    assertEquals(1e-7, copy.getLearningRate());
    assertEquals(0, copy.getNumEpochs());
    assertEquals(16, copy.getNumThreads());
    assertEquals(1, copy.getBufferSize());
    assertTrue(copy.getPrintAllWeights());
    assertEquals(-3, copy.getSeed());
  }

  @Test
  void lbfgsSurvivesTheRoundTripAndIsListed() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(new String[] {"-O", "LBFGS", "-B", "0", "-N", "12"});
    assertEquals("lbfgs", classifier.getOptimizer().getSelectedTag().getIDStr());
    List<String> options = List.of(classifier.getOptions());
    assertEquals("lbfgs", options.get(options.indexOf("-O") + 1));
    assertEquals("0", options.get(options.indexOf("-B") + 1));
    BackpropOneHidden copy = new BackpropOneHidden();
    copy.setOptions(classifier.getOptions());
    assertArrayEquals(classifier.getOptions(), copy.getOptions());

    String synopsis = null;
    for (Option option : Collections.list(classifier.listOptions())) {
      if (option.name().equals("O")) {
        synopsis = option.synopsis();
      }
    }
    assertEquals("-O <gd|momentum|nesterov|adam|lbfgs>", synopsis);
    assertTrue(classifier.optimizerTipText().contains("lbfgs"), classifier.optimizerTipText());
    assertTrue(classifier.learningRateTipText().contains("Not used by lbfgs"), classifier.learningRateTipText());
  }

  @Test
  void activationNameIgnoresCase() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(new String[] {"-A", "TANH"});
    assertEquals(Activation.TANH.ordinal(), classifier.getActivation().getSelectedTag().getID());
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("-H", "0", "at least 1"),
        Arguments.of("-H", "-4", "at least 1"),
        Arguments.of("-H", "two", "at least 1"),
        Arguments.of("-H", "1.5", "at least 1"),
        Arguments.of("-L", "0", "> 0"),
        Arguments.of("-L", "-0.1", "> 0"),
        Arguments.of("-L", "NaN", "> 0"),
        Arguments.of("-L", "Infinity", "> 0"),
        Arguments.of("-L", "1e400", "> 0"),
        Arguments.of("-L", "fast", "> 0"),
        Arguments.of("-N", "-1", "at least 0"),
        Arguments.of("-N", "many", "at least 0"),
        Arguments.of("-A", "relu", "sigmoid, tanh"),
        Arguments.of("-num-threads", "-1", "at least 0"),
        Arguments.of("-num-threads", "x", "at least 0"),
        Arguments.of("-O", "sgd", "gd, momentum, nesterov, adam, lbfgs"),
        Arguments.of("-M", "1", "[0, 1)"),
        Arguments.of("-M", "-0.1", "[0, 1)"),
        Arguments.of("-decay", "-1", ">= 0"),
        Arguments.of("-decay", "Infinity", ">= 0"),
        Arguments.of("-R", "-0.001", ">= 0"),
        Arguments.of("-R", "NaN", ">= 0"),
        Arguments.of("-B", "-1", "at least 0"),
        Arguments.of("-V", "1", "[0, 1)"),
        Arguments.of("-V", "half", "[0, 1)"),
        Arguments.of("-E", "0", "at least 1"),
        Arguments.of("-H", "2147483648", "at least 1"),
        Arguments.of("-L", "-1e-300", "> 0"),
        Arguments.of("-M", "NaN", "[0, 1)"),
        Arguments.of("-V", "NaN", "[0, 1)"),
        Arguments.of("-buffer", "0", "at least 1"),
        Arguments.of("-buffer", "-5", "at least 1"),
        Arguments.of("-buffer", "lots", "at least 1"),
        Arguments.of("-S", "abc", "whole number"),
        Arguments.of("-S", "2147483648", "whole number"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badValues")
  void badValueFailsAtOnceNamingTheOptionAndItsRange(String flag, String value, String range) {
    BackpropOneHidden classifier = new BackpropOneHidden();
    String[] before = classifier.getOptions();
    String[] other = flag.equals("-H") ? new String[] {"-N", "3"} : new String[] {"-H", "5"};
    Exception e = assertThrows(Exception.class,
        () -> classifier.setOptions(new String[] {other[0], other[1], flag, value}));
    String message = e.getMessage();
    assertTrue(message.contains(flag + " "), "message should name " + flag + ": " + message);
    assertTrue(message.contains(range), "message should give the range '" + range + "': " + message);
    assertTrue(message.contains(value), "message should quote the value '" + value + "': " + message);
    assertArrayEquals(before, classifier.getOptions(), "a refused setOptions must change nothing");
  }

  @Test
  void settersRefuseBadValuesNamingTheOption() {
    BackpropOneHidden c = new BackpropOneHidden();
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setNumHidden(0)), "-H", "at least 1");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setLearningRate(0)), "-L", "> 0");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setLearningRate(Double.NaN)), "-L", "> 0");
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> c.setLearningRate(Double.POSITIVE_INFINITY)), "-L", "> 0");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setNumEpochs(-1)), "-N", "at least 0");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setNumThreads(-1)), "-num-threads",
        "at least 0");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setBufferSize(0)), "-buffer", "at least 1");
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> c.setActivation(new SelectedTag(0, new weka.core.Tag[] {new weka.core.Tag(0, "relu")}))), "-A",
        "sigmoid, tanh");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setTuneFolds(1)), "-tune-folds", "at least 2");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setTuneHidden("16,0")), "-tune-hidden",
        "whole numbers >= 1");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setTuneHidden("16,,64")), "-tune-hidden",
        "comma-separated");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setTuneDecay("1e-4,x")), "-tune-decay",
        "finite numbers >= 0");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> c.setTuneDecay("-1")), "-tune-decay",
        "finite numbers >= 0");
    assertDefaults(c);
  }

  @Test
  void tuningGridsAreNormalizedAndRoundTrip() throws Exception {
    BackpropOneHidden c = new BackpropOneHidden();
    c.setOptions(new String[] {"-tune-hidden", " 8 , 32", "-tune-decay", "AUTO", "-tune", "NONE"});
    assertEquals("8,32", c.getTuneHidden());
    assertEquals("auto", c.getTuneDecay());
    assertEquals("none", c.getTune().getSelectedTag().getIDStr());
    BackpropOneHidden copy = new BackpropOneHidden();
    copy.setOptions(Utils.splitOptions(Utils.joinOptions(c.getOptions())));
    assertArrayEquals(c.getOptions(), copy.getOptions());
    Exception e = assertThrows(IllegalArgumentException.class, () -> c.setOptions(new String[] {"-tune", "grid"}));
    assertTrue(e.getMessage().contains("-tune (tuning)") && e.getMessage().contains("cv, none"), e.getMessage());
  }

  private static void assertMessage(Exception e, String flag, String range) {
    assertTrue(e.getMessage().contains(flag + " ") && e.getMessage().contains(range), e.getMessage());
  }

  @Test
  void unknownLeftoverOptionsAreRejected() {
    BackpropOneHidden classifier = new BackpropOneHidden();
    Exception e = assertThrows(Exception.class,
        () -> classifier.setOptions(new String[] {"-H", "5", "-Z", "3"}));
    assertTrue(e.getMessage().contains("-Z"), e.getMessage());
    assertThrows(Exception.class, () -> classifier.setOptions(new String[] {"stray"}));
    assertThrows(Exception.class, () -> classifier.setOptions(new String[] {"-H"}), "-H without a value");
  }

  @Test
  void listOptionsDescribesEveryOptionWithItsDefault() {
    List<String> names = new ArrayList<>();
    StringBuilder descriptions = new StringBuilder();
    for (Option option : Collections.list(new BackpropOneHidden().listOptions())) {
      names.add(option.name());
      descriptions.append(option.description()).append('\n');
    }
    assertTrue(names.containsAll(List.of("H", "A", "L", "N", "num-threads", "buffer", "S")), names.toString());
    String text = descriptions.toString();
    assertTrue(text.contains("(default " + OptionTable.NUM_HIDDEN.defaultValue() + ")"), text);
    assertTrue(text.contains("(default " + OptionTable.ACTIVATION.defaultValue().optionName() + ")"), text);
    assertTrue(text.contains("(default " + OptionTable.LEARNING_RATE.defaultValue() + ")"), text);
    assertTrue(text.contains("(default " + OptionTable.NUM_EPOCHS.defaultValue() + ")"), text);
    assertTrue(text.contains("(default " + OptionTable.NUM_THREADS.defaultValue() + ")"), text);
    assertTrue(text.contains("(default " + OptionTable.BUFFER_SIZE.defaultValue() + ")"), text);
  }
}
