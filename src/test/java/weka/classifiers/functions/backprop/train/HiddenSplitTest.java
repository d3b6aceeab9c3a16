package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.kernel.HiddenSplit;

/**
 * A range too short to cut by rows (a mini-batch) is computed by two threads split by hidden units
 * ({@link HiddenSplit}) when the run has two threads, at least {@link HiddenSplit#MIN_HIDDEN} hidden units and a
 * data set of at least {@link BatchGradient#MIN_SPLIT_ROWS} rows: its sums must be those of one thread bit for bit,
 * whatever the shape, the output function, the weights, the tile count, and the rows the helper packed ahead
 * (including an order whose contents changed since). The JVM's warm-up before the first split and the split's trials
 * are skipped (every eligible range is split); the sums
 * tests check that the split computed (or, for the small set, that it did not), and the training tests fail when the
 * split's tile copy is broken.
 */
class HiddenSplitTest {

  /** Hidden sizes: the smallest split, odd halves, a remainder after groups of four, the default, a wide one. */
  private static final int[] HIDDEN = {8, 9, 12, 16, 21};

  /** Batch sizes: one row, part of a tile, one tile, one tile and a row, several tiles. */
  private static final int[] BATCHES = {1, 31, 64, 65, 200};

  /** Rows of the data sets: the fewest that are split. */
  private static final int ROWS = BatchGradient.MIN_SPLIT_ROWS;

  /** Positions of an order compared batch after batch (the order covers all rows). */
  private static final int COMPARED = 700;

  @BeforeAll
  static void splitFromTheFirstRange() {
    BatchGradient.splitForTests(true);
  }

  @AfterAll
  static void letTheTrialsChooseAgain() {
    BatchGradient.splitForTests(false);
  }

  @Test
  void consecutiveBatchesOfAnOrderGiveTheSumsOfOneThreadBitForBit() {
    for (int g : HIDDEN) {
      for (int outputs : new int[] {2, 3, 1}) { // sigmoid, softmax, linear (a numeric target)
        for (boolean weighted : new boolean[] {false, true}) {
          DataMatrix data = data(ROWS, 5, outputs, weighted, 31L * g + outputs);
          NetworkShape shape = NetworkShape.forClasses(5, g, outputs, Activation.TANH, Kernels.SCALAR);
          double[] params = EngineTestData.randomParameters(shape, 0.5, g);
          int[] order = permutation(data.numRows(), new Random(g));
          try (GradientWorkers workers = new GradientWorkers(shape, 2);
              BatchGradient two = new BatchGradient(data, workers);
              BatchGradient one = new BatchGradient(shape, data, 1)) {
            for (int batch : BATCHES) {
              String where = "g = " + g + ", outputs " + outputs + (weighted ? ", weighted" : "") + ", batches of "
                  + batch;
              compareAlongOrder(shape, params, one, two, order, batch, where);
              // the helper packs the rows after a batch ahead; if the order's contents change before the next
              // batch (a new epoch's shuffle), those rows must not be used
              int next = 2 * batch;
              compare(shape, params, one, two, order, 0, batch, where + ", first batch");
              shuffle(order, new Random(batch));
              compare(shape, params, one, two, order, batch, next, where + ", next batch after a reshuffle");
              compareAlongOrder(shape, params, one, two, order, batch, where + ", reshuffled");
              compare(shape, params, one, two, null, 100, 100 + batch, where + ", consecutive rows");
            }
            assertTrue(workers.hiddenSplit().calls() > 0, "the split computed: " + g + " hidden units, 2 threads");
            assertEquals(2, workers.numAccumulators());
          }
        }
      }
    }
  }

  @Test
  void trainingWithMiniBatchesIsBitIdenticalOnOneTwoAndThreeThreads() {
    DataMatrix data = EngineTestData.learnable(ROWS + 1500, 4, 3, 29);
    for (int batch : new int[] {32, 100}) {
      TrainingConfig.Builder adam = TrainingConfig.builder().numHidden(16).activation(Activation.TANH)
          .updateRule(UpdateRule.ADAM).learningRate(0.01).batchSize(batch).epochs(2).validationFraction(0.2)
          .patience(2).weightDecay(1e-3).seed(3);
      EngineTestData.assertSameOnThreads(data, adam, "batches of " + batch, 2, 3);
    }
  }

  @Test
  void aNumericTargetTrainsBitIdenticallyOnTwoThreads() {
    DataMatrix data = data(ROWS + 900, 3, 1, true, 5);
    TrainingConfig.Builder momentum = TrainingConfig.builder().numHidden(12).activation(Activation.SIGMOID)
        .updateRule(UpdateRule.MOMENTUM).momentum(0.5).learningRate(0.05).batchSize(50).epochs(3).seed(9)
        .numThreads(1);
    TrainingResult single = EngineTestData.train(data, momentum.build());
    TrainingResult parallel = EngineTestData.train(data, momentum.numThreads(2).build());
    assertArrayEquals(single.network().parameters(), parallel.network().parameters());
    assertArrayEquals(single.lossHistory(), parallel.lossHistory());
  }

  @Test
  void aSmallDataSetIsNotSplit() {
    DataMatrix data = EngineTestData.random(ROWS - 1, 3, 2, false, 8);
    NetworkShape shape = new NetworkShape(3, 16, 1, Activation.TANH);
    double[] params = EngineTestData.randomParameters(shape, 0.5, 2);
    try (GradientWorkers workers = new GradientWorkers(shape, 2);
        BatchGradient two = new BatchGradient(data, workers)) {
      two.sums(params, 0, 32, new GradientSums(shape.numParameters()));
      assertEquals(1, workers.numAccumulators(), "one thread's buffers: the split never ran");
    }
  }

  @Test
  void fewerHiddenUnitsThanTheSplitNeedsOrOneThreadUseNoSplit() {
    NetworkShape small = new NetworkShape(3, HiddenSplit.MIN_HIDDEN - 1, 1, Activation.TANH);
    try (GradientWorkers workers = new GradientWorkers(small, 2)) {
      assertNull(workers.hiddenSplit());
    }
    NetworkShape wide = new NetworkShape(3, 16, 1, Activation.TANH);
    try (GradientWorkers workers = new GradientWorkers(wide, 1)) {
      assertNull(workers.hiddenSplit());
    }
  }

  @Test
  void aHalfThatFailsStopsTheOtherAndTheNextSumsAreComputedWithoutTheSplit() {
    DataMatrix data = EngineTestData.random(ROWS, 4, 2, false, 3);
    NetworkShape shape = new NetworkShape(4, 16, 1, Activation.TANH);
    double[] params = EngineTestData.randomParameters(shape, 0.5, 1);
    int[] order = permutation(data.numRows(), new Random(4));
    int[] broken = order.clone();
    broken[40] = data.numRows() + 5; // a row that does not exist: both halves fail to pack it
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (GradientWorkers workers = new GradientWorkers(shape, 2);
          BatchGradient two = new BatchGradient(data, workers);
          BatchGradient one = new BatchGradient(shape, data, 1)) {
        GradientSums sums = new GradientSums(shape.numParameters());
        two.sums(params, order, 0, 32, sums); // the split works ...
        assertEquals(1, workers.hiddenSplit().calls());
        assertThrows(RuntimeException.class, () -> two.sums(params, broken, 32, 64, sums)); // ... then fails
        assertNull(workers.hiddenSplit(), "a failed split is not used again");
        compare(shape, params, one, two, order, 64, 96, "after the failure");
      }
    });
  }

  /** Compares the sums of the order's consecutive batches, computed one after another as training does. */
  private static void compareAlongOrder(NetworkShape shape, double[] params, BatchGradient one, BatchGradient two,
      int[] order, int batch, String where) {
    for (int from = 0; from < COMPARED; from += batch) {
      compare(shape, params, one, two, order, from, from + batch, where + ", from " + from);
    }
    // and the order's last batch, which ends where nothing follows to pack ahead
    compare(shape, params, one, two, order, order.length - batch, order.length, where + ", last batch");
  }

  private static void compare(NetworkShape shape, double[] params, BatchGradient one, BatchGradient two,
      int[] rowIndex, int from, int to, String where) {
    GradientSums expected = new GradientSums(shape.numParameters());
    GradientSums actual = new GradientSums(shape.numParameters());
    one.sums(params, rowIndex, from, to, expected);
    two.sums(params, rowIndex, from, to, actual);
    assertArrayEquals(expected.gradient(), actual.gradient(), where);
    assertArrayEquals(new double[] {expected.loss(), expected.weight()}, new double[] {actual.loss(), actual.weight()},
        where);
  }

  /** Random rows with class labels (outputs ≥ 2) or a numeric target (outputs = 1). */
  private static DataMatrix data(int rows, int numInputs, int outputs, boolean weighted, long seed) {
    if (outputs > 1) {
      return EngineTestData.random(rows, numInputs, outputs, weighted, seed);
    }
    DataMatrix classes = EngineTestData.random(rows, numInputs, 2, weighted, seed);
    Random random = new Random(seed);
    double[] target = new double[rows];
    for (int k = 0; k < rows; k++) {
      target[k] = 3.0 * random.nextGaussian() - 1.0;
    }
    return DataMatrix.numeric(classes.x(), target, classes.weights(), numInputs);
  }

  private static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    shuffle(order, random);
    return order;
  }

  private static void shuffle(int[] order, Random random) {
    for (int k = order.length - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int swap = order[k];
      order[k] = order[j];
      order[j] = swap;
    }
  }
}
