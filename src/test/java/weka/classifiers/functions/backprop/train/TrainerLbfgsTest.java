package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.StopReason;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;


/**
 * Training with L-BFGS: one iteration per epoch, a loss that never rises, a lower loss than gradient descent
 * after the same number of epochs, the same network for any thread count, a converged run that ends with
 * {@link StopReason#CONVERGED}, early stopping, and the refusal of mini-batches.
 */
class TrainerLbfgsTest {

  private static TrainingConfig.Builder lbfgs(int epochs, int threads) {
    return TrainingConfig.builder().numHidden(5).activation(Activation.TANH).updateRule(UpdateRule.LBFGS)
        .learningRate(0.1).epochs(epochs).seed(3).numThreads(threads).batchSize(0).validationFraction(0)
        .weightDecay(0);
  }

  @Test
  void lossNeverRisesAndEndsBelowGradientDescentAfterTheSameEpochs() {
    DataMatrix data = EngineTestData.learnable(400, 4, 3, 21);
    int epochs = 40;
    TrainingResult quasiNewton = EngineTestData.train(data, lbfgs(epochs, 1).build());
    TrainingConfig gd = lbfgs(epochs, 1).updateRule(UpdateRule.GD).learningRate(0.5).build();
    TrainingResult descent = EngineTestData.train(data, gd);

    double[] history = quasiNewton.lossHistory();
    assertEquals(StopReason.EPOCHS, quasiNewton.stopReason());
    assertEquals(epochs + 1, history.length, "J(θ_0) … J(θ_epochs)");
    for (int e = 1; e < history.length; e++) {
      assertTrue(history[e] <= history[e - 1], "loss rose at epoch " + e + ": " + history[e - 1] + " -> " + history[e]);
    }
    assertEquals(descent.initialLoss(), quasiNewton.initialLoss(), 0.0, "same start");
    assertTrue(quasiNewton.finalLoss() < descent.finalLoss(),
        "lbfgs " + quasiNewton.finalLoss() + " should be below gd " + descent.finalLoss());
    assertTrue(quasiNewton.functionEvaluations() > epochs,
        "at least one evaluation per iteration plus the start: " + quasiNewton.functionEvaluations());
    assertEquals(epochs + 1, descent.functionEvaluations(), "gd: one per epoch and one for the final loss");
  }

  @Test
  void lossHistoryIsTheObjectiveAtEachIterate() {
    DataMatrix data = EngineTestData.learnable(200, 3, 2, 5);
    TrainingConfig config = lbfgs(6, 1).weightDecay(0.01).build();
    try (Trainer trainer = EngineTestData.trainer(data, config)) {
      List<double[]> iterates = new ArrayList<>();
      iterates.add(trainer.currentNetwork().parameters());
      while (trainer.epoch()) {
        iterates.add(trainer.currentNetwork().parameters());
        assertEquals(trainer.currentLoss(), trainer.latestLoss(), 0.0, "the loss at θ_e is known, not recomputed");
      }
      double[] history = trainer.result().lossHistory();
      NetworkShape shape = trainer.shape();
      for (int e = 0; e < iterates.size(); e++) {
        double[] theta = iterates.get(e);
        double expected = EngineTestData.meanLoss(shape, theta, data)
            + 0.5 * 0.01 * EngineTestData.sumOfSquares(shape, theta);
        assertEquals(expected, history[e], 1e-12, "epoch " + e);
      }
    }
  }

  @Test
  void oneTwoThreeAndEightThreadsTrainBitIdenticalNetworks() {
    DataMatrix data = EngineTestData.learnable(5000, 4, 3, 17);
    assertTrue(BatchGradient.numChunks(5000) >= 4, "the data must span several chunks");
    TrainingResult single = EngineTestData.train(data, lbfgs(12, 1).validationFraction(0.1).build());
    for (int threads : new int[] {2, 3, 8}) {
      TrainingResult parallel = EngineTestData.train(data, lbfgs(12, threads).validationFraction(0.1).build());
      assertArrayEquals(single.network().parameters(), parallel.network().parameters(), threads + " threads");
      assertArrayEquals(single.lossHistory(), parallel.lossHistory(), threads + " threads");
      assertArrayEquals(single.validationHistory(), parallel.validationHistory(), threads + " threads");
      assertEquals(single.functionEvaluations(), parallel.functionEvaluations(), threads + " threads");
    }
  }

  @Test
  void aConvexProblemConvergesBeforeTheLastEpoch() {
    // strong weight decay makes J nearly quadratic with its minimum near 0: L-BFGS reaches it quickly
    DataMatrix data = EngineTestData.learnable(150, 2, 2, 9);
    TrainingResult result = EngineTestData.train(data, lbfgs(500, 1).numHidden(2).weightDecay(10.0).build());
    assertEquals(StopReason.CONVERGED, result.stopReason());
    assertTrue(result.epochs() < 500, result.epochs() + " epochs");
    assertTrue(StopReason.CONVERGED.description().contains("converged"));
  }

  @Test
  void earlyStoppingKeepsTheBestEpochsWeights() {
    // few rows, many inputs: the held-out loss turns upward while L-BFGS fits the training rows
    DataMatrix data = TrainingOptionsTest.gaussianClasses(120, 30, 0.5, 0.6, 6);
    TrainingConfig config = lbfgs(300, 1).numHidden(20).validationFraction(0.25).patience(5).build();
    TrainingOptionsTest.assertStopsEarlyKeepingTheBestEpoch(data, config);
  }

  @Test
  void anInterruptDuringAnIterationEndsItBeforeTheNextEvaluation() {
    DataMatrix data = EngineTestData.learnable(200, 3, 2, 2);
    TrainingConfig config = lbfgs(10, 1).build();
    NetworkShape shape = new NetworkShape(3, 5, 1, Activation.TANH);
    int[] calls = new int[1];
    LocalRowSums rows = new LocalRowSums(shape, data, 1);
    RowSums interrupting = new RowSums() {
      @Override
      public void sums(double[] params, GradientSums total) {
        rows.sums(params, total);
        if (++calls[0] == 1) {
          Thread.currentThread().interrupt(); // during J(θ_0), inside the first epoch
        }
      }

      @Override
      public long numRows() {
        return rows.numRows();
      }

      @Override
      public void close() {
        rows.close();
      }
    };
    try (Trainer trainer = Trainer.fullBatch(shape, interrupting, null, config)) {
      TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, trainer::epoch);
      assertEquals(1, calls[0], "no evaluation after the interrupt");
      assertFalse(Thread.currentThread().isInterrupted(), "the flag is cleared, as by its thrower");
      assertTrue(e.getMessage().contains("0 epoch"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void miniBatchesAreRefusedNamingTheBatchSize() {
    DataMatrix data = EngineTestData.learnable(100, 2, 2, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EngineTestData.trainer(data, lbfgs(5, 1).batchSize(32).build()));
    assertTrue(e.getMessage().contains("-O lbfgs") && e.getMessage().contains("set -B 0")
        && e.getMessage().contains("32"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> EpochUpdate.stepRule(UpdateRule.LBFGS, 3, 0.1, 0.0));
    assertTrue(UpdateRule.LBFGS.isFullBatchOnly());
    assertFalse(UpdateRule.ADAM.isFullBatchOnly());
    assertEquals(UpdateRule.LBFGS, UpdateRule.fromOptionName("LBFGS"));
    assertEquals("lbfgs", UpdateRule.LBFGS.optionName());
  }
}
