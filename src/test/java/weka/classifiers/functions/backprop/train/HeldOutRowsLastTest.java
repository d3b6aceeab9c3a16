package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;


/**
 * Rows built in split order ({@link ValidationSplit#plan}, training rows first) and trained with
 * {@link Trainer#withHeldOutRowsLast} give the network that a split into separate copies of the training and the
 * held-out rows gives (the way the trainer once split the rows itself), bit for bit, with mini-batches and full
 * batches, without copying the rows. So tests may order rows by the plan ({@link EngineTestData#trainer}).
 */
class HeldOutRowsLastTest {

  /** The training rows and the held-out rows in separate copies, as the trainer once made them. */
  private static Trainer separateCopies(DataMatrix data, TrainingConfig config) {
    int[][] plan = ValidationSplit.plan(data.y(), data.numClasses(), config);
    NetworkShape shape = new NetworkShape(data.numInputs(), config.numHidden(),
        NetworkShape.outputsForClasses(data.numClasses()), config.activation());
    DataMatrix train = plan == null ? data : EngineTestData.rows(data, plan[0]);
    RowSums heldOut = plan == null ? null : new LocalRowSums(shape, EngineTestData.rows(data, plan[1]),
        config.numThreads());
    return new Trainer(config, shape, new LocalRowSums(shape, train, config.numThreads()), heldOut, train,
        train.numRows(), config.validationFraction() > 0 && plan == null, new ChunkWorkers(config.numThreads()));
  }

  private static TrainingResult run(Trainer trainer) {
    try (Trainer t = trainer) {
      while (t.epoch()) {
        // to the end
      }
      return t.result();
    }
  }

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
      TrainingResult expected = run(separateCopies(data, config));
      int[][] plan = ValidationSplit.plan(data.y(), data.numClasses(), config);
      int[] order = new int[data.numRows()];
      System.arraycopy(plan[0], 0, order, 0, plan[0].length);
      System.arraycopy(plan[1], 0, order, plan[0].length, plan[1].length);
      TrainingResult actual;
      try (Trainer trainer = Trainer.withHeldOutRowsLast(EngineTestData.rows(data, order), plan[0].length, config)) {
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
