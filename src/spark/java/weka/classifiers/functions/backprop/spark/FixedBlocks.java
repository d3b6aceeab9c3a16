package weka.classifiers.functions.backprop.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;

import scala.Tuple2;

/**
 * The rows cut into blocks fixed by their positions in the data, not by the partitioning: row i (counted from 0 in
 * the order of the partitions and of the rows within them, i.e. file order) belongs to block ⌊i / B⌋. Each block's
 * sums are computed alone and the blocks' sums added in a fixed tree ({@link SparkRowSums}), so the training sums,
 * and with them the model, are the same bits for every run and every partitioning of the same rows.
 *
 * <p>A block whose rows lie in one partition is encoded where it is; a block cut by a partition boundary (at most
 * one per boundary) has its pieces brought together by a shuffle of those rows only, once, before caching.
 */
final class FixedBlocks implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows per block, unless the rows are so wide that a block would hold more than {@link #MAX_BLOCK_VALUES}. */
  static final int BLOCK_ROWS = 4096;

  /** Most values (rows × (inputs + 1)) in one block: 32 MB of doubles. */
  static final int MAX_BLOCK_VALUES = 1 << 22;

  /** Turns the rows of one block (those on the wanted side of the validation split) into a {@link RowBlock}. */
  interface Encoder extends Serializable {
    RowBlock encode(int block, List<RawRow> rows);
  }

  /** Chooses the rows of one side of the validation split by their positions. */
  interface Side extends Serializable {
    boolean contains(long position);
  }

  private final long[] starts;
  private final long numRows;
  private final int blockRows;
  private final int numBlocks;

  private FixedBlocks(long[] starts, long numRows, int blockRows) {
    this.starts = starts;
    this.numRows = numRows;
    this.blockRows = blockRows;
    this.numBlocks = (int) Math.max(1, (numRows + blockRows - 1) / blockRows);
  }

  /**
   * @param rowWidth the width of an encoded row, m + 1
   * @return rows per block: {@link #BLOCK_ROWS}, fewer for rows wider than 1024 values (a multiple of 64, the
   *     kernel's tile, and at least 64)
   */
  static int blockRows(int rowWidth) {
    int fit = MAX_BLOCK_VALUES / Math.max(1, rowWidth);
    return Math.max(64, Math.min(BLOCK_ROWS, fit - fit % 64));
  }

  /**
   * Counts the rows of each partition (one job over the rows, which should be cached).
   *
   * @param rows the rows, in data order
   * @param blockRows B
   * @return the layout: where each partition starts and which blocks it holds whole
   */
  static FixedBlocks of(JavaRDD<RawRow> rows, int blockRows) {
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
    return new FixedBlocks(starts, starts[counts.size()], blockRows);
  }

  /** @return the number of rows */
  long numRows() {
    return numRows;
  }

  /** @return the number of blocks, at least 1 */
  int numBlocks() {
    return numBlocks;
  }

  /** @return B */
  int blockRows() {
    return blockRows;
  }

  /** @return true if all rows of the block are in the partition */
  private boolean isWholeIn(int partition, long block) {
    long first = block * blockRows;
    long end = Math.min(numRows, first + blockRows);
    return starts[partition] <= first && end <= starts[partition + 1];
  }

  /** @return the number of blocks cut by a partition boundary (one that starts strictly inside them) */
  private int numCut() {
    java.util.Set<Long> cut = new java.util.HashSet<>();
    for (int p = 1; p + 1 < starts.length; p++) {
      if (starts[p] % blockRows != 0 && starts[p] < numRows) {
        cut.add(starts[p] / blockRows);
      }
    }
    return cut.size();
  }

  /**
   * @param rows the rows this layout was made of (same partitions, same order)
   * @return each row with its position in the data
   */
  JavaRDD<Tuple2<RawRow, Long>> positions(JavaRDD<RawRow> rows) {
    long[] first = starts;
    return rows.mapPartitionsWithIndex((partition, partitionRows) -> {
      long start = first[partition];
      return new java.util.Iterator<Tuple2<RawRow, Long>>() {
        private long next = start;

        @Override
        public boolean hasNext() {
          return partitionRows.hasNext();
        }

        @Override
        public Tuple2<RawRow, Long> next() {
          return new Tuple2<>(partitionRows.next(), next++);
        }
      };
    }, true);
  }

  /**
   * The blocks of one side of the validation split: every block number 0 … n − 1 once (a block none of whose rows
   * is on that side is empty).
   *
   * @param positioned the rows with their positions ({@link #positions})
   * @param side which rows to keep
   * @param encoder makes a block of the kept rows
   * @return the blocks, not cached: whole blocks in the partitions of their rows, then the reassembled cut ones
   */
  JavaRDD<RowBlock> blocks(JavaRDD<Tuple2<RawRow, Long>> positioned, Side side, Encoder encoder) {
    FixedBlocks layout = this;
    JavaRDD<RowBlock> whole = positioned.mapPartitionsWithIndex((partition, rows) -> {
      List<RowBlock> result = new ArrayList<>();
      for (Map.Entry<Long, List<RawRow>> piece : layout.pieces(rows, side).entrySet()) {
        if (layout.isWholeIn(partition, piece.getKey())) {
          result.add(encoder.encode(piece.getKey().intValue(), piece.getValue()));
        }
      }
      return result.iterator();
    }, true);
    int cut = numCut();
    if (cut == 0) {
      return whole;
    }
    // the pieces of cut blocks, keyed by block and ordered by their first row, joined into one block each
    JavaRDD<RowBlock> joined = positioned.mapPartitionsWithIndex((partition, rows) -> {
      List<Tuple2<Long, Tuple2<Long, List<RawRow>>>> result = new ArrayList<>();
      for (Map.Entry<Long, List<RawRow>> piece : layout.pieces(rows, side).entrySet()) {
        if (!layout.isWholeIn(partition, piece.getKey())) {
          result.add(new Tuple2<>(piece.getKey(), new Tuple2<>(layout.starts[partition],
              new ArrayList<>(piece.getValue()))));
        }
      }
      return result.iterator();
    }, true).mapToPair(piece -> piece).groupByKey(joinedPartitions(cut)).map(block -> {
      TreeMap<Long, List<RawRow>> byStart = new TreeMap<>();
      for (Tuple2<Long, List<RawRow>> piece : block._2()) {
        byStart.put(piece._1(), piece._2());
      }
      List<RawRow> rows = new ArrayList<>();
      for (List<RawRow> piece : byStart.values()) {
        rows.addAll(piece);
      }
      return encoder.encode(block._1().intValue(), rows);
    });
    return whole.union(joined);
  }

  /**
   * @return partitions for the joined blocks: as few as keep each no larger than an average partition
   */
  private int joinedPartitions(int cut) {
    int partitions = Math.max(1, starts.length - 1);
    double perPartition = Math.max(1.0, (double) numRows / partitions);
    return (int) Math.max(1, Math.min(cut, Math.ceil((double) cut * blockRows / perPartition)));
  }

  /**
   * The rows of one partition on the wanted side, grouped by block (every block the partition's rows touch is
   * there, possibly with no row).
   */
  private TreeMap<Long, List<RawRow>> pieces(java.util.Iterator<Tuple2<RawRow, Long>> rows, Side side) {
    TreeMap<Long, List<RawRow>> pieces = new TreeMap<>();
    List<RawRow> current = null;
    long currentBlock = -1;
    while (rows.hasNext()) {
      Tuple2<RawRow, Long> row = rows.next();
      long block = row._2() / blockRows;
      if (block != currentBlock) {
        currentBlock = block;
        current = new ArrayList<>();
        pieces.put(block, current);
      }
      if (side.contains(row._2())) {
        current.add(row._1());
      }
    }
    return pieces;
  }
}
