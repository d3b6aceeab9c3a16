package weka.classifiers.functions.backprop.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that compute the chunks of a job: the calling thread and up to n − 1 helper threads, handed each
 * job without a queue, a future or a lock.
 *
 * <p>A job is a number of chunks and what to compute for each. The caller publishes it in one volatile field; the
 * caller and the helpers take chunks from the job's counter until none is left, and the caller waits until every
 * chunk is done. Which thread computes which chunk changes from job to job, so a chunk must write only what belongs
 * to it (its own buffers, see {@link GradientWorkers}); the caller then adds the chunks' sums in chunk order, and the
 * result does not depend on the thread count.
 *
 * <p>The helpers start with the first job of more than one chunk (a run on data too small to share starts none).
 * Between jobs a helper spins for up to {@link #SPIN_NANOS}, then parks until the next job wakes it. With one
 * thread there are no helpers and every job runs in the calling thread; {@link #runAlone} runs a job there too, for
 * jobs too small to share (the caller decides, see {@link BatchGradient#MIN_SHARED_ROWS}). One thread at a time
 * runs jobs (a training run's thread).
 */
final class ChunkWorkers implements AutoCloseable {

  /** What a job computes for one chunk. */
  interface ChunkTask {
    /**
     * @param worker the computing thread's index, 0 (the caller) … {@link #numWorkers()} − 1: the index of its
     *        scratch buffers
     * @param chunk the chunk
     */
    void compute(int worker, int chunk);
  }

  /** How long a helper waits for the next job by spinning before it parks. */
  static final long SPIN_NANOS = 200_000;

  private final Helper[] helpers;
  /** True once the helpers run (made and started by the first shared job). */
  private boolean started;
  private volatile Job job;
  private volatile boolean closed;

  /**
   * @param numThreads threads computing the chunks, including the caller, ≥ 1
   */
  ChunkWorkers(int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("number of threads must be >= 1, got " + numThreads);
    }
    helpers = new Helper[numThreads - 1];
  }

  /** @return the caller and the helpers: how many sets of scratch buffers a job may use at once */
  int numWorkers() {
    return helpers.length + 1;
  }

  /**
   * Computes chunks 0 … chunks − 1, in this thread and the helpers, and returns when all are done.
   *
   * @param chunks the number of chunks, ≥ 1
   * @param task what to compute for a chunk
   * @throws RuntimeException (or Error) what a chunk threw
   */
  void run(int chunks, ChunkTask task) {
    if (helpers.length == 0 || chunks == 1 || closed) {
      runAlone(chunks, task); // the same chunks, so the same result
      return;
    }
    start(new Job(task, chunks, false, null));
  }

  /**
   * Computes a pair of parts that work together (they wait for each other: {@link
   * weka.classifiers.functions.backprop.kernel.HiddenSplit}): part 0 in this thread and part 1 in the first helper,
   * never both in one thread, and returns when both are done.
   *
   * @param task what to compute: {@code task.compute(p, p)} for part p
   * @param helperAfter what the helper does after its part is done, while this thread goes on (or null)
   * @return false (nothing computed) if there is no helper or the workers are closed
   * @throws RuntimeException (or Error) what a part threw
   */
  boolean runPair(ChunkTask task, Runnable helperAfter) {
    if (helpers.length == 0 || closed) {
      return false;
    }
    start(new Job(task, 2, true, helperAfter));
    return true;
  }

  /** Publishes a job, wakes the helpers, works on it in this thread and waits until it is done. */
  private void start(Job current) {
    if (!started) {
      for (int h = 0; h < helpers.length; h++) {
        helpers[h] = new Helper(h + 1);
        helpers[h].start();
      }
      started = true;
    }
    job = current;
    for (Helper helper : helpers) {
      helper.wake();
    }
    current.work(0);
    current.awaitDone();
    current.rethrow();
  }

  /**
   * Computes chunks 0 … chunks − 1 in this thread, in order: for jobs too small to pay for a hand-off. The chunks
   * are the same, so is the result.
   *
   * @param chunks the number of chunks, ≥ 1
   * @param task what to compute for a chunk
   */
  void runAlone(int chunks, ChunkTask task) {
    for (int c = 0; c < chunks; c++) {
      task.compute(0, c);
    }
  }

  /** @return true once helper threads have been started */
  boolean helpersStarted() {
    return started;
  }

  @Override
  public void close() {
    closed = true;
    if (started) {
      for (Helper helper : helpers) {
        LockSupport.unpark(helper);
      }
    }
  }

  /**
   * One job: its chunks, the counter they are taken from, and how many are done. The chunks of a pair job are not
   * taken: worker c computes chunk c.
   */
  private static final class Job {
    private final ChunkTask task;
    private final int chunks;
    private final boolean pair;
    /** Of a pair job: what worker 1 runs after its part is done, or null. */
    private final Runnable helperAfter;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;

    /** A job of chunks taken by any thread (pair false), or a pair job (pair true: worker c computes chunk c). */
    Job(ChunkTask task, int chunks, boolean pair, Runnable helperAfter) {
      this.task = task;
      this.chunks = chunks;
      this.pair = pair;
      this.helperAfter = helperAfter;
    }

    /** Computes chunks until none is left to take (of a pair job: the worker's own, if it has one). */
    void work(int worker) {
      if (pair) {
        if (worker < chunks) {
          compute(worker, worker);
          if (worker == 1 && helperAfter != null) {
            helperAfter.run(); // after the part is counted done: the caller goes on meanwhile
          }
        }
        return;
      }
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        compute(worker, c);
      }
    }

    private void compute(int worker, int chunk) {
      try {
        task.compute(worker, chunk);
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.incrementAndGet();
      }
    }

    /** Spins, then yields, until every chunk is done (a helper may still be computing one). */
    void awaitDone() {
      for (int spins = 0; done.get() < chunks; spins++) {
        if (spins > 1000) {
          Thread.yield();
        }
      }
    }

    void rethrow() {
      Throwable t = failure;
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      if (t != null) {
        throw new IllegalStateException("gradient computation failed", t);
      }
    }
  }

  /** A helper thread: takes the chunks of each new job, spinning between jobs and parking when idle. */
  private final class Helper extends Thread {
    private final int worker;
    private volatile boolean parked;

    Helper(int worker) {
      super("BackpropOneHidden-gradient-" + worker);
      this.worker = worker;
      setDaemon(true);
    }

    void wake() {
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    @Override
    public void run() {
      Job seen = null;
      long idleSince = System.nanoTime();
      int spins = 0;
      while (!closed) {
        Job current = job;
        if (current != seen) {
          seen = current;
          current.work(worker);
          idleSince = System.nanoTime();
          spins = 0;
        } else if (++spins % 256 == 0 && System.nanoTime() - idleSince > SPIN_NANOS) {
          parked = true;
          if (job == seen && !closed) {
            LockSupport.park(this);
          }
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
