package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;

/**
 * {@link Trainer#leavingOut}, the fold networks' trainer: training on all rows but one range equals training on a copy
 * of those rows (bit for bit with mini-batches, whose steps gather the same rows in the same order; to rounding with
 * full batches, whose sums over the two parts are merged), without copying the data.
 */
class LeavingOutTest {

  private static final int ROWS = 300;
  private static final int GAP_FROM = 120;
  private static final int GAP_TO = 180;

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().numHidden(5).activation(Activation.TANH).epochs(12).seed(4).numThreads(2)
        .learningRate(0.05);
  }

  /**
   * @return {trained leaving rows a … b − 1 out, trained on a copy of the other rows}
   */
  private static TrainingResult[] leftOutAndCopied(DataMatrix data, int gapFrom, int gapTo, TrainingConfig config) {
    int[] rows = new int[data.numRows() - (gapTo - gapFrom)];
    int t = 0;
    for (int k = 0; k < data.numRows(); k++) {
      if (k < gapFrom || k >= gapTo) {
        rows[t++] = k;
      }
    }
    DataMatrix copy = EngineTestData.rows(data, rows);
    return new TrainingResult[] {train(Trainer.leavingOut(data, gapFrom, gapTo, config)),
        train(Trainer.withHeldOutRowsLast(copy, copy.numRows(), config))};
  }

  private static TrainingResult train(Trainer trainer) {
    try (Trainer run = trainer) {
      while (run.epoch()) {
        // all epochs
      }
      return run.result();
    }
  }

  @Test
  void miniBatchesLeavingARangeOutEqualTrainingOnACopyBitForBit() {
    TrainingConfig adam = config().updateRule(UpdateRule.ADAM).batchSize(16).build();
    TrainingResult[] results = leftOutAndCopied(EngineTestData.random(ROWS, 4, 3, true, 9), GAP_FROM, GAP_TO, adam);
    assertArrayEquals(results[1].network().parameters(), results[0].network().parameters());
    assertEquals(ROWS - (GAP_TO - GAP_FROM), results[0].trainingRows());
    assertEquals(0, results[0].validationRows());
  }

  @Test
  void fullBatchesLeavingARangeOutEqualTrainingOnACopyToRounding() {
    TrainingConfig gd = config().updateRule(UpdateRule.GD).batchSize(0).build();
    TrainingResult[] results = leftOutAndCopied(EngineTestData.random(ROWS, 4, 2, false, 10), GAP_FROM, GAP_TO, gd);
    assertArrayEquals(results[1].network().parameters(), results[0].network().parameters(), 1e-12);
    assertArrayEquals(results[1].lossHistory(), results[0].lossHistory(), 1e-12);
  }

  @Test
  void leavingOutTheFirstOrTheLastRowsWorksToo() {
    DataMatrix data = EngineTestData.random(ROWS, 3, 2, false, 11);
    TrainingConfig gd = config().updateRule(UpdateRule.GD).batchSize(0).build();
    for (int[] gap : new int[][] {{0, 100}, {200, ROWS}}) {
      TrainingResult[] results = leftOutAndCopied(data, gap[0], gap[1], gd);
      assertArrayEquals(results[1].network().parameters(), results[0].network().parameters(), 1e-12);
    }
  }

  @Test
  void aTrainerThatLeavesRowsOutRefusesEarlyStoppingAndEmptyTrainingSets() {
    DataMatrix data = EngineTestData.random(ROWS, 3, 2, false, 12);
    assertThrows(IllegalArgumentException.class,
        () -> Trainer.leavingOut(data, 0, 10, config().validationFraction(0.1).build()));
    assertThrows(IllegalArgumentException.class, () -> Trainer.leavingOut(data, 0, ROWS, config().build()));
    assertThrows(IllegalArgumentException.class, () -> Trainer.leavingOut(data, 50, 50, config().build()));
  }
}
