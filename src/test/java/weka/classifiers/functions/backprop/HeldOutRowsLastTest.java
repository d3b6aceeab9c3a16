package weka.classifiers.functions.backprop;

import weka.classifiers.functions.backprop.train.TrainingConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Rows built in split order ({@link ValidationSplit#plan}, training rows first) and trained with
 * {@link Trainer#withHeldOutRowsLast} give the network {@link Trainer#Trainer(DataMatrix, TrainingConfig)}
 * gives on the unsplit rows, bit for bit, with mini-batches and full batches, without copying the rows.
 */
class HeldOutRowsLastTest {

  private static TrainingConfig.Builder config(UpdateRule rule, int batchSize, int threads) {
    return TrainingConfig.builder().numHidden(5).activation(Activation.TANH).updateRule(rule).learningRate(0.05)
        .epochs(30).seed(4).numThreads(threads).batchSize(batchSize).validationFraction(0.2).patience(5)
        .weightDecay(1e-3);
  }

  @Test
  void splitOrderRowsTrainTheSameNetwork() {
    DataMatrix data = EngineTestData.random(900, 6, 3, true, 21);
    for (TrainingConfig config : new TrainingConfig[] {config(UpdateRule.ADAM, 32, 2).build(),
        config(UpdateRule.GD, 0, 1).build(), config(UpdateRule.LBFGS, 0, 3).build()}) {
      TrainingResult expected = Trainer.train(data, config);
      int[][] plan = ValidationSplit.plan(data.y(), data.numClasses(), config);
      int[] order = new int[data.numRows()];
      System.arraycopy(plan[0], 0, order, 0, plan[0].length);
      System.arraycopy(plan[1], 0, order, plan[0].length, plan[1].length);
      TrainingResult actual;
      try (Trainer trainer = Trainer.withHeldOutRowsLast(data.rows(order), plan[0].length, config)) {
        while (trainer.epoch()) {
          // to the end
        }
        actual = trainer.result();
      }
      String rule = config.updateRule().optionName();
      assertEquals(expected.epochs(), actual.epochs(), rule);
      assertEquals(expected.keptEpoch(), actual.keptEpoch(), rule);
      assertArrayEquals(expected.network().parameters(), actual.network().parameters(), rule);
      assertArrayEquals(expected.lossHistory(), actual.lossHistory(), rule);
    }
  }

  @Test
  void aTrainingRowCountOutsideTheRowsIsRefused() {
    DataMatrix data = EngineTestData.random(50, 3, 2, false, 1);
    TrainingConfig config = config(UpdateRule.GD, 0, 1).build();
    assertThrows(IllegalArgumentException.class, () -> Trainer.withHeldOutRowsLast(data, 0, config));
    assertThrows(IllegalArgumentException.class, () -> Trainer.withHeldOutRowsLast(data, 51, config));
  }
}
