package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.StopReason;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.optim.Adam;
import weka.classifiers.functions.backprop.optim.Momentum;


/** Each training option does what it says, and full-batch gradient descent stays the derivation's. */
class TrainingOptionsTest {

  /** Two noisy Gaussian classes in {@code inputs} dimensions, class 1 with probability {@code minority}. */
  static DataMatrix gaussianClasses(int rows, int inputs, double minority, double separation, long seed) {
    Random random = new Random(seed);
    int width = inputs + 1;
    double[] x = new double[rows * width];
    int[] y = new int[rows];
    for (int k = 0; k < rows; k++) {
      y[k] = random.nextDouble() < minority ? 1 : 0;
      x[k * width] = 1.0;
      for (int i = 1; i < width; i++) {
        x[k * width + i] = random.nextGaussian() + (y[k] == 1 && i <= 2 ? separation : 0.0);
      }
    }
    return new DataMatrix(x, y, null, inputs, 2);
  }

  /** ∇J over all rows, summed in the trainer's chunks (300 rows: one chunk) so that the bits can be compared. */
  private static double[] meanGradient(NetworkShape shape, double[] params, DataMatrix data) {
    GradientSums sums = new GradientSums(shape.numParameters());
    try (BatchGradient gradient = new BatchGradient(shape, data, 1)) {
      gradient.sums(params, 0, data.numRows(), sums);
    }
    double[] gradient = new double[shape.numParameters()];
    sums.meanGradient(gradient);
    return gradient;
  }

  @Test
  void fullBatchEpochIsExactlyOneGradientStepOfTheDerivation() {
    DataMatrix data = gaussianClasses(300, 4, 0.4, 1.0, 1);
    TrainingConfig config = TrainingConfig.builder().numHidden(3).learningRate(0.7).epochs(1).seed(5).build();
    NetworkShape shape = new NetworkShape(4, 3, 1, Activation.SIGMOID);
    double[] expected = Trainer.initialParameters(shape, 5);
    double[] gradient = meanGradient(shape, expected, data);
    for (int i = 0; i < expected.length; i++) {
      expected[i] -= 0.7 * gradient[i];
    }
    TrainingResult result = EngineTestData.train(data, config);
    assertArrayEquals(expected, result.network().parameters(), 0.0);
  }

  @Test
  void batchSizeOfAllRowsIsFullBatch() {
    DataMatrix data = gaussianClasses(200, 3, 0.5, 1.0, 2);
    TrainingConfig full = TrainingConfig.builder().numHidden(4).learningRate(0.3).epochs(20).seed(3).build();
    TrainingConfig batchOfAll = TrainingConfig.builder().numHidden(4).learningRate(0.3).epochs(20).seed(3).batchSize(200).build();
    assertArrayEquals(EngineTestData.train(data, full).network().parameters(),
        EngineTestData.train(data, batchOfAll).network().parameters(), 0.0);
  }

  @Test
  void miniBatchesTakeOneStepPerBatchAndAreReproducible() {
    DataMatrix data = gaussianClasses(250, 3, 0.5, 1.5, 3);
    TrainingConfig config = TrainingConfig.builder().numHidden(4).learningRate(0.1).epochs(3).seed(9).batchSize(32).build();
    double[] first = EngineTestData.train(data, config).network().parameters();
    assertArrayEquals(first, EngineTestData.train(data, config).network().parameters(), 0.0);
    // one full-batch step moves the weights less far than 8 mini-batch steps of the same rate
    double[] start = Trainer.initialParameters(new NetworkShape(3, 4, 1, Activation.SIGMOID), 9);
    double[] oneStep = EngineTestData.train(data, TrainingConfig.builder().numHidden(4).learningRate(0.1).epochs(1).seed(9).build())
        .network().parameters();
    double[] eightSteps = EngineTestData.train(data, TrainingConfig.builder().numHidden(4).learningRate(0.1).epochs(1).seed(9)
        .batchSize(32).build()).network().parameters();
    assertTrue(distance(start, eightSteps) > 3 * distance(start, oneStep),
        "8 mini-batch steps should move the weights further than 1 full-batch step");
  }

  @Test
  void momentumStepFollowsItsFormula() {
    double[] params = {1.0, -2.0};
    Momentum classical = new Momentum(2, 0.1, 0.5, false);
    classical.step(params, new double[] {1.0, 2.0});   // v = (-0.1, -0.2)
    classical.step(params, new double[] {1.0, 2.0});   // v = (-0.15, -0.3)
    assertArrayEquals(new double[] {1.0 - 0.1 - 0.15, -2.0 - 0.2 - 0.3}, params, 1e-15);

    double[] nesterovParams = {1.0};
    Momentum nesterov = new Momentum(1, 0.1, 0.5, true);
    nesterov.step(nesterovParams, new double[] {1.0}); // v = -0.1; θ += 0.5·(-0.1) − 0.1
    assertArrayEquals(new double[] {1.0 - 0.05 - 0.1}, nesterovParams, 1e-15);
  }

  @Test
  void adamStepFollowsItsFormula() {
    double[] params = {0.5};
    Adam adam = new Adam(1, 0.01);
    adam.step(params, new double[] {4.0});
    // first step: m̂ = g, v̂ = g², so the step is η·g/(|g| + ε)
    assertEquals(0.5 - 0.01 * 4.0 / (4.0 + Adam.EPSILON), params[0], 1e-15);
    adam.step(params, new double[] {-2.0});
    double m = 0.9 * 0.1 * 4.0 + 0.1 * -2.0;
    double v = 0.999 * 0.001 * 16.0 + 0.001 * 4.0;
    double expected = 0.5 - 0.01 * 4.0 / (4.0 + Adam.EPSILON)
        - 0.01 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + Adam.EPSILON);
    assertEquals(expected, params[0], 1e-15);
  }

  @Test
  void learningRateDecayShrinksLaterSteps() {
    // with inverse-time decay d, epoch t steps with η/(1 + d t): the second step of a 2-epoch run is η/2 for d = 1
    DataMatrix data = gaussianClasses(100, 2, 0.5, 1.0, 4);
    NetworkShape shape = new NetworkShape(2, 2, 1, Activation.TANH);
    double[] expected = Trainer.initialParameters(shape, 1);
    double[] g0 = meanGradient(shape, expected, data);
    for (int i = 0; i < expected.length; i++) {
      expected[i] -= 0.4 * g0[i];
    }
    double[] g1 = meanGradient(shape, expected, data);
    for (int i = 0; i < expected.length; i++) {
      expected[i] -= 0.2 * g1[i];
    }
    TrainingConfig config = TrainingConfig.builder().numHidden(2).activation(Activation.TANH).learningRate(0.4)
        .learningRateDecay(1.0).epochs(2).seed(1).build();
    assertArrayEquals(expected, EngineTestData.train(data, config).network().parameters(), 1e-15);
  }

  @Test
  void weightDecayShrinksTheWeightsAndAddsItsGradient() {
    DataMatrix data = gaussianClasses(400, 5, 0.5, 3.0, 5);
    TrainingConfig plain = TrainingConfig.builder().numHidden(6).learningRate(0.5).epochs(300).seed(2).build();
    TrainingConfig decayed = TrainingConfig.builder().numHidden(6).learningRate(0.5).epochs(300).seed(2).weightDecay(0.01).build();
    NetworkShape shape = new NetworkShape(5, 6, 1, Activation.SIGMOID);
    double plainNorm = EngineTestData.sumOfSquares(shape, EngineTestData.train(data, plain).network().parameters());
    double decayedNorm = EngineTestData.sumOfSquares(shape, EngineTestData.train(data, decayed).network().parameters());
    assertTrue(decayedNorm < 0.7 * plainNorm, "decay should shrink Σw²: " + decayedNorm + " vs " + plainNorm);

    double[] params = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0};
    NetworkShape small = new NetworkShape(1, 2, 1, Activation.SIGMOID); // Θ: 2×2, β: 1×3
    double[] gradient = new double[small.numParameters()];
    double penalty = WeightDecay.apply(small, params, 0.5, gradient);
    // biases: Θ row 0 (indices 0, 1) and β_0 (index 4)
    assertArrayEquals(new double[] {0, 0, 1.5, 2.0, 0, 3.0, 3.5}, gradient, 0.0);
    assertEquals(0.25 * (9 + 16 + 36 + 49), penalty, 1e-12);
  }

  /**
   * Trains epoch by epoch, keeping every epoch's weights, and checks that training stopped early, 'patience'
   * epochs after the best one, whose weights the result holds.
   *
   * @return the result
   */
  static TrainingResult assertStopsEarlyKeepingTheBestEpoch(DataMatrix data, TrainingConfig config) {
    List<double[]> snapshots = new ArrayList<>();
    try (Trainer trainer = EngineTestData.trainer(data, config)) {
      snapshots.add(trainer.currentNetwork().parameters());
      while (trainer.epoch()) {
        snapshots.add(trainer.currentNetwork().parameters());
      }
      TrainingResult result = trainer.result();
      assertEquals(StopReason.EARLY_STOPPING, result.stopReason());
      assertEquals(result.epochs() - config.patience(), result.keptEpoch(),
          "stops 'patience' epochs after the best one");
      assertArrayEquals(snapshots.get(result.keptEpoch()), result.network().parameters(), 0.0);
      return result;
    }
  }

  @Test
  void earlyStoppingRestoresTheBestEpochsWeights() {
    // few rows, many inputs, large steps: the held-out loss turns upward, so training stops early
    DataMatrix data = gaussianClasses(120, 30, 0.5, 0.6, 6);
    TrainingConfig config = TrainingConfig.builder().numHidden(20).learningRate(0.05).updateRule(UpdateRule.ADAM)
        .epochs(500).seed(4).validationFraction(0.25).patience(5).build();
    TrainingResult result = assertStopsEarlyKeepingTheBestEpoch(data, config);
    assertTrue(result.epochs() < 500);
    double[] validation = result.validationHistory();
    assertNotNull(validation);
    for (double loss : validation) {
      assertTrue(validation[result.keptEpoch()] <= loss);
    }
    // stratified: round(0.25 × rows of each class) per class
    assertEquals(120, result.validationRows() + result.trainingRows());
    assertTrue(Math.abs(result.validationRows() - 30) <= 1, "held out " + result.validationRows());
  }

  @Test
  void dataTooSmallToSplitTrainsOnAllRowsWithoutEarlyStopping() {
    DataMatrix data = gaussianClasses(12, 2, 0.5, 2.0, 7);
    TrainingConfig config = TrainingConfig.builder().numHidden(2).learningRate(0.5).epochs(30).seed(1)
        .validationFraction(0.2).build();
    TrainingResult result = EngineTestData.train(data, config);
    assertTrue(result.validationSkipped());
    assertNull(result.validationHistory());
    assertEquals(30, result.epochs());
    assertEquals(12, result.trainingRows());
  }

  @Test
  void validationSplitIsStratified() {
    DataMatrix data = gaussianClasses(1000, 2, 0.2, 1.0, 8);
    int minority = 0;
    for (int label : data.y()) {
      minority += label;
    }
    // seed 0: the plan shuffles with new Random(seed + 1)
    int[][] split = ValidationSplit.plan(data.y(), data.numClasses(),
        TrainingConfig.builder().validationFraction(0.1).seed(0).build());
    int heldMinority = 0;
    for (int row : split[1]) {
      heldMinority += data.y()[row];
    }
    assertEquals(Math.round(0.1 * minority), heldMinority);
    assertEquals(1000, split[0].length + split[1].length);
  }

  @Test
  void instanceWeightsGiveTheWeightedMean() {
    // duplicating a row equals giving it weight 2
    DataMatrix data = gaussianClasses(50, 3, 0.5, 1.0, 9);
    int width = data.rowWidth();
    double[] x = new double[51 * width];
    System.arraycopy(data.x(), 0, x, 0, 50 * width);
    System.arraycopy(data.x(), 0, x, 50 * width, width);
    int[] y = new int[51];
    System.arraycopy(data.y(), 0, y, 0, 50);
    y[50] = data.y()[0];
    DataMatrix duplicated = new DataMatrix(x, y, null, 3, 2);
    double[] weights = new double[50];
    java.util.Arrays.fill(weights, 1.0);
    weights[0] = 2.0;
    DataMatrix weighted = new DataMatrix(data.x(), data.y(), weights, 3, 2);
    TrainingConfig config = TrainingConfig.builder().numHidden(3).learningRate(0.5).epochs(50).seed(1).build();
    assertArrayEquals(EngineTestData.train(duplicated, config).network().parameters(),
        EngineTestData.train(weighted, config).network().parameters(), 1e-12);
  }

  @Test
  void classBalancingRaisesMinorityRecall() {
    DataMatrix train = gaussianClasses(2000, 4, 0.05, 1.2, 10);
    DataMatrix test = gaussianClasses(4000, 4, 0.05, 1.2, 11);
    TrainingConfig config = TrainingConfig.builder().numHidden(4).learningRate(0.5).epochs(200).seed(1).build();
    double plainRecall = minorityRecall(EngineTestData.train(train, config).network(), test);
    double balancedRecall = minorityRecall(EngineTestData.train(balanced(train), config).network(), test);
    assertTrue(balancedRecall > plainRecall + 0.2,
        "balanced recall " + balancedRecall + " should clearly beat " + plainRecall);

    DataMatrix balanced = balanced(train);
    double[] classWeight = new double[2];
    for (int k = 0; k < balanced.numRows(); k++) {
      classWeight[balanced.y()[k]] += balanced.weight(k);
    }
    assertEquals(classWeight[0], classWeight[1], 1e-9);
    assertEquals(2000.0, classWeight[0] + classWeight[1], 1e-9);
  }

  private static double minorityRecall(Network network, DataMatrix data) {
    int found = 0;
    int total = 0;
    for (int k = 0; k < data.numRows(); k++) {
      if (data.y()[k] == 1) {
        total++;
        double[] row = java.util.Arrays.copyOfRange(data.x(), k * data.rowWidth(), (k + 1) * data.rowWidth());
        if (network.distribution(row)[1] > 0.5) {
          found++;
        }
      }
    }
    return (double) found / total;
  }

  @Test
  void divergenceRestartsWithHalfTheLearningRate() {
    DataMatrix data = gaussianClasses(100, 3, 0.5, 2.0, 12);
    // a step of this size overflows the logits to infinity; after a few halvings it does not
    TrainingConfig config = TrainingConfig.builder().numHidden(3).learningRate(Double.MAX_VALUE / 4).epochs(5).seed(1).build();
    TrainingResult result = EngineTestData.train(data, config);
    assertTrue(result.restarts() > 0, "expected restarts");
    assertEquals(Double.MAX_VALUE / 4 / Math.pow(2, result.restarts()), result.learningRate(), 0.0);
    for (double w : result.network().parameters()) {
      assertTrue(Double.isFinite(w));
    }
    for (double loss : result.lossHistory()) {
      assertTrue(Double.isFinite(loss));
    }
  }

  @Test
  void persistentDivergenceFailsNamingTheLearningRate() {
    DataMatrix data = gaussianClasses(100, 3, 0.5, 2.0, 12);
    double[] x = data.x().clone();
    x[1] = Double.NaN; // a value no step size can make finite
    DataMatrix extreme = new DataMatrix(x, data.y(), null, 3, 2);
    TrainingConfig config = TrainingConfig.builder().numHidden(3).learningRate(1.0).epochs(5).seed(1).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> EngineTestData.train(extreme, config));
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
  }

  @Test
  void steppingStopsWhenFinishedAndCanBeExtended() {
    DataMatrix data = gaussianClasses(100, 2, 0.5, 2.0, 13);
    try (Trainer trainer = EngineTestData.trainer(data, TrainingConfig.builder().numHidden(2).learningRate(0.5).epochs(3).seed(1).build())) {
      int epochs = 0;
      while (trainer.epoch()) {
        epochs++;
      }
      assertEquals(3, epochs);
      assertFalse(trainer.epoch());
      trainer.setMaxEpochs(5);
      assertTrue(trainer.epoch());
      assertTrue(trainer.epoch());
      assertFalse(trainer.epoch());
      assertEquals(5, trainer.result().epochs());
    }
    // 5 epochs in one go give the same weights as 3 + 2
    try (Trainer trainer = EngineTestData.trainer(data, TrainingConfig.builder().numHidden(2).learningRate(0.5).epochs(3).seed(1).build())) {
      while (trainer.epoch()) {
        // run
      }
      trainer.setMaxEpochs(5);
      while (trainer.epoch()) {
        // continue
      }
      assertArrayEquals(EngineTestData.train(data, TrainingConfig.builder().numHidden(2).learningRate(0.5).epochs(5).seed(1).build())
          .network().parameters(), trainer.result().network().parameters(), 0.0);
    }
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(sum);
  }

  /** The rows with -balance's weights (ClassBalance, as the Weka face and the Spark adapter apply them). */
  private static DataMatrix balanced(DataMatrix data) {
    int n = data.numRows();
    double[] s = new double[n];
    for (int k = 0; k < n; k++) {
      s[k] = data.weight(k);
    }
    ClassBalance.ofRows(data.y(), s, data.numClasses()).apply(data.y(), s);
    return new DataMatrix(data.x(), data.y(), s, data.numInputs(), data.numClasses());
  }
}
