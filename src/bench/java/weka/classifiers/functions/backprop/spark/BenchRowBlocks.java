package weka.classifiers.functions.backprop.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.Accumulator;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.GradientSums;

/**
 * For the benchmark only (src/bench/java, same package as {@link RowBlock} so that its package-private
 * constructor needs no public factory in the adapter): the rows of an engine matrix as row blocks.
 */
public final class BenchRowBlocks {

  private BenchRowBlocks() {
  }

  /**
   * Copies rows {@code from} … {@code to − 1} into {@code numBlocks} blocks of nearly equal size, in order.
   *
   * @param data the engine's matrix (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param numBlocks number of blocks, 1 … to − from
   * @return the blocks, each with its own arrays, numbered 0 … numBlocks − 1 in order
   */
  public static List<RowBlock> blocks(DataMatrix data, int from, int to, int numBlocks) {
    int width = data.rowWidth();
    boolean weighted = false;
    for (int k = from; k < to && !weighted; k++) {
      weighted = data.weight(k) != 1.0;
    }
    List<RowBlock> blocks = new ArrayList<>(numBlocks);
    int length = to - from;
    for (int b = 0; b < numBlocks; b++) {
      int start = from + (int) ((long) length * b / numBlocks);
      int end = from + (int) ((long) length * (b + 1) / numBlocks);
      int n = end - start;
      double[] x = new double[n * width];
      System.arraycopy(data.x(), start * width, x, 0, n * width);
      int[] y = new int[n];
      System.arraycopy(data.y(), start, y, 0, n);
      double[] weights = null;
      if (weighted) {
        weights = new double[n];
        for (int k = 0; k < n; k++) {
          weights[k] = data.weight(start + k);
        }
      }
      blocks.add(new RowBlock(b, x, y, weights, data.numInputs(), data.numClasses()));
    }
    return blocks;
  }

  /**
   * The sums as the adapter computed them before issue 16, for the cost of the fixed tree: one
   * {@code treeAggregate} adding the blocks' sums into one running sum per task and the tasks' sums in the order
   * they finish (θ captured in the closure rather than broadcast: 8·p bytes per task).
   *
   * @param blocks the cached blocks
   * @param shape the architecture
   * @param theta the parameters
   * @param out receives the sums
   */
  public static void unorderedSums(JavaRDD<RowBlock> blocks, NetworkShape shape, double[] theta, GradientSums out) {
    GradientSums result = blocks.treeAggregate(new GradientSums(shape.numParameters()),
        (sums, block) -> {
          new Accumulator(shape).add(theta, block.matrix(), 0, block.numRows(), sums);
          return sums;
        },
        GradientSums::merge, SparkRowSums.TREE_DEPTH);
    out.clear();
    out.merge(result);
  }
}
