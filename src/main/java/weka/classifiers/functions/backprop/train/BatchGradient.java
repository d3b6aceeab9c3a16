package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.kernel.ForwardPass;

/**
 * Evaluates J and ∇J over a range of rows, on one or more threads, with a result that is bit-identical
 * for any number of threads.
 *
 * <p>The range is cut into chunks whose boundaries depend only on the range (never on the thread count), and the
 * chunks' sums are added to the total in chunk order. The chunks are computed in waves of as many as there are
 * threads, each thread in its own buffers ({@link GradientWorkers}), and after each wave its sums are added in order:
 * threads only decide which chunk is computed where, not what is added to what. So the memory for gradients is one
 * set of kernel buffers per thread (two arrays the size of θ), not one per chunk.
 */
final class BatchGradient implements AutoCloseable {

  /** Fewest rows a chunk gets before a range is split further. */
  static final int MIN_CHUNK_ROWS = 4 * ForwardPass.TILE_ROWS;

  /** Most chunks a range is cut into (and so the most threads a range can use). */
  static final int MAX_CHUNKS = 16;

  private final DataMatrix data;
  private final GradientWorkers workers;
  /** True if the workers are this object's own (closed with it), false if a training run shares them. */
  private final boolean ownWorkers;

  /**
   * @param shape the architecture
   * @param data the training rows
   * @param numThreads threads to use (1 = compute in the calling thread, no pool)
   */
  BatchGradient(NetworkShape shape, DataMatrix data, int numThreads) {
    this(data, new GradientWorkers(shape, numThreads), true);
  }

  /**
   * @param data the training rows
   * @param workers the threads and buffers of the run, shared with its other row sets (not closed here)
   */
  BatchGradient(DataMatrix data, GradientWorkers workers) {
    this(data, workers, false);
  }

  private BatchGradient(DataMatrix data, GradientWorkers workers, boolean ownWorkers) {
    this.data = data;
    this.workers = workers;
    this.ownWorkers = ownWorkers;
  }

  /**
   * @param rows number of rows in a range
   * @return how many chunks that range is cut into
   */
  static int numChunks(int rows) {
    return Math.max(1, Math.min(MAX_CHUNKS, rows / MIN_CHUNK_ROWS));
  }

  /**
   * Computes the summed loss and gradient of rows {@code from} … {@code to − 1}.
   *
   * @param params the parameter vector (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param total receives G, L and S of the range (cleared first)
   */
  void sums(double[] params, int from, int to, GradientSums total) {
    int length = to - from;
    int chunks = numChunks(length);
    int slots = workers.slots(chunks);
    total.clear();
    for (int first = 0; first < chunks; first += slots) {
      final int wave = first;
      int count = Math.min(slots, chunks - first);
      workers.runAll(count, slot -> workers.accumulator(slot).compute(params, data,
          from + chunkStart(length, chunks, wave + slot), from + chunkStart(length, chunks, wave + slot + 1)));
      for (int slot = 0; slot < count; slot++) {
        workers.accumulator(slot).addTo(total); // chunk order
      }
    }
  }

  /** Start of chunk c when {@code length} rows are cut into {@code chunks} nearly equal, tile-aligned parts. */
  private static int chunkStart(int length, int chunks, int c) {
    if (c >= chunks) {
      return length;
    }
    long start = (long) length * c / chunks;
    return (int) (start - start % ForwardPass.TILE_ROWS);
  }

  @Override
  public void close() {
    if (ownWorkers) {
      workers.close();
    }
  }
}
