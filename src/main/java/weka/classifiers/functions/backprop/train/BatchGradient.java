package weka.classifiers.functions.backprop.train;

import java.util.concurrent.atomic.AtomicLong;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.kernel.HiddenSplit;

/**
 * Evaluates J and ∇J over a range of rows (consecutive, or listed by index as a shuffled mini-batch is), on one
 * or more threads, with a result that is bit-identical for any number of threads.
 *
 * <p>The sums G = Σ s_k ∇ℓ_k, L = Σ s_k ℓ_k and S = Σ s_k of a range of n rows are taken over chunks whose
 * boundaries depend only on n (never on the thread count):
 * <pre>
 *   C = 1                                 n &lt; {@link #MIN_SHARED_ROWS} (a mini-batch)
 *   C = max(2, min({@link #MAX_CHUNKS}, ⌊n / {@link #ROWS_PER_CHUNK}⌋))   otherwise
 *   chunk c = rows ⌊n c / C⌋ … ⌊n (c + 1) / C⌋ − 1
 *   G = (…((G_0 + G_1) + G_2) + …) + G_{C−1}        (and L, S alike), chunk order
 * </pre>
 * The chunks are computed in waves of as many as there are threads ({@link GradientWorkers}): the chunk in slot s
 * of a wave is computed in slot s's buffers by whichever thread takes it, and after each wave the caller adds the
 * slots' sums to the total in order. Threads decide only where a chunk is computed, not what is added to what; and
 * the memory for partial sums is one set of kernel buffers per thread, not one per chunk. A range of fewer than
 * {@link #MIN_SHARED_ROWS} rows is one chunk: computed by the calling thread, or, when the run has a helper
 * thread, at least {@link HiddenSplit#MIN_HIDDEN} hidden units and a data set of at least {@link #MIN_SPLIT_ROWS}
 * rows (after the JVM's warm-up, {@link #WARM_UP_RANGES}, and as long as the split's trials find it faster:
 * {@link HiddenSplit#useSplit}), by the calling thread and one helper split by
 * hidden units ({@link HiddenSplit}: each thread computes half of the units of every row, and the sums are the
 * one-thread sums bit for bit). Evaluation allocates no arrays.
 */
final class BatchGradient implements AutoCloseable {

  /** Rows per chunk of a longer range, before the limits of two and {@link #MAX_CHUNKS} chunks. */
  static final int ROWS_PER_CHUNK = 256;

  /** Most chunks a range is cut into (and so the most threads a range can use). */
  static final int MAX_CHUNKS = 16;

  /**
   * Fewest rows cut into chunks and shared with the helper threads; a smaller range (a mini-batch) is one chunk,
   * computed by the calling thread or split by hidden units ({@link HiddenSplit}). Sharing a batch of 32 rows as
   * two chunks of 16 made an Adam epoch 1.85× slower than computing both chunks in the caller on the project's VM
   * (128 against 69 ms on 100 000 rows, idle machine): handing θ and the partial gradients between the cores of
   * that VM costs more than 16 rows of work; split by hidden units instead, each thread keeps its half of the work
   * and the threads exchange only a tile's activations and δ2.
   */
  static final int MIN_SHARED_ROWS = 1024;

  /**
   * Fewest rows a data set must have for its short ranges (mini-batches) to be split by hidden units between two
   * threads; smaller sets compute them in the calling thread alone, as before the split. An epoch on a small set
   * lasts about as long as a helper spins between jobs (0.2 ms), so the helpers of other training runs (the fold
   * networks of -tune cv, trained in turn) still spin on the cores the split needs: on six sets of 150 to 1,500
   * rows, one 10-fold CV with the defaults took 2.5 to 5.8 times longer with the split on every short range (the
   * project's VM, 2026-11-30).
   */
  static final int MIN_SPLIT_ROWS = 16384;

  /**
   * Short ranges this JVM computes in one thread before it splits any by hidden units. Until the JIT has compiled
   * the kernels, the compiler threads need a core, and a split that keeps both busy made the first build in a fresh
   * JVM slower, not faster (50,000 rows, -tune none -N 10: 1.8 s against 1.1 s; the project's VM, 2026-11-30).
   */
  static final long WARM_UP_RANGES = 20_000;

  /** Short ranges computed in one thread so far in this JVM, counted up to {@link #WARM_UP_RANGES}. */
  private static final AtomicLong ONE_THREAD_RANGES = new AtomicLong();

  /** True while tests make every eligible range split, without the split's trials ({@link HiddenSplit#useSplit}). */
  private static volatile boolean alwaysSplit;

  /**
   * For tests, which must see the split from their first range: ends this JVM's warm-up at once and, while
   * {@code always} is true, splits every eligible range instead of following the split's trials.
   *
   * @param always true to split every eligible range, false to let the trials choose again
   */
  static void splitForTests(boolean always) {
    ONE_THREAD_RANGES.set(WARM_UP_RANGES);
    alwaysSplit = always;
  }

  private final DataMatrix data;
  private final GradientWorkers workers;
  /** True if the workers are this object's own (closed with it), false if a training run shares them. */
  private final boolean ownWorkers;
  private final ChunkWorkers.ChunkTask chunkTask = this::computeChunk;
  private final ChunkWorkers.ChunkTask pairTask = this::computePart;
  /** The hidden-unit split of the running evaluation, or null. */
  private HiddenSplit split;
  /** The split's {@link HiddenSplit#prePackNext}, run by the helper after its part (the split never changes). */
  private Runnable prePackNext;
  /** The arguments of the running evaluation, read by the chunks. */
  private double[] params;
  private int[] rowIndex;
  private int from;
  private int length;
  private int chunks;
  /** The first chunk of the running wave: slot s computes chunk waveStart + s. */
  private int waveStart;

  /**
   * @param shape the architecture
   * @param data the training rows
   * @param numThreads threads to use (1 = compute in the calling thread, no helper)
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
    this.chunks = numChunks(length);
    total.clear();
    try {
      HiddenSplit split = null;
      if (chunks == 1 && data.numRows() >= MIN_SPLIT_ROWS) {
        if (ONE_THREAD_RANGES.get() >= WARM_UP_RANGES) {
          split = workers.hiddenSplit();
        } else {
          ONE_THREAD_RANGES.incrementAndGet();
        }
      }
      if (split == null) {
        waves(total);
        return;
      }
      boolean timed = split.timed(); // only the trials' ranges are timed
      long start = timed ? System.nanoTime() : 0L;
      if (!((alwaysSplit || split.useSplit()) && split(split, total))) {
        waves(total);
      }
      split.called(length, timed ? System.nanoTime() - start : 0L);
    } finally {
      this.params = null;
      this.rowIndex = null;
    }
  }

  /** The chunks of the running evaluation in waves of one per slot, added to total in chunk order. */
  private void waves(GradientSums total) {
    int slots = workers.numSlots();
    for (int first = 0; first < chunks; first += slots) {
      int count = Math.min(slots, chunks - first);
      waveStart = first;
      workers.run(count, chunkTask);
      for (int slot = 0; slot < count; slot++) {
        workers.accumulator(slot).addTo(total); // chunk order
      }
    }
  }

  /**
   * Computes the sums of the running evaluation (one chunk) on two threads split by hidden units
   * ({@link HiddenSplit}): the same sums, bit for bit, as the chunk computed by one thread.
   *
   * @return false (nothing computed) if the threads are closed
   */
  private boolean split(HiddenSplit split, GradientSums total) {
    workers.accumulator(0).check(data);
    if (prePackNext == null) {
      prePackNext = split::prePackNext; // made once: a step allocates nothing
    }
    this.split = split;
    try {
      if (!workers.runPair(pairTask, prePackNext)) {
        return false;
      }
    } finally {
      this.split = null;
    }
    split.addGradientTo(total.gradient());
    total.addLossAndWeight(split.lossSum(), split.weightSum());
    return true;
  }

  /** Part p of a hidden-unit split: 0 the lead (in the calling thread), 1 the helper. */
  private void computePart(int worker, int part) {
    HiddenSplit s = split;
    int to = from + length;
    try {
      if (part == 0) {
        s.lead(params, data.x(), data.y(), data.target(), data.weights(), rowIndex, from, to);
      } else {
        s.helper(params, data.x(), rowIndex, from, to);
      }
    } catch (RuntimeException | Error e) {
      s.fail(); // the other half stops waiting
      throw e;
    }
  }

  /** Computes chunk waveStart + slot in the buffers of the slot (whichever thread runs it). */
  private void computeChunk(int worker, int slot) {
    int chunk = waveStart + slot;
    workers.accumulator(slot).compute(params, data, rowIndex, from + chunkStart(chunk), from + chunkStart(chunk + 1));
  }

  /** Start of chunk c of the running evaluation: ⌊n c / C⌋. */
  private int chunkStart(int c) {
    return (int) ((long) length * c / chunks);
  }

  @Override
  public void close() {
    if (ownWorkers) {
      workers.close();
    }
  }
}
