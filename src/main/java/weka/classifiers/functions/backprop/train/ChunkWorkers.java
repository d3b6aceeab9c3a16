package weka.classifiers.functions.backprop.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that compute the chunks of a sum: the calling thread and up to n − 1 helper threads, handed each
 * job without a queue, a future or a lock, so that a job of a few microseconds (a mini-batch of 32 rows cut in two
 * chunks) is worth sharing.
 *
 * <p>A job is a number of chunks and what to compute for each. The caller publishes it in one volatile field; the
 * caller and the helpers take chunks from the job's counter until none is left, and the caller waits until every
 * chunk is done. Which thread computes which chunk changes from job to job, so a chunk must write only what belongs
 * to it (its own sums) and use the scratch of the worker that computes it; the caller then merges the chunks' sums
 * in chunk order, and the result does not depend on the thread count.
 *
 * <p>Between jobs a helper spins for up to {@link #SPIN_NANOS} (a mini-batch step is shorter than that, so a
 * helper never sleeps during an epoch of mini-batches), then parks until the next job wakes it. On a machine with
 * more runnable threads than cores a helper can be descheduled in the middle of a chunk, and the caller would
 * wait a whole time slice for it: after such a wait the caller runs the next {@link #SOLO_JOBS} jobs alone (the
 * result is the same, only slower than it could be on an idle machine). With one thread there are no helpers and
 * every job runs in the calling thread.
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

  /**
   * A caller that waited this long for a helper's chunk (a helper descheduled in the middle of one: the machine
   * has more runnable threads than cores) runs the next {@link #SOLO_JOBS} jobs alone.
   */
  static final long SLOW_WAIT_NANOS = 100_000;

  /** Jobs the caller runs alone after a slow wait, before it shares again. */
  static final int SOLO_JOBS = 512;

  private final Helper[] helpers;
  private volatile Job job;
  private volatile boolean closed;
  /** Jobs left to run in the caller alone (touched by the caller only). */
  private int soloJobs;

  /**
   * @param numThreads threads computing the chunks, including the caller, ≥ 1
   */
  ChunkWorkers(int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("number of threads must be >= 1, got " + numThreads);
    }
    helpers = new Helper[numThreads - 1];
    for (int h = 0; h < helpers.length; h++) {
      helpers[h] = new Helper(h + 1);
      helpers[h].start();
    }
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
    if (helpers.length == 0 || chunks == 1 || soloJobs > 0) {
      if (soloJobs > 0) {
        soloJobs--;
      }
      for (int c = 0; c < chunks; c++) {
        task.compute(0, c);
      }
      return;
    }
    Job current = new Job(task, chunks);
    job = current;
    for (Helper helper : helpers) {
      helper.wake();
    }
    current.work(0);
    if (current.awaitDone() > SLOW_WAIT_NANOS) {
      soloJobs = SOLO_JOBS;
    }
    current.rethrow();
  }

  @Override
  public void close() {
    closed = true;
    for (Helper helper : helpers) {
      LockSupport.unpark(helper);
    }
  }

  /** One job: its chunks, the counter they are taken from, and how many are done. */
  private static final class Job {
    private final ChunkTask task;
    private final int chunks;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;

    Job(ChunkTask task, int chunks) {
      this.task = task;
      this.chunks = chunks;
    }

    /** Computes chunks until none is left to take. */
    void work(int worker) {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        try {
          task.compute(worker, c);
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }

    /**
     * Spins, then yields, until every chunk is done (a helper may still be computing one).
     *
     * @return nanoseconds waited (0 if nothing was left)
     */
    long awaitDone() {
      if (done.get() >= chunks) {
        return 0;
      }
      long start = System.nanoTime();
      for (int spins = 0; done.get() < chunks; spins++) {
        if (spins > 1000) {
          Thread.yield();
        }
      }
      return System.nanoTime() - start;
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
