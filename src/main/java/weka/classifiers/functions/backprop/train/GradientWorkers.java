package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.kernel.HiddenSplit;

import weka.classifiers.functions.backprop.NetworkShape;

/**
 * The threads of one training run ({@link ChunkWorkers}) and their kernel buffers: at most one {@link Accumulator}
 * per thread (two arrays the size of θ and tiles of rows each, {@link TrainingMemory}), made when first
 * needed. Shared by every {@link BatchGradient} of a run (the training rows, the held-out rows, the mini-batches),
 * which use them one after the other, never at once: the memory for gradients grows with the thread count, not
 * with the number of chunks or of row sets.
 *
 * <p>A job runs in waves of at most {@link #numSlots()} chunks: the chunk in slot s of a wave is computed in the
 * buffers of slot s, by whichever thread takes it, and keeps its sums there until the caller adds them (see
 * {@link BatchGradient#sums}).
 */
final class GradientWorkers implements AutoCloseable {

  private final NetworkShape shape;
  private final ChunkWorkers threads;
  private final Accumulator[] accumulators;
  /** Slots 0 and 1's objectives split by hidden units, made by {@link #hiddenSplit()} when first needed. */
  private HiddenSplit split;

  /**
   * @param shape the architecture
   * @param numThreads threads to use, ≥ 1 (1 = compute in the calling thread, no helper); more than
   *        {@link BatchGradient#MAX_CHUNKS} are never busy at once, so no more are made
   */
  GradientWorkers(NetworkShape shape, int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("number of threads must be >= 1, got " + numThreads);
    }
    this.shape = shape;
    this.threads = new ChunkWorkers(Math.min(numThreads, BatchGradient.MAX_CHUNKS));
    this.accumulators = new Accumulator[threads.numWorkers()];
  }

  /** @return the architecture the buffers are for */
  NetworkShape shape() {
    return shape;
  }

  /** @return the most chunks computed at once (a wave): one per thread */
  int numSlots() {
    return accumulators.length;
  }

  /**
   * @param slot 0 … {@link #numSlots()} − 1
   * @return that slot's buffers (made on first use, by {@link #run})
   */
  Accumulator accumulator(int slot) {
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

  /**
   * Computes one wave: slots 0 … count − 1, each in its own buffers, on the threads (or, for one slot, in the
   * calling thread alone), and returns when all are done.
   *
   * @param count slots to compute, 1 … {@link #numSlots()}
   * @param task the work of a slot: {@code task.compute(worker, slot)}; it must use {@link #accumulator}(slot)
   * @throws RuntimeException (or Error) what a slot threw
   */
  void run(int count, ChunkWorkers.ChunkTask task) {
    for (int slot = 0; slot < count; slot++) {
      if (accumulators[slot] == null) {
        accumulators[slot] = new Accumulator(shape); // made here, by the calling thread
      }
    }
    if (split != null && count > 1) {
      split.awaitPrePacked(); // the helper may still be packing rows ahead into slot 1's buffers
    }
    threads.run(count, task);
  }

  /**
   * @return the hidden-unit split of slots 0 and 1 (made on first use), for ranges too small to cut by rows; null
   *     when there are fewer than two threads, fewer than {@link HiddenSplit#MIN_HIDDEN} hidden units, or the split
   *     failed once
   */
  HiddenSplit hiddenSplit() {
    if (split == null && accumulators.length >= 2 && shape.numHidden() >= HiddenSplit.MIN_HIDDEN) {
      for (int slot = 0; slot < 2; slot++) {
        if (accumulators[slot] == null) {
          accumulators[slot] = new Accumulator(shape);
        }
      }
      split = new HiddenSplit(accumulators[0].objective(), accumulators[1].objective());
    }
    return split == null || split.failed() ? null : split;
  }

  /**
   * Runs the two parts of a hidden-unit split: part 0 in the calling thread, part 1 in a helper.
   *
   * @param task {@code task.compute(p, p)} computes part p
   * @param helperAfter what the helper does after its part, while the caller goes on (or null)
   * @return false (nothing computed) if there is no helper thread or the threads are closed
   */
  boolean runPair(ChunkWorkers.ChunkTask task, Runnable helperAfter) {
    return threads.runPair(task, helperAfter);
  }

  @Override
  public void close() {
    threads.close();
  }
}
