package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;

/**
 * The memory a training run holds for gradients grows with the thread count, not with the number of chunks of rows
 * (issue 14, item 9): it held 16 chunks × 3 arrays the size of θ for the training rows alone (plus as many for the
 * held-out rows and the mini-batches), whatever -num-threads was, so 5,000 rows × 1,000 inputs with 1,000 hidden
 * units did not fit 800 MB. Now the training rows, the held-out rows and the mini-batches share one set of kernel
 * buffers per thread, and the result stays bit-identical for any thread count (also TrainerDeterminismTest). The
 * benchmark (BoundedTrainingMemoryBench, BENCHMARKS.md) measures the bound; this test checks it with a margin.
 */
class GradientBuffersBoundedByThreadsTest {

  /** 4,700 rows, 249 inputs, 3 classes: the 4,230 training rows of a 10 % split span all 16 chunks. */
  private static DataMatrix data() {
    return EngineTestData.learnable(4700, 249, 3, 31);
  }

  private static TrainingConfig.Builder config(int threads) {
    return TrainingConfig.builder().numHidden(500).activation(Activation.TANH).learningRate(0.05).epochs(2)
        .validationFraction(0.1).batchSize(64).seed(3).numThreads(threads);
  }

  /** @return a trainer in split order: the training rows first, as the classifier builds them */
  private static Trainer trainer(DataMatrix data, TrainingConfig config) {
    int[][] split = ValidationSplit.plan(data.y(), data.numClasses(), config);
    int[] order = new int[data.numRows()];
    System.arraycopy(split[0], 0, order, 0, split[0].length);
    System.arraycopy(split[1], 0, order, split[0].length, split[1].length);
    return Trainer.withHeldOutRowsLast(EngineTestData.rows(data, order), split[0].length, config);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * One thread, a full-batch evaluation over 16 chunks plus mini-batches and held-out rows: the run holds fewer than
   * 24 arrays the size of θ (its own dozen: θ, θ_0, the best θ, gradients, Adam's two moments … and one set of
   * kernel buffers), where it held more than 60.
   */
  @Test
  void aTrainingRunHoldsKernelBuffersForItsThreadsNotForEveryChunk() {
    DataMatrix data = data();
    assertEquals(16, BatchGradient.numChunks(4230));
    TrainingConfig config = config(1).build();
    long before = heapAfterGc();
    try (Trainer trainer = trainer(data, config)) {
      trainer.epoch();
      trainer.epoch();
      long held = heapAfterGc() - before - (long) data.numRows() * data.rowWidth() * 8; // the copy in split order
      long arrays = held / (8L * trainer.shape().numParameters());
      assertTrue(arrays < 24, "the run holds " + held / 1_000_000 + " MB, " + arrays + " arrays the size of θ");
      assertEquals(1, trainer.numKernelBuffers());
    }
  }

  /** Two and three threads: as many kernel buffers, and the same network as one thread, bit for bit. */
  @Test
  void eachThreadHasOneSetOfBuffersAndTheResultIsTheSame() {
    DataMatrix data = EngineTestData.learnable(4700, 9, 3, 31);
    TrainingResult reference = null;
    for (int threads : new int[] {1, 2, 3, 40}) {
      TrainingConfig config = config(threads).numHidden(7).build();
      try (Trainer trainer = trainer(data, config)) {
        while (trainer.epoch()) {
          // one epoch per call
        }
        assertEquals(Math.min(threads, BatchGradient.MAX_CHUNKS), trainer.numKernelBuffers(), threads + " threads");
        TrainingResult result = trainer.result();
        if (reference == null) {
          reference = result;
        } else {
          assertArrayEquals(reference.network().parameters(), result.network().parameters(), threads + " threads");
          assertArrayEquals(reference.lossHistory(), result.lossHistory(), threads + " threads");
        }
      }
    }
  }
}
