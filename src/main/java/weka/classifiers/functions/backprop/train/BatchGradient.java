package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.kernel.ForwardPass;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Evaluates J and ∇J over a range of rows, on one or more threads, with a result that is bit-identical
 * for any number of threads.
 *
 * <p>The range is cut into chunks whose boundaries depend only on the range (never on the thread count);
 * each chunk's {@link GradientSums} are computed by an {@link Accumulator} (the kernel's objective) and the chunks are then
 * merged in chunk order. Threads only decide which chunk is computed where, not what is added to what.
 * Buffers are allocated once, so evaluation allocates no arrays.
 */
final class BatchGradient implements AutoCloseable {

  /** Fewest rows a chunk gets before a range is split further. */
  static final int MIN_CHUNK_ROWS = 4 * ForwardPass.TILE_ROWS;

  /** Most chunks a range is cut into (bounds the memory for partial sums to this many gradients). */
  static final int MAX_CHUNKS = 16;

  private final DataMatrix data;
  private final GradientSums[] chunkSums;
  private final Accumulator[] accumulators;
  private final ExecutorService pool;

  /**
   * @param shape the architecture
   * @param data the training rows
   * @param numThreads threads to use (1 = compute in the calling thread, no pool)
   */
  BatchGradient(NetworkShape shape, DataMatrix data, int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("number of threads must be >= 1, got " + numThreads);
    }
    this.data = data;
    int chunks = numChunks(data.numRows());
    this.chunkSums = new GradientSums[chunks];
    this.accumulators = new Accumulator[chunks];
    for (int c = 0; c < chunks; c++) {
      chunkSums[c] = new GradientSums(shape.numParameters());
      accumulators[c] = new Accumulator(shape);
    }
    int threads = Math.min(numThreads, chunks);
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, DAEMON_THREADS) : null;
  }

  private static final ThreadFactory DAEMON_THREADS = runnable -> {
    Thread thread = new Thread(runnable, "BackpropOneHidden-gradient");
    thread.setDaemon(true);
    return thread;
  };

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
    int chunks = Math.min(chunkSums.length, numChunks(to - from));
    int length = to - from;
    if (pool == null || chunks == 1) {
      for (int c = 0; c < chunks; c++) {
        computeChunk(params, c, from + chunkStart(length, chunks, c), from + chunkStart(length, chunks, c + 1));
      }
    } else {
      List<Future<?>> futures = new ArrayList<>(chunks);
      for (int c = 0; c < chunks; c++) {
        final int chunk = c;
        final int start = from + chunkStart(length, chunks, c);
        final int end = from + chunkStart(length, chunks, c + 1);
        futures.add(pool.submit(() -> computeChunk(params, chunk, start, end)));
      }
      try {
        for (Future<?> future : futures) {
          future.get();
        }
      } catch (InterruptedException e) {
        for (Future<?> future : futures) {
          future.cancel(true);
        }
        Thread.currentThread().interrupt();
        throw new TrainingInterruptedException(-1);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new IllegalStateException("gradient computation failed", cause);
      }
    }
    total.clear();
    for (int c = 0; c < chunks; c++) {
      total.merge(chunkSums[c]);
    }
  }

  private void computeChunk(double[] params, int chunk, int start, int end) {
    chunkSums[chunk].clear();
    accumulators[chunk].add(params, data, start, end, chunkSums[chunk]);
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
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
