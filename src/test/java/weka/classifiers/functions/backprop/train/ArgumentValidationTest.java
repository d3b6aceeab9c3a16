package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.optim.GradientDescent;


/**
 * Out-of-range settings and malformed data are rejected at once, with an {@link IllegalArgumentException}
 * whose message names what was wrong; the boundary values themselves are accepted, and a rejected value
 * leaves the configuration unchanged.
 */
class ArgumentValidationTest {

  private static void assertRejected(String expectedInMessage, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage() != null
        && e.getMessage().toLowerCase(Locale.ROOT).contains(expectedInMessage.toLowerCase(Locale.ROOT)),
        "message should name '" + expectedInMessage + "': " + e.getMessage());
  }

  private static void assertRejectedSetting(String setting, Consumer<TrainingConfig.Builder> set) {
    TrainingConfig.Builder builder = TrainingConfig.builder().numHidden(3).learningRate(0.25).epochs(7).numThreads(2);
    assertRejected(setting, () -> set.accept(builder));
    TrainingConfig config = builder.build();
    assertEquals(3, config.numHidden(), "unchanged after a rejected " + setting);
    assertEquals(0.25, config.learningRate(), "unchanged after a rejected " + setting);
    assertEquals(7, config.epochs(), "unchanged after a rejected " + setting);
    assertEquals(2, config.numThreads(), "unchanged after a rejected " + setting);
  }

  @Test
  void hiddenUnitsBelowOneAreRejected() {
    assertRejectedSetting("hidden units", c -> c.numHidden(0));
    assertRejectedSetting("hidden units", c -> c.numHidden(-5));
    assertRejectedSetting("hidden units", c -> c.numHidden(Integer.MIN_VALUE));
    assertEquals(1, TrainingConfig.builder().numHidden(1).build().numHidden());
  }

  @Test
  void learningRateMustBeFiniteAndPositive() {
    for (double bad : new double[] {0.0, -0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}) {
      assertRejectedSetting("learning rate", c -> c.learningRate(bad));
      assertRejected("learning rate", () -> new GradientDescent(bad));
    }
    assertEquals(Double.MIN_VALUE, TrainingConfig.builder().learningRate(Double.MIN_VALUE).build().learningRate());
    assertEquals(Double.MAX_VALUE, TrainingConfig.builder().learningRate(Double.MAX_VALUE).build().learningRate());
  }

  @Test
  void negativeEpochsAreRejected() {
    assertRejectedSetting("epochs", c -> c.epochs(-1));
    assertRejectedSetting("epochs", c -> c.epochs(Integer.MIN_VALUE));
    assertEquals(0, TrainingConfig.builder().epochs(0).build().epochs());
  }

  @Test
  void threadsBelowOneAreRejected() {
    assertRejectedSetting("threads", c -> c.numThreads(0));
    assertRejectedSetting("threads", c -> c.numThreads(-2));
    assertEquals(1, TrainingConfig.builder().numThreads(1).build().numThreads());
    DataMatrix data = EngineTestData.random(10, 1, 2, false, 1);
    assertRejected("threads", () -> new BatchGradient(new NetworkShape(1, 1, 1, Activation.SIGMOID), data, 0));
  }

  @Test
  void nullActivationIsRejected() {
    assertRejectedSetting("activation", c -> c.activation(null));
    assertRejected("activation", () -> Activation.fromOptionName("relu"));
    assertEquals(Activation.TANH, Activation.fromOptionName(" TanH "));
  }

  @Test
  void classIndexOutsideTheClassesIsRejected() {
    double[] x = {1, 0.5, 1, -0.5, 1, 2.0};
    assertRejected("class index", () -> new DataMatrix(x, new int[] {0, 2, 1}, null, 1, 2));
    assertRejected("class index", () -> new DataMatrix(x, new int[] {0, -1, 1}, null, 1, 2));
    assertRejected("class index", () -> new DataMatrix(x, new int[] {0, 1, 3}, null, 1, 3));
    assertEquals(3, new DataMatrix(x, new int[] {0, 1, 2}, null, 1, 3).numRows());
  }

  @Test
  void rowWithoutTheBiasColumnIsRejected() {
    assertRejected("bias", () -> new DataMatrix(new double[] {1, 0.5, 0, -0.5}, new int[] {0, 1}, null, 1, 2));
    assertRejected("bias", () -> new DataMatrix(new double[] {2, 0.5, 1, -0.5}, new int[] {0, 1}, null, 1, 2));
    // the inputs without the bias: right length for m = 1 only if column 0 were dropped
    assertRejected("x has", () -> new DataMatrix(new double[] {0.5, -0.5}, new int[] {0, 1}, null, 1, 2));
  }

  @Test
  void malformedWeightsAndShapesAreRejected() {
    double[] x = {1, 0.5, 1, -0.5};
    int[] y = {0, 1};
    assertRejected("weight", () -> new DataMatrix(x, y, new double[] {1, -1}, 1, 2));
    assertRejected("weight", () -> new DataMatrix(x, y, new double[] {1, Double.NaN}, 1, 2));
    assertRejected("weight", () -> new DataMatrix(x, y, new double[] {Double.POSITIVE_INFINITY, 1}, 1, 2));
    assertRejected("weights", () -> new DataMatrix(x, y, new double[] {1}, 1, 2));
    assertRejected("classes", () -> new DataMatrix(x, y, null, 1, 1));
    assertRejected("outputs", () -> new NetworkShape(1, 1, 2, Activation.SIGMOID));
    assertRejected("hidden units", () -> new NetworkShape(1, 0, 1, Activation.SIGMOID));
    assertRejected("parameters", () -> new Network(new NetworkShape(1, 1, 1, Activation.SIGMOID), new double[3]));
    DataMatrix data = new DataMatrix(x, y, null, 1, 2);
    NetworkShape wider = new NetworkShape(2, 1, 1, Activation.SIGMOID);
    assertRejected("inputs", () -> new Accumulator(wider).add(new double[wider.numParameters()], data, 0, 2,
        new GradientSums(wider.numParameters())));
  }
}
