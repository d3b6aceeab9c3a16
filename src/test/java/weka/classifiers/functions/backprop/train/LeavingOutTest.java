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

  /** @return rows 0 … a − 1 and b … n − 1 of the data, copied */
  private static DataMatrix withoutGap(DataMatrix data) {
    int[] rows = new int[ROWS - (GAP_TO - GAP_FROM)];
    int t = 0;
    for (int k = 0; k < ROWS; k++) {
      if (k < GAP_FROM || k >= GAP_TO) {
        rows[t++] = k;
      }
    }
    return data.rows(rows);
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
    DataMatrix data = EngineTestData.random(ROWS, 4, 3, true, 9);
    TrainingConfig adam = config().updateRule(UpdateRule.ADAM).batchSize(16).build();
    TrainingResult gap = train(Trainer.leavingOut(data, GAP_FROM, GAP_TO, adam));
    DataMatrix copy = withoutGap(data);
    TrainingResult copied = train(Trainer.withHeldOutRowsLast(copy, copy.numRows(), adam));
    assertArrayEquals(copied.network().parameters(), gap.network().parameters());
    assertEquals(copy.numRows(), gap.trainingRows());
    assertEquals(0, gap.validationRows());
  }

  @Test
  void fullBatchesLeavingARangeOutEqualTrainingOnACopyToRounding() {
    DataMatrix data = EngineTestData.random(ROWS, 4, 2, false, 10);
    TrainingConfig gd = config().updateRule(UpdateRule.GD).batchSize(0).build();
    TrainingResult gap = train(Trainer.leavingOut(data, GAP_FROM, GAP_TO, gd));
    DataMatrix copy = withoutGap(data);
    TrainingResult copied = train(Trainer.withHeldOutRowsLast(copy, copy.numRows(), gd));
    assertArrayEquals(copied.network().parameters(), gap.network().parameters(), 1e-12);
    assertArrayEquals(copied.lossHistory(), gap.lossHistory(), 1e-12);
  }

  @Test
  void leavingOutTheFirstOrTheLastRowsWorksToo() {
    DataMatrix data = EngineTestData.random(ROWS, 3, 2, false, 11);
    TrainingConfig gd = config().updateRule(UpdateRule.GD).batchSize(0).build();
    TrainingResult first = train(Trainer.leavingOut(data, 0, 100, gd));
    TrainingResult copied = train(Trainer.withHeldOutRowsLast(data.rows(range(100, ROWS)), ROWS - 100, gd));
    assertArrayEquals(copied.network().parameters(), first.network().parameters(), 1e-12);
    TrainingResult last = train(Trainer.leavingOut(data, 200, ROWS, gd));
    copied = train(Trainer.withHeldOutRowsLast(data.rows(range(0, 200)), 200, gd));
    assertArrayEquals(copied.network().parameters(), last.network().parameters(), 1e-12);
  }

  private static int[] range(int from, int to) {
    int[] rows = new int[to - from];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = from + k;
    }
    return rows;
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
