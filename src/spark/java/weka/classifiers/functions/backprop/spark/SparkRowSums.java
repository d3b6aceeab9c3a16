package weka.classifiers.functions.backprop.spark;

import java.util.Collections;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.Accumulator;
import weka.classifiers.functions.backprop.train.FixedTree;
import weka.classifiers.functions.backprop.train.GradientSums;
import weka.classifiers.functions.backprop.train.RowSums;

/**
 * The engine's {@link RowSums} over cached row blocks on a Spark cluster: the parameters θ are broadcast, every
 * block computes its sums G = Σ s∇ℓ, L = Σ sℓ, S = Σ s with the engine's own kernel ({@link Accumulator#add}, with
 * the network's activation kernels), and the blocks' sums are added in one fixed tree over the block numbers
 * ({@link FixedTree}), whichever tasks computed them and in whatever order they finish. Since the blocks are
 * fixed by the rows' positions in the data ({@link FixedBlocks}), the sums are the same bits for every run and for
 * every partitioning of the same rows; they equal the local engine's up to the rounding of the additions (unlike
 * averaging per-block means, which over-weights short blocks). One evaluation is one Spark job.
 */
public final class SparkRowSums implements RowSums {

  /** Depth of the aggregation tree (2: partitions merge in groups before the driver merges the groups). */
  public static final int TREE_DEPTH = 2;

  private final JavaSparkContext context;
  private final JavaRDD<RowBlock> blocks;
  private final NetworkShape shape;
  private final long numRows;
  private final int numBlocks;
  private long evaluations;

  /**
   * @param context the Spark context
   * @param blocks the rows, cached (this object unpersists them on {@link #close()}): blocks numbered 0 … numBlocks
   *        − 1, each number once
   * @param shape the network's architecture and activation kernels
   * @param numRows the number of rows in the blocks
   * @param numBlocks the number of blocks
   */
  public SparkRowSums(JavaSparkContext context, JavaRDD<RowBlock> blocks, NetworkShape shape, long numRows,
      int numBlocks) {
    this.context = context;
    this.blocks = blocks;
    this.shape = shape;
    this.numRows = numRows;
    this.numBlocks = numBlocks;
  }

  @Override
  public void sums(double[] params, GradientSums total) {
    Broadcast<double[]> theta = context.broadcast(params.clone());
    try {
      NetworkShape architecture = shape;
      int leaves = numBlocks;
      FixedTree<GradientSums> tree = blocks.mapPartitions(partition -> {
        FixedTree<GradientSums> sums = new FixedTree<>(leaves, GradientSums::merge);
        Accumulator accumulator = null;
        while (partition.hasNext()) {
          RowBlock block = partition.next();
          GradientSums leaf = new GradientSums(architecture.numParameters());
          if (block.numRows() > 0) {
            if (accumulator == null) {
              accumulator = new Accumulator(architecture);
            }
            accumulator.add(theta.value(), block.matrix(), 0, block.numRows(), leaf);
          }
          sums.addLeaf(block.index(), leaf);
        }
        return Collections.singletonList(sums).iterator();
      }).treeReduce(FixedTree::merge, TREE_DEPTH);
      total.clear();
      total.merge(tree.total());
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
