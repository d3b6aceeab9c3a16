package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;

/**
 * Evaluates J and ∇J over a range of rows (consecutive, or listed by index as a shuffled mini-batch is), on one
 * or more threads, with a result that is bit-identical for any number of threads.
 *
 * <p>The range is cut into chunks whose boundaries depend only on the range's length (never on the thread
 * count): one chunk below {@link #MIN_SHARED_ROWS} rows (a mini-batch is one), otherwise one per
 * {@link #ROWS_PER_CHUNK} rows, at least two and at most {@link #MAX_CHUNKS}. Each chunk's {@link GradientSums} are computed by an
 * {@link Accumulator} (the kernel's objective) and the chunks are then merged in chunk order. Threads
 * ({@link ChunkWorkers}) only decide which chunk is computed where, not what is added to what; a range of fewer than
 * {@link #MIN_SHARED_ROWS} rows is one chunk, computed by the calling thread. Buffers are allocated once, so
 * evaluation allocates no arrays.
 */
final class BatchGradient implements AutoCloseable {

  /** Rows per chunk of a longer range, before the limits of two and {@link #MAX_CHUNKS} chunks. */
  static final int ROWS_PER_CHUNK = 256;

  /** Most chunks a range is cut into (bounds the memory for partial sums to this many gradients). */
  static final int MAX_CHUNKS = 16;

  /**
   * Fewest rows cut into chunks and shared with the helper threads; a smaller range (a mini-batch) is one chunk,
   * computed by the calling thread. Sharing a batch of 32 rows as two chunks of 16 made an Adam epoch 1.85× slower
   * than computing both chunks in the caller on the project's VM (128 against 69 ms on 100 000 rows, idle
   * machine): handing θ and the partial gradients between the cores of that VM costs more than 16 rows of work;
   * and one chunk instead of two saves a load of θ and an assembly of the partial gradient per batch.
   */
  static final int MIN_SHARED_ROWS = 1024;

  private final DataMatrix data;
  private final GradientSums[] chunkSums;
  private final Accumulator[] accumulators;
  private final ChunkWorkers workers;
  private final boolean ownsWorkers;
  /** The arguments of the running evaluation, read by the chunks. */
  private double[] params;
  private int[] rowIndex;
  private int from;
  private int length;
  private int chunks;
  private final ChunkWorkers.ChunkTask chunkTask = this::computeChunk;

  /**
   * @param shape the architecture
   * @param data the training rows
   * @param numThreads threads to use (1 = compute in the calling thread, no helper)
   */
  BatchGradient(NetworkShape shape, DataMatrix data, int numThreads) {
    this(shape, data, new ChunkWorkers(Math.min(numThreads, numChunks(data.numRows()))), true);
  }

  /**
   * @param shape the architecture
   * @param data the training rows
   * @param workers the threads, shared with other evaluations of the same run (not closed here)
   */
  BatchGradient(NetworkShape shape, DataMatrix data, ChunkWorkers workers) {
    this(shape, data, workers, false);
  }

  private BatchGradient(NetworkShape shape, DataMatrix data, ChunkWorkers workers, boolean ownsWorkers) {
    this.data = data;
    this.workers = workers;
    this.ownsWorkers = ownsWorkers;
    int maxChunks = numChunks(data.numRows());
    this.chunkSums = new GradientSums[maxChunks];
    for (int c = 0; c < maxChunks; c++) {
      chunkSums[c] = new GradientSums(shape.numParameters());
    }
    this.accumulators = new Accumulator[workers.numWorkers()];
    for (int w = 0; w < accumulators.length; w++) {
      accumulators[w] = new Accumulator(shape);
    }
  }

  /**
   * @param rows number of rows in a range
   * @return how many chunks that range is cut into
   */
  static int numChunks(int rows) {
    if (rows < MIN_SHARED_ROWS) {
      return 1;
    }
    return Math.max(2, Math.min(MAX_CHUNKS, rows / ROWS_PER_CHUNK));
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
    sums(params, null, from, to, total);
  }

  /**
   * Computes the summed loss and gradient of the rows {@code rowIndex[from]} … {@code rowIndex[to − 1]}, read in
   * place.
   *
   * @param params the parameter vector (not modified)
   * @param rowIndex row indices, or null for the rows from … to − 1 themselves (not modified)
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @param total receives G, L and S of the range (cleared first)
   */
  void sums(double[] params, int[] rowIndex, int from, int to, GradientSums total) {
    this.params = params;
    this.rowIndex = rowIndex;
    this.from = from;
    this.length = to - from;
    this.chunks = Math.min(chunkSums.length, numChunks(length));
    try {
      if (chunks > 1) {
        workers.run(chunks, chunkTask);
      } else {
        workers.runAlone(chunks, chunkTask);
      }
    } finally {
      this.params = null;
      this.rowIndex = null;
    }
    total.clear();
    for (int c = 0; c < chunks; c++) {
      total.merge(chunkSums[c]);
    }
  }

  private void computeChunk(int worker, int chunk) {
    int start = from + chunkStart(length, chunks, chunk);
    int end = from + chunkStart(length, chunks, chunk + 1);
    chunkSums[chunk].clear();
    accumulators[worker].add(params, data, rowIndex, start, end, chunkSums[chunk]);
  }

  /** Start of chunk c when {@code length} rows are cut into {@code chunks} nearly equal parts. */
  private static int chunkStart(int length, int chunks, int c) {
    return (int) ((long) length * c / chunks);
  }

  @Override
  public void close() {
    if (ownsWorkers) {
      workers.close();
    }
  }
}
