package weka.classifiers.functions.backprop.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.Accumulator;
import weka.classifiers.functions.backprop.train.GradientSums;
import weka.classifiers.functions.backprop.train.RowSums;

/**
 * The engine's {@link RowSums} over cached row blocks on a Spark cluster: the parameters θ are broadcast,
 * every block computes its sums G = Σ s∇ℓ, L = Σ sℓ, S = Σ s with the engine's own kernel
 * ({@link Accumulator#add}), and {@code treeAggregate} adds them up. Because the three are plain sums,
 * the result is the local engine's up to the rounding of the additions, however the rows are partitioned
 * (unlike averaging per-block means, which over-weights short blocks). One evaluation is one Spark job.
 */
public final class SparkRowSums implements RowSums {

  /** Depth of the aggregation tree (2: partitions merge in groups before the driver merges the groups). */
  public static final int TREE_DEPTH = 2;

  private final JavaSparkContext context;
  private final JavaRDD<RowBlock> blocks;
  private final NetworkShape shape;
  private final long numRows;
  private long evaluations;

  /**
   * @param context the Spark context
   * @param blocks the rows, cached (this object unpersists them on {@link #close()})
   * @param shape the network's architecture
   * @param numRows the number of rows in the blocks
   */
  public SparkRowSums(JavaSparkContext context, JavaRDD<RowBlock> blocks, NetworkShape shape, long numRows) {
    this.context = context;
    this.blocks = blocks;
    this.shape = shape;
    this.numRows = numRows;
  }

  @Override
  public void sums(double[] params, GradientSums total) {
    Broadcast<double[]> theta = context.broadcast(params.clone());
    try {
      NetworkShape architecture = shape;
      GradientSums result = blocks.treeAggregate(new GradientSums(architecture.numParameters()),
          (sums, block) -> {
            new Accumulator(architecture).add(theta.value(), block.matrix(), 0, block.numRows(), sums);
            return sums;
          },
          GradientSums::merge, TREE_DEPTH);
      total.clear();
      total.merge(result);
      evaluations++;
    } finally {
      theta.destroy();
    }
  }

  @Override
  public long numRows() {
    return numRows;
  }

  /** @return how many times the sums were computed (Spark jobs run) */
  public long evaluations() {
    return evaluations;
  }

  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
