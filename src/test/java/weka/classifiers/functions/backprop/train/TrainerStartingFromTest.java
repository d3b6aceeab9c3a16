package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;


/**
 * {@link Trainer#startFrom}: a training run from given weights (incremental training continues each buffer
 * from the previous buffer's weights). Starting from the seeded initial weights is the ordinary run bit for
 * bit; full-batch gradient descent split into two runs is one longer run bit for bit; it works for trainers
 * with the held-out rows last and for L-BFGS; a wrong length, or a call after an epoch, is refused.
 */
class TrainerStartingFromTest {

  private static TrainingResult run(Trainer trainer) {
    try (Trainer t = trainer) {
      while (t.epoch()) {
        // one epoch per call
      }
      return t.result();
    }
  }

  private static TrainingConfig.Builder adam(int epochs) {
    return TrainingConfig.builder().numHidden(5).activation(Activation.TANH).updateRule(UpdateRule.ADAM)
        .learningRate(0.01).batchSize(16).epochs(epochs).validationFraction(0.2).patience(3).weightDecay(1e-4)
        .seed(7).numThreads(2);
  }

  @Test
  void startingFromTheSeededInitialWeightsIsTheOrdinaryRun() {
    DataMatrix data = EngineTestData.learnable(300, 4, 3, 11);
    TrainingConfig config = adam(30).build();
    TrainingResult ordinary = EngineTestData.train(data, config);
    NetworkShape shape = ordinary.network().shape();
    TrainingResult from = run(EngineTestData.trainer(data, config).startFrom(Trainer.initialParameters(shape, 7)));
    assertArrayEquals(ordinary.network().parameters(), from.network().parameters());
    assertArrayEquals(ordinary.lossHistory(), from.lossHistory());
    assertArrayEquals(ordinary.validationHistory(), from.validationHistory());
    assertEquals(ordinary.keptEpoch(), from.keptEpoch());
  }

  @Test
  void fullBatchGradientDescentInTwoRunsIsOneLongerRun() {
    DataMatrix data = EngineTestData.learnable(200, 3, 2, 5);
    TrainingConfig ten = TrainingConfig.builder().numHidden(4).activation(Activation.SIGMOID).learningRate(0.5)
        .epochs(10).seed(3).numThreads(1).build();
    TrainingConfig five = TrainingConfig.builder().numHidden(4).activation(Activation.SIGMOID).learningRate(0.5)
        .epochs(5).seed(3).numThreads(1).build();
    TrainingResult whole = EngineTestData.train(data, ten);
    TrainingResult first = EngineTestData.train(data, five);
    TrainingResult second = run(EngineTestData.trainer(data, five).startFrom(first.network().parameters()));
    assertArrayEquals(whole.network().parameters(), second.network().parameters());
    // the second run's loss curve is the tail of the whole run's
    assertArrayEquals(Arrays.copyOfRange(whole.lossHistory(), 5, 11), second.lossHistory());
    assertTrue(second.finalLoss() < first.initialLoss());
  }

  @Test
  void zeroEpochsKeepTheGivenWeights() {
    DataMatrix data = EngineTestData.learnable(100, 3, 3, 9);
    TrainingConfig config = adam(0).build();
    NetworkShape shape = new NetworkShape(3, 5, 3, Activation.TANH);
    double[] given = EngineTestData.randomParameters(shape, 0.7, 13);
    TrainingResult result = run(EngineTestData.trainer(data, config).startFrom(given));
    assertArrayEquals(given, result.network().parameters());
    assertFalse(Arrays.equals(Trainer.initialParameters(shape, 7), result.network().parameters()));
  }

  @Test
  void givenWeightsAreCopiedNotShared() {
    DataMatrix data = EngineTestData.learnable(100, 3, 2, 9);
    NetworkShape shape = new NetworkShape(3, 5, 1, Activation.TANH);
    double[] given = EngineTestData.randomParameters(shape, 0.7, 13);
    double[] copy = given.clone();
    run(EngineTestData.trainer(data, adam(5).build()).startFrom(given));
    assertArrayEquals(copy, given);
  }

  @Test
  void wrongNumberOfParametersIsRefused() {
    DataMatrix data = EngineTestData.learnable(100, 3, 2, 9);
    try (Trainer trainer = EngineTestData.trainer(data, adam(5).build())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.startFrom(new double[7]));
      assertTrue(e.getMessage().contains("7 initial parameters for a network that has 26"), e.getMessage());
    }
  }

  @Test
  void startingWeightsCannotChangeOnceTrainingRan() {
    DataMatrix data = EngineTestData.learnable(100, 3, 2, 9);
    try (Trainer trainer = EngineTestData.trainer(data, adam(5).build())) {
      trainer.epoch();
      double[] params = trainer.currentNetwork().parameters();
      assertThrows(IllegalStateException.class, () -> trainer.startFrom(params));
    }
  }

  @Test
  void heldOutRowsLastAndLbfgsStartFromGivenWeightsToo() {
    DataMatrix data = EngineTestData.learnable(200, 3, 3, 4);
    NetworkShape shape = new NetworkShape(3, 5, 3, Activation.TANH);
    double[] given = EngineTestData.randomParameters(shape, 0.5, 21);
    TrainingConfig lbfgs = TrainingConfig.builder().numHidden(5).activation(Activation.TANH).updateRule(UpdateRule.LBFGS)
        .batchSize(0).epochs(0).seed(3).numThreads(1).build();
    assertArrayEquals(given, run(Trainer.withHeldOutRowsLast(data, 150, lbfgs).startFrom(given)).network().parameters());
    TrainingResult trained = run(Trainer.withHeldOutRowsLast(data, 150, lbfgs.toBuilder().epochs(10).build()).startFrom(given));
    assertTrue(trained.finalLoss() < trained.initialLoss());
    assertEquals(trained.initialLoss(), run(Trainer.withHeldOutRowsLast(data, 150, lbfgs.toBuilder().epochs(0).build()).startFrom(given))
        .initialLoss());
  }
}
