package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;


/**
 * Training is a function of the data and the configuration alone: the same seed gives the same
 * network, and the thread count changes nothing, bit for bit, on data cut into many chunks.
 */
class TrainerDeterminismTest {

  private static final int ROWS = 5000;

  private static TrainingConfig.Builder config(long seed, int threads) {
    return TrainingConfig.builder().numHidden(6).activation(Activation.TANH).learningRate(0.2).epochs(15)
        .seed(seed).numThreads(threads);
  }

  @Test
  void sameSeedGivesIdenticalParameters() {
    DataMatrix data = EngineTestData.learnable(400, 3, 3, 8);
    TrainingResult first = EngineTestData.train(data, config(42, 1).build());
    TrainingResult second = EngineTestData.train(data, config(42, 1).build());
    assertArrayEquals(first.network().parameters(), second.network().parameters());
    assertArrayEquals(first.lossHistory(), second.lossHistory());

    NetworkShape shape = first.network().shape();
    assertArrayEquals(Trainer.initialParameters(shape, 42), Trainer.initialParameters(shape, 42));
  }

  @Test
  void differentSeedsGiveDifferentInitialWeights() {
    NetworkShape shape = new NetworkShape(3, 6, 3, Activation.TANH);
    assertFalse(Arrays.equals(Trainer.initialParameters(shape, 42), Trainer.initialParameters(shape, 43)));
  }

  @Test
  void oneTwoThreeAndEightThreadsTrainBitIdenticalNetworks() {
    DataMatrix data = EngineTestData.learnable(ROWS, 4, 3, 17);
    assertTrue(BatchGradient.numChunks(ROWS) >= 4, "the data must span several chunks");

    TrainingResult single = EngineTestData.train(data, config(5, 1).build());
    for (int threads : new int[] {2, 3, 8}) {
      TrainingResult parallel = EngineTestData.train(data, config(5, threads).build());
      assertArrayEquals(single.network().parameters(), parallel.network().parameters(),
          threads + " threads");
      assertArrayEquals(single.lossHistory(), parallel.lossHistory(), threads + " threads");
    }
  }

  @Test
  void batchGradientSumsAreBitIdenticalForAnyThreadCountOnUnevenRanges() {
    DataMatrix data = EngineTestData.random(3001, 3, 2, true, 23);
    NetworkShape shape = new NetworkShape(3, 5, 1, Activation.SIGMOID);
    double[] params = EngineTestData.randomParameters(shape, 0.5, 4);
    int[][] ranges = {{0, 3001}, {17, 2950}, {1000, 1700}};
    for (int[] range : ranges) {
      GradientSums reference = new GradientSums(shape.numParameters());
      try (BatchGradient one = new BatchGradient(shape, data, 1)) {
        one.sums(params, range[0], range[1], reference);
      }
      for (int threads : new int[] {2, 3, 8}) {
        GradientSums sums = new GradientSums(shape.numParameters());
        try (BatchGradient many = new BatchGradient(shape, data, threads)) {
          many.sums(params, range[0], range[1], sums);
        }
        String where = "rows " + range[0] + ".." + range[1] + ", " + threads + " threads";
        assertArrayEquals(reference.gradient(), sums.gradient(), where);
        assertArrayEquals(new double[] {reference.loss(), reference.weight()},
            new double[] {sums.loss(), sums.weight()}, where);
      }
    }
  }

  @Test
  void miniBatchesTrainBitIdenticalNetworksForAnyThreadCount() {
    DataMatrix data = EngineTestData.learnable(1500, 4, 3, 29);
    for (int batch : new int[] {32, 48, 7, 300}) {
      TrainingConfig.Builder adam = config(3, 1).updateRule(weka.classifiers.functions.backprop.UpdateRule.ADAM)
          .learningRate(0.01).batchSize(batch).epochs(4).validationFraction(0.2).patience(2);
      EngineTestData.assertSameOnThreads(data, adam, "batches of " + batch, 2, 3, 8);
    }
  }

  @Test
  void batchGradientSumsOfListedRowsAreBitIdenticalForAnyThreadCount() {
    DataMatrix data = EngineTestData.random(700, 5, 3, true, 31);
    NetworkShape shape = new NetworkShape(5, 6, 3, Activation.TANH);
    double[] params = EngineTestData.randomParameters(shape, 0.5, 8);
    int[] order = new int[data.numRows()];
    java.util.Random random = new java.util.Random(2);
    for (int k = 0; k < order.length; k++) {
      order[k] = random.nextInt(data.numRows());
    }
    GradientSums reference = new GradientSums(shape.numParameters());
    try (BatchGradient one = new BatchGradient(shape, data, 1)) {
      one.sums(params, order, 13, 45, reference);
    }
    for (int threads : new int[] {2, 3, 8}) {
      GradientSums sums = new GradientSums(shape.numParameters());
      try (BatchGradient many = new BatchGradient(shape, data, threads)) {
        for (int repeat = 0; repeat < 200; repeat++) { // many hand-offs to the same helper threads
          many.sums(params, order, 13, 45, sums);
          assertArrayEquals(reference.gradient(), sums.gradient(), threads + " threads, repeat " + repeat);
        }
      }
    }
  }
}
