package weka.classifiers.functions.backprop.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

import weka.classifiers.functions.backprop.NetworkShape;

/**
 * The threads of one training run and their kernel buffers: at most one {@link Accumulator} per thread (two arrays
 * the size of θ each), made when first needed, and a pool of threads. Shared by every {@link BatchGradient} of a
 * run (the training rows, the held-out rows, the mini-batches), which use them one after the other, never at once:
 * the memory for gradients grows with the thread count, not with the number of chunks or of row sets.
 */
final class GradientWorkers implements AutoCloseable {

  private static final ThreadFactory DAEMON_THREADS = runnable -> {
    Thread thread = new Thread(runnable, "BackpropOneHidden-gradient");
    thread.setDaemon(true);
    return thread;
  };

  private final NetworkShape shape;
  private final int threads;
  private final Accumulator[] accumulators;
  /** Made when a run first needs two threads; null before, and always for one thread. */
  private ExecutorService pool;
  private boolean closed;

  /**
   * @param shape the architecture
   * @param numThreads threads to use, ≥ 1 (1 = compute in the calling thread, no pool); more than
   *        {@link BatchGradient#MAX_CHUNKS} are never busy at once
   */
  GradientWorkers(NetworkShape shape, int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("number of threads must be >= 1, got " + numThreads);
    }
    this.shape = shape;
    this.threads = Math.min(numThreads, BatchGradient.MAX_CHUNKS);
    this.accumulators = new Accumulator[threads];
  }

  /** @return the architecture the buffers are for */
  NetworkShape shape() {
    return shape;
  }

  /**
   * @param chunks chunks to compute
   * @return how many are computed at once: min(threads, chunks)
   */
  int slots(int chunks) {
    return Math.min(threads, chunks);
  }

  /**
   * @param slot 0 … {@link #slots} − 1
   * @return that slot's buffers (made on first use)
   */
  Accumulator accumulator(int slot) {
    if (accumulators[slot] == null) {
      accumulators[slot] = new Accumulator(shape);
    }
    return accumulators[slot];
  }

  /** @return the buffers made so far (at most the thread count) */
  int numAccumulators() {
    int made = 0;
    for (Accumulator accumulator : accumulators) {
      made += accumulator == null ? 0 : 1;
    }
    return made;
  }

  /** A task run in one slot. */
  interface SlotTask {
    /** @param slot the slot, which names the buffers to use */
    void run(int slot);
  }

  /**
   * Runs tasks 0 … count − 1, each in its own slot, on the pool when count &gt; 1, and waits for all.
   *
   * @param count at most {@link #slots}(anything)
   * @param task the work of one slot
   * @throws TrainingInterruptedException if the waiting thread is interrupted (the tasks are cancelled)
   */
  void runAll(int count, SlotTask task) {
    for (int slot = 0; slot < count; slot++) {
      accumulator(slot); // made here, by one thread
    }
    if (count == 1) {
      task.run(0);
      return;
    }
    if (pool == null) {
      if (closed) {
        throw new IllegalStateException("the gradient threads were released");
      }
      pool = Executors.newFixedThreadPool(threads, DAEMON_THREADS);
    }
    List<Future<?>> futures = new ArrayList<>(count);
    for (int slot = 0; slot < count; slot++) {
      final int s = slot;
      futures.add(pool.submit(() -> task.run(s)));
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
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("gradient computation failed", cause);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
