package weka.classifiers.functions.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.Accumulator;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.FixedTree;
import weka.classifiers.functions.backprop.train.GradientSums;
import weka.classifiers.functions.backprop.train.LocalRowSums;
import weka.classifiers.functions.backprop.train.Trainer;

/**
 * (J, ∇J) on Spark equals the local engine's to 1e-12 relative, for 1, 3 and 7 partitions of very uneven
 * sizes (a partition of one row among partitions of thousands), with weights, for two and three classes; and it
 * is the same bits for every partitioning and every order of the blocks in the partitions: the blocks' sums are
 * added in one fixed tree over the block numbers, which {@link FixedTree} over the blocks in this JVM
 * reproduces exactly.
 */
class SparkRowSumsTest {

  private static final double TOLERANCE = 1e-12;

  /** Row counts of the blocks; each partition receives consecutive blocks. */
  private static final int[] BLOCK_SIZES = {1, 17, 1500, 3, 250, 64, 2000};

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7})
  void sparkSumsEqualTheLocalEngine(int partitions) {
    for (int numClasses : new int[] {2, 3}) {
      Random random = new Random(100 + numClasses);
      int numInputs = 6;
      List<RowBlock> blocks = new ArrayList<>();
      int total = 0;
      for (int size : BLOCK_SIZES) {
        blocks.add(block(blocks.size(), random, size, numInputs, numClasses));
        total += size;
      }
      blocks.add(new RowBlock(blocks.size(), new double[0], new int[0], null, numInputs, numClasses)); // no rows
      DataMatrix all = concatenate(blocks, total, numInputs, numClasses);
      NetworkShape shape = new NetworkShape(numInputs, 5, NetworkShape.outputsForClasses(numClasses),
          Activation.TANH);
      double[] params = Trainer.initialParameters(shape, 7);
      for (int i = 0; i < params.length; i++) {
        params[i] += 0.1 * random.nextGaussian(); // biases too
      }

      GradientSums local = new GradientSums(shape.numParameters());
      try (LocalRowSums rows = new LocalRowSums(shape, all, 2)) {
        rows.sums(params, local);
      }
      JavaSparkContext context = LocalSpark.context();
      GradientSums spark = sparkSums(context, blocks, partitions, shape, params, total);
      FixedTree<GradientSums> tree = new FixedTree<>(blocks.size(), GradientSums::merge);
      for (RowBlock block : blocks) {
        GradientSums leaf = new GradientSums(shape.numParameters());
        if (block.numRows() > 0) {
          new Accumulator(shape).add(params, block.matrix(), 0, block.numRows(), leaf);
        }
        tree.addLeaf(block.index(), leaf);
      }
      assertSameBits(tree.total(), spark, partitions + " partitions against the same tree in this JVM");
      List<RowBlock> shuffled = new ArrayList<>(blocks);
      java.util.Collections.shuffle(shuffled, new Random(partitions));
      assertSameBits(spark, sparkSums(context, shuffled, 8 - partitions, shape, params, total),
          "blocks in another order and " + (8 - partitions) + " partitions");

      assertRelative(local.loss(), spark.loss(), "L");
      assertRelative(local.weight(), spark.weight(), "S");
      double scale = 0;
      for (double g : local.gradient()) {
        scale = Math.max(scale, Math.abs(g));
      }
      assertTrue(scale > 0);
      for (int i = 0; i < params.length; i++) {
        assertEquals(local.gradient()[i], spark.gradient()[i], TOLERANCE * scale,
            partitions + " partitions, " + numClasses + " classes: gradient " + i);
      }
    }
  }

  private static GradientSums sparkSums(JavaSparkContext context, List<RowBlock> blocks, int partitions,
      NetworkShape shape, double[] params, int total) {
    JavaRDD<RowBlock> rdd = context.parallelize(blocks, partitions);
    assertEquals(partitions, rdd.getNumPartitions());
    GradientSums sums = new GradientSums(shape.numParameters());
    SparkRowSums rows = new SparkRowSums(context, rdd.cache(), shape, total, blocks.size());
    rows.sums(params, sums);
    rows.close();
    return sums;
  }

  private static void assertSameBits(GradientSums expected, GradientSums actual, String what) {
    assertEquals(expected.loss(), actual.loss(), 0.0, what + ": L");
    assertEquals(expected.weight(), actual.weight(), 0.0, what + ": S");
    for (int i = 0; i < expected.gradient().length; i++) {
      assertEquals(Double.doubleToLongBits(expected.gradient()[i]), Double.doubleToLongBits(actual.gradient()[i]),
          what + ": gradient " + i);
    }
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertEquals(expected, actual, TOLERANCE * Math.abs(expected), what);
  }

  private static RowBlock block(int index, Random random, int rows, int numInputs, int numClasses) {
    int width = numInputs + 1;
    double[] x = new double[rows * width];
    int[] y = new int[rows];
    double[] weights = new double[rows];
    for (int k = 0; k < rows; k++) {
      x[k * width] = 1.0;
      y[k] = random.nextInt(numClasses);
      for (int i = 1; i < width; i++) {
        x[k * width + i] = random.nextGaussian() + 0.5 * y[k] * (i % 2);
      }
      weights[k] = random.nextInt(4) * 0.5;
    }
    return new RowBlock(index, x, y, weights, numInputs, numClasses);
  }

  private static DataMatrix concatenate(List<RowBlock> blocks, int total, int numInputs, int numClasses) {
    int width = numInputs + 1;
    double[] x = new double[total * width];
    int[] y = new int[total];
    double[] weights = new double[total];
    int row = 0;
    for (RowBlock block : blocks) {
      if (block.numRows() == 0) {
        continue;
      }
      DataMatrix m = block.matrix();
      System.arraycopy(m.x(), 0, x, row * width, m.numRows() * width);
      for (int k = 0; k < m.numRows(); k++) {
        y[row + k] = m.y()[k];
        weights[row + k] = m.weight(k);
      }
      row += m.numRows();
    }
    return new DataMatrix(x, y, weights, numInputs, numClasses);
  }
}
