package weka.classifiers.functions.backprop.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;

import scala.Tuple2;

import weka.classifiers.functions.backprop.train.FixedTree;

/**
 * The rows cut into blocks fixed by their positions in the data, not by the partitioning: row i (counted from 0 in
 * the order of the partitions and of the rows within them, i.e. file order) belongs to block ⌊i / {@link #BLOCK_ROWS}⌋.
 * Each block's statistics and training sums are computed alone and the blocks' values merged in a fixed tree
 * ({@link weka.classifiers.functions.backprop.train.FixedTree}), so the preprocessing, the training sums and with them
 * the model are the same bits for every run and every partitioning of the same rows.
 *
 * <p>A block whose rows lie in one partition stays where it is; a block cut by a partition boundary (at most one per
 * boundary) has its pieces brought together by a shuffle of those rows only, once.
 */
final class FixedBlocks implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows per block (a power of two, so that the encoded sub-blocks of {@link #subBlockRows} divide it). */
  static final int BLOCK_ROWS = 4096;

  /** Most values (rows × (inputs + 1)) in one encoded block: 32 MB of doubles. */
  static final int MAX_BLOCK_VALUES = 1 << 22;

  /** The rows of one block, in data order, with the position of the first. */
  static final class RawBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    final int index;
    final long first;
    final List<RawRow> rows;

    RawBlock(int index, long first, List<RawRow> rows) {
      this.index = index;
      this.first = first;
      this.rows = rows;
    }
  }

  private final long[] starts;
  private final long numRows;

  private FixedBlocks(long[] starts) {
    this.starts = starts;
    this.numRows = starts[starts.length - 1];
  }

  /**
   * @param rowWidth the width of an encoded row, m + 1
   * @return rows per encoded block: {@link #BLOCK_ROWS}, or for rows wider than 1024 values the largest power of
   *     two (at least 64) whose block holds at most {@link #MAX_BLOCK_VALUES} values; it divides BLOCK_ROWS
   */
  static int subBlockRows(int rowWidth) {
    int rows = BLOCK_ROWS;
    while (rows > 64 && (long) rows * rowWidth > MAX_BLOCK_VALUES) {
      rows /= 2;
    }
    return rows;
  }

  /**
   * Counts the rows of each partition (one job over the rows, which should be cached).
   *
   * @param rows the rows, in data order
   * @return the layout: where each partition starts
   */
  static FixedBlocks of(JavaRDD<RawRow> rows) {
    List<Long> counts = rows.mapPartitions(partition -> {
      long n = 0;
      for (; partition.hasNext(); partition.next()) {
        n++;
      }
      return Collections.singletonList(n).iterator();
    }).collect();
    long[] starts = new long[counts.size() + 1];
    for (int p = 0; p < counts.size(); p++) {
      starts[p + 1] = starts[p] + counts.get(p);
    }
    return new FixedBlocks(starts);
  }

  /** @return the number of rows */
  long numRows() {
    return numRows;
  }

  /**
   * @param blockRows rows per block
   * @return the number of blocks of that many rows, at least 1
   */
  int numBlocks(int blockRows) {
    return (int) Math.max(1, (numRows + blockRows - 1) / blockRows);
  }

  /** @return true if all rows of the block are in the partition */
  private boolean isWholeIn(int partition, long block) {
    long first = block * BLOCK_ROWS;
    long end = Math.min(numRows, first + BLOCK_ROWS);
    return starts[partition] <= first && end <= starts[partition + 1];
  }

  /** @return the number of blocks cut by a partition boundary (one that starts strictly inside them) */
  private int numCut() {
    java.util.Set<Long> cut = new java.util.HashSet<>();
    for (int p = 1; p + 1 < starts.length; p++) {
      if (starts[p] % BLOCK_ROWS != 0 && starts[p] < numRows) {
        cut.add(starts[p] / BLOCK_ROWS);
      }
    }
    return cut.size();
  }

  /**
   * The blocks: every block number 0 … n − 1 once.
   *
   * @param rows the rows this layout was made of (same partitions, same order)
   * @return the blocks, not cached: whole blocks in the partitions of their rows, then the joined cut ones
   */
  JavaRDD<RawBlock> blocks(JavaRDD<RawRow> rows) {
    FixedBlocks layout = this;
    JavaRDD<RawBlock> whole = rows.mapPartitionsWithIndex((partition, partitionRows) -> {
      List<RawBlock> result = new ArrayList<>();
      for (RawBlock piece : layout.pieces(partition, partitionRows)) {
        if (layout.isWholeIn(partition, piece.index)) {
          result.add(piece);
        }
      }
      return result.iterator();
    }, true);
    int cut = numCut();
    if (cut == 0) {
      return whole;
    }
    // the pieces of cut blocks, keyed by block and ordered by their first row, joined into one block each
    JavaRDD<RawBlock> joined = rows.mapPartitionsWithIndex((partition, partitionRows) -> {
      List<Tuple2<Integer, RawBlock>> result = new ArrayList<>();
      for (RawBlock piece : layout.pieces(partition, partitionRows)) {
        if (!layout.isWholeIn(partition, piece.index)) {
          result.add(new Tuple2<>(piece.index, piece));
        }
      }
      return result.iterator();
    }, true).mapToPair(piece -> piece).groupByKey(joinedPartitions(cut)).map(block -> {
      TreeMap<Long, List<RawRow>> byFirst = new TreeMap<>();
      for (RawBlock piece : block._2()) {
        byFirst.put(piece.first, piece.rows);
      }
      List<RawRow> joinedRows = new ArrayList<>();
      for (List<RawRow> piece : byFirst.values()) {
        joinedRows.addAll(piece);
      }
      return new RawBlock(block._1(), byFirst.firstKey(), joinedRows);
    });
    return whole.union(joined);
  }

  /**
   * Each block's value, merged in the fixed tree over the blocks: the same bits for every partitioning.
   *
   * @param blocks the blocks ({@link #blocks})
   * @param numBlocks their number
   * @param leaf a block's value
   * @param merge how two values merge, left ⊕ right
   * @return the value of all blocks
   */
  static <T extends Serializable> T merged(JavaRDD<RawBlock> blocks, int numBlocks, Function<RawBlock, T> leaf,
      FixedTree.Merge<T> merge) {
    return blocks.mapPartitions(partition -> {
      FixedTree<T> tree = new FixedTree<>(numBlocks, merge);
      while (partition.hasNext()) {
        RawBlock block = partition.next();
        tree.addLeaf(block.index, leaf.call(block));
      }
      return Collections.singletonList(tree).iterator();
    }).treeReduce(FixedTree::merge, SparkRowSums.TREE_DEPTH).total();
  }

  /** @return partitions for the joined blocks: as few as keep each no larger than an average partition */
  private int joinedPartitions(int cut) {
    int partitions = Math.max(1, starts.length - 1);
    double perPartition = Math.max(1.0, (double) numRows / partitions);
    return (int) Math.max(1, Math.min(cut, Math.ceil((double) cut * BLOCK_ROWS / perPartition)));
  }

  /** The rows of one partition grouped by block, each piece with the position of its first row. */
  private List<RawBlock> pieces(int partition, Iterator<RawRow> rows) {
    List<RawBlock> pieces = new ArrayList<>();
    long position = starts[partition];
    List<RawRow> current = null;
    while (rows.hasNext()) {
      if (current == null || position % BLOCK_ROWS == 0) {
        current = new ArrayList<>();
        pieces.add(new RawBlock((int) (position / BLOCK_ROWS), position, current));
      }
      current.add(rows.next());
      position++;
    }
    return pieces;
  }
}
