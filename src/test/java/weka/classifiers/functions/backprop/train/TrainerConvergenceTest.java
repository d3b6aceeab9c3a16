package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;


/**
 * Full-batch gradient descent does what the derivation says: one epoch is θ ← θ − η∇J(θ), the loss
 * history records J at each θ_e, a small step lowers J at every epoch, and XOR — not linearly separable —
 * is learned.
 */
class TrainerConvergenceTest {

  static Stream<Arguments> architectures() {
    List<Arguments> cases = new ArrayList<>();
    for (Activation activation : Activation.values()) {
      for (int numClasses : new int[] {2, 3}) {
        cases.add(Arguments.of(activation, numClasses));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {1} classes")
  @MethodSource("architectures")
  void smallLearningRateLowersTheLossAtEveryEpoch(Activation activation, int numClasses) {
    DataMatrix data = EngineTestData.learnable(300, 4, numClasses, 11L + numClasses);
    int epochs = 150;
    TrainingConfig config = TrainingConfig.builder().numHidden(5).activation(activation).learningRate(0.05)
        .epochs(epochs).seed(3).build();
    double[] history = EngineTestData.train(data, config).lossHistory();

    assertEquals(epochs + 1, history.length, "J(θ_0) … J(θ_epochs)");
    for (int e = 1; e < history.length; e++) {
      assertTrue(history[e] < history[e - 1],
          "loss rose or stalled at epoch " + e + ": " + history[e - 1] + " -> " + history[e]);
    }
    assertTrue(history[epochs] < 0.95 * history[0],
        "loss barely moved: " + history[0] + " -> " + history[epochs]);
  }

  @Test
  void weightedRowsAlsoLowerTheLossAtEveryEpoch() {
    DataMatrix data = EngineTestData.random(200, 3, 3, true, 5);
    TrainingConfig config = TrainingConfig.builder().numHidden(4).learningRate(0.05).epochs(100).seed(9).build();
    double[] history = EngineTestData.train(data, config).lossHistory();
    for (int e = 1; e < history.length; e++) {
      assertTrue(history[e] < history[e - 1], "loss did not fall at epoch " + e);
    }
  }

  @Test
  void oneEpochIsOneGradientStepFromTheSeededInitialWeights() {
    DataMatrix data = EngineTestData.random(100, 3, 2, true, 21);
    double learningRate = 0.3;
    TrainingConfig config = TrainingConfig.builder().numHidden(3).activation(Activation.TANH)
        .learningRate(learningRate).epochs(1).seed(77).build();
    TrainingResult result = EngineTestData.train(data, config);

    NetworkShape shape = result.network().shape();
    double[] initial = Trainer.initialParameters(shape, 77);
    double[] gradient = EngineTestData.meanGradient(shape, initial, data);
    double[] expected = new double[initial.length];
    for (int p = 0; p < initial.length; p++) {
      expected[p] = initial[p] - learningRate * gradient[p];
    }
    assertArrayEquals(expected, result.network().parameters(), 1e-15);

    double[] history = result.lossHistory();
    assertEquals(EngineTestData.meanLoss(shape, initial, data), history[0], 1e-15, "entry 0 is J(θ_0)");
    assertEquals(EngineTestData.meanLoss(shape, expected, data), history[1], 1e-15, "entry 1 is J(θ_1)");
  }

  @Test
  void initialWeightsHaveZeroBiasesAndFanInScaledRange() {
    NetworkShape shape = new NetworkShape(5, 7, 3, Activation.SIGMOID);
    double[] params = Trainer.initialParameters(shape, 123);
    double thetaRange = Math.sqrt(3.0 / 6);
    double betaRange = Math.sqrt(3.0 / 8);
    int nonzero = 0;
    for (int p = 0; p < params.length; p++) {
      if (shape.isBias(p)) {
        assertEquals(0.0, params[p], "bias " + p);
      } else {
        double range = p < shape.betaOffset() ? thetaRange : betaRange;
        assertTrue(Math.abs(params[p]) <= range, "parameter " + p + " = " + params[p] + " outside ±" + range);
        nonzero += params[p] != 0.0 ? 1 : 0;
      }
    }
    assertEquals(params.length - 7 - 3, nonzero, "every non-bias weight is random");
  }

  static Stream<Arguments> xorRuns() {
    List<Arguments> cases = new ArrayList<>();
    for (Activation activation : Activation.values()) {
      for (long seed = 1; seed <= 5; seed++) {
        cases.add(Arguments.of(activation, seed));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("xorRuns")
  void xorIsLearnedToFullTrainingAccuracy(Activation activation, long seed) {
    // inputs ±1, as after standardization; class 1 when the signs differ
    double[][] rows = {{1, -1, -1}, {1, -1, 1}, {1, 1, -1}, {1, 1, 1}};
    int[] y = {0, 1, 1, 0};
    double[] x = new double[12];
    for (int k = 0; k < 4; k++) {
      System.arraycopy(rows[k], 0, x, 3 * k, 3);
    }
    DataMatrix data = new DataMatrix(x, y, null, 2, 2);
    TrainingConfig config = TrainingConfig.builder().numHidden(4).activation(activation).learningRate(1.0)
        .epochs(2000).seed(seed).build();
    Network network = EngineTestData.train(data, config).network();

    for (int k = 0; k < 4; k++) {
      double[] p = network.distribution(rows[k]);
      int predicted = p[1] > p[0] ? 1 : 0;
      assertEquals(y[k], predicted, "row " + k + " probabilities " + p[0] + ", " + p[1]);
      assertTrue(p[y[k]] > 0.9, "row " + k + " is learned with confidence, got " + p[y[k]]);
    }
  }
}
