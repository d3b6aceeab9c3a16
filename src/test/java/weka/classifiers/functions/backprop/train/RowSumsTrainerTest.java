package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.StopReason;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;


/**
 * Full-batch training from {@link RowSums} is the same code as training on a {@link DataMatrix}: local sums
 * over the same split give a bit-identical run (weights, loss curves, kept epoch, stop reason, evaluations),
 * and sums merged from separate blocks of rows, as a cluster would compute them, give the same network up to
 * rounding. This is what a distributed adapter relies on.
 */
class RowSumsTrainerTest {

  private static final int THREADS = 2;

  private static TrainingConfig.Builder config(UpdateRule rule, double validationFraction) {
    return TrainingConfig.builder().numHidden(4).activation(Activation.TANH).updateRule(rule).learningRate(0.4)
        .momentum(0.0).learningRateDecay(0.0).weightDecay(1e-3).epochs(40).seed(11).numThreads(THREADS)
        .batchSize(0).validationFraction(validationFraction).patience(3);
  }

  private static NetworkShape shape(DataMatrix data, TrainingConfig config) {
    return new NetworkShape(data.numInputs(), config.numHidden(), NetworkShape.outputsForClasses(data.numClasses()),
        config.activation());
  }

  /** The DataMatrix path and the RowSums path over the same split, epoch by epoch. */
  private static void assertSameRun(DataMatrix data, TrainingConfig config) {
    NetworkShape shape = shape(data, config);
    int[][] split = ValidationSplit.plan(data.y(), data.numClasses(), config);
    RowSums train = new LocalRowSums(shape, split == null ? data : EngineTestData.rows(data, split[0]), THREADS);
    RowSums validation = split == null ? null : new LocalRowSums(shape, EngineTestData.rows(data, split[1]), THREADS);
    try (Trainer local = EngineTestData.trainer(data, config);
        Trainer fromSums = Trainer.fullBatch(shape, train, validation, config)) {
      while (true) {
        boolean ran = local.epoch();
        assertEquals(ran, fromSums.epoch());
        if (!ran) {
          break;
        }
        assertEquals(local.latestLoss(), fromSums.latestLoss(), 0.0);
        assertEquals(local.latestValidationLoss(), fromSums.latestValidationLoss(), 0.0);
        assertArrayEquals(local.currentNetwork().parameters(), fromSums.currentNetwork().parameters(), 0.0);
      }
      assertEquals(local.currentLoss(), fromSums.currentLoss(), 0.0);
      TrainingResult expected = local.result();
      TrainingResult actual = fromSums.result();
      assertArrayEquals(expected.network().parameters(), actual.network().parameters(), 0.0);
      assertArrayEquals(expected.lossHistory(), actual.lossHistory(), 0.0);
      assertArrayEquals(expected.validationHistory(), actual.validationHistory(), 0.0);
      assertEquals(expected.epochs(), actual.epochs());
      assertEquals(expected.keptEpoch(), actual.keptEpoch());
      assertEquals(expected.stopReason(), actual.stopReason());
      assertEquals(expected.trainingRows(), actual.trainingRows());
      assertEquals(expected.validationRows(), actual.validationRows());
      assertEquals(expected.validationSkipped(), actual.validationSkipped());
      assertEquals(expected.functionEvaluations(), actual.functionEvaluations());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = UpdateRule.class, names = {"GD", "LBFGS"})
  void withoutValidationTheSumsPathIsBitIdentical(UpdateRule rule) {
    DataMatrix data = EngineTestData.learnable(1500, 3, 3, 31);
    assertSameRun(data, config(rule, 0.0).build());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = UpdateRule.class, names = {"GD", "LBFGS"})
  void withValidationTheSumsPathIsBitIdenticalIncludingEarlyStopping(UpdateRule rule) {
    DataMatrix data = TrainingOptionsTest.gaussianClasses(300, 12, 0.5, 0.7, 4);
    TrainingConfig config = config(rule, 0.3).numHidden(8).epochs(300).build();
    assertSameRun(data, config);
    TrainingResult result = EngineTestData.train(data, config);
    assertNotNull(result.validationHistory());
    assertEquals(StopReason.EARLY_STOPPING, result.stopReason(), "the test should cover early stopping");
  }

  @Test
  void noValidationSourceForAConfiguredFractionIsReportedAsSkipped() {
    DataMatrix data = TrainingOptionsTest.gaussianClasses(12, 2, 0.5, 2.0, 7);
    TrainingConfig config = config(UpdateRule.GD, 0.2).build();
    assertNull(ValidationSplit.plan(data.y(), data.numClasses(), config), "too small to split");
    assertSameRun(data, config);
    NetworkShape shape = shape(data, config);
    try (Trainer trainer = Trainer.fullBatch(shape, new LocalRowSums(shape, data, 1), null, config)) {
      assertTrue(trainer.validationSkipped());
    }
  }

  /** Sums of separate blocks of rows, merged in a fixed order: what a cluster's partitions would return. */
  private static final class MergedBlocks implements RowSums {
    private final LocalRowSums[] blocks;
    private final GradientSums part;

    MergedBlocks(NetworkShape shape, DataMatrix data, int[] cuts) {
      blocks = new LocalRowSums[cuts.length + 1];
      for (int b = 0; b < blocks.length; b++) {
        int from = b == 0 ? 0 : cuts[b - 1];
        int to = b == cuts.length ? data.numRows() : cuts[b];
        int[] rows = new int[to - from];
        Arrays.setAll(rows, k -> from + k);
        blocks[b] = new LocalRowSums(shape, EngineTestData.rows(data, rows), 1);
      }
      part = new GradientSums(shape.numParameters());
    }

    @Override
    public void sums(double[] params, GradientSums total) {
      total.clear();
      for (LocalRowSums block : blocks) {
        block.sums(params, part);
        total.merge(part);
      }
    }

    @Override
    public long numRows() {
      long n = 0;
      for (LocalRowSums block : blocks) {
        n += block.numRows();
      }
      return n;
    }

    @Override
    public void close() {
      for (LocalRowSums block : blocks) {
        block.close();
      }
    }
  }

  /** Row counts beyond an int (a cluster's data) are kept as they are, for the result and the model text. */
  @Test
  void moreRowsThanAnIntHoldsAreCounted() {
    DataMatrix data = EngineTestData.random(200, 3, 2, false, 4);
    TrainingConfig config = config(UpdateRule.GD, 0).build();
    NetworkShape shape = shape(data, config);
    long billions = 3_000_000_000L;
    RowSums many = new RowSums() {
      private final LocalRowSums rows = new LocalRowSums(shape, data, 1);

      @Override
      public void sums(double[] params, GradientSums total) {
        rows.sums(params, total);
      }

      @Override
      public long numRows() {
        return billions;
      }

      @Override
      public void close() {
        rows.close();
      }
    };
    try (Trainer trainer = Trainer.fullBatch(shape, many, null, config)) {
      trainer.epoch();
      assertEquals(billions, trainer.result().trainingRows());
      assertEquals(0, trainer.result().validationRows());
    }
  }

  @Test
  void sumsMergedFromBlocksOfRowsTrainTheSameNetworkUpToRounding() {
    DataMatrix data = EngineTestData.learnable(2000, 3, 2, 8);
    TrainingConfig config = config(UpdateRule.GD, 0.0).epochs(25).build();
    NetworkShape shape = shape(data, config);
    TrainingResult local = EngineTestData.train(data, config);
    TrainingResult merged;
    try (Trainer trainer = Trainer.fullBatch(shape, new MergedBlocks(shape, data, new int[] {333, 1200, 1201}),
        null, config)) {
      while (trainer.epoch()) {
        // all epochs
      }
      merged = trainer.result();
    }
    assertArrayEquals(local.network().parameters(), merged.network().parameters(), 1e-9);
    assertArrayEquals(local.lossHistory(), merged.lossHistory(), 1e-12);
    assertEquals(2000, merged.trainingRows());
  }

  @Test
  void miniBatchesAndAShapeOtherThanTheConfigurationsAreRefused() {
    DataMatrix data = EngineTestData.learnable(100, 2, 2, 1);
    TrainingConfig config = config(UpdateRule.GD, 0.0).build();
    NetworkShape shape = shape(data, config);
    try (LocalRowSums rows = new LocalRowSums(shape, data, 1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Trainer.fullBatch(shape, rows, null, config(UpdateRule.ADAM, 0.0).batchSize(32).build()));
      assertTrue(e.getMessage().contains("batch size must be 0") && e.getMessage().contains("32"), e.getMessage());
      NetworkShape other = new NetworkShape(2, 7, 1, Activation.TANH);
      e = assertThrows(IllegalArgumentException.class, () -> Trainer.fullBatch(other, rows, null, config));
      assertTrue(e.getMessage().contains("7"), e.getMessage());
    }
  }
}
