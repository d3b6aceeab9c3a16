package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** The hand-off of chunks to helper threads: every chunk exactly once, failures reach the caller, idle helpers park. */
class ChunkWorkersTest {

  @Test
  void everyChunkOfEveryJobIsComputedExactlyOnce() {
    try (ChunkWorkers workers = new ChunkWorkers(3)) {
      assertEquals(3, workers.numWorkers());
      for (int job = 0; job < 2000; job++) {
        int chunks = 1 + job % 7;
        AtomicIntegerArray counts = new AtomicIntegerArray(chunks);
        workers.run(chunks, (worker, chunk) -> {
          assertTrue(worker >= 0 && worker < 3);
          counts.incrementAndGet(chunk);
        });
        int[] expected = new int[chunks];
        int[] actual = new int[chunks];
        java.util.Arrays.fill(expected, 1);
        for (int c = 0; c < chunks; c++) {
          actual[c] = counts.get(c);
        }
        assertArrayEquals(expected, actual, "job " + job);
      }
    }
  }

  @Test
  void aPairRunsPartZeroInTheCallerAndPartOneInAHelperThenTheHelpersAfterWork() throws InterruptedException {
    try (ChunkWorkers workers = new ChunkWorkers(3)) {
      Thread caller = Thread.currentThread();
      for (int job = 0; job < 500; job++) {
        Thread[] ran = new Thread[2];
        CountDownLatch after = new CountDownLatch(1);
        Thread[] afterThread = new Thread[1];
        // the parts wait for each other, as a hidden-unit split's halves do: one thread running both would hang
        CyclicBarrier both = new CyclicBarrier(2);
        assertTrue(workers.runPair((worker, part) -> {
          ran[part] = Thread.currentThread();
          try {
            both.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, () -> {
          afterThread[0] = Thread.currentThread();
          after.countDown();
        }));
        assertEquals(caller, ran[0], "job " + job);
        assertTrue(ran[1] != null && ran[1] != caller, "job " + job);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertEquals(ran[1], afterThread[0], "job " + job);
      }
    }
    try (ChunkWorkers alone = new ChunkWorkers(1)) {
      assertFalse(alone.runPair((worker, part) -> {
        throw new AssertionError("nothing runs without a helper");
      }, null));
    }
  }

  @Test
  void aFailingChunkFailsTheRunInTheCallingThread() {
    try (ChunkWorkers workers = new ChunkWorkers(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> workers.run(4, (worker, chunk) -> {
        if (chunk == 3) {
          throw new IllegalStateException("chunk 3");
        }
      }));
      assertEquals("chunk 3", e.getMessage());
      int[] done = new int[1];
      workers.run(2, (worker, chunk) -> {
        synchronized (done) {
          done[0]++;
        }
      });
      assertEquals(2, done[0], "the workers still run jobs after a failure");
    }
  }

  @Test
  void helpersThatParkedWakeForTheNextJob() throws InterruptedException {
    try (ChunkWorkers workers = new ChunkWorkers(2)) {
      workers.run(2, (worker, chunk) -> { });
      Thread.sleep(50); // far beyond the spin time: the helper parks
      AtomicIntegerArray byWorker = new AtomicIntegerArray(2);
      for (int job = 0; job < 50; job++) {
        workers.run(2, (worker, chunk) -> byWorker.incrementAndGet(worker));
        Thread.sleep(1);
      }
      assertEquals(100, byWorker.get(0) + byWorker.get(1));
    }
  }

  @Test
  void helpersStartWithTheFirstJobOfMoreThanOneChunk() {
    try (ChunkWorkers workers = new ChunkWorkers(2)) {
      int[] done = new int[1];
      workers.run(1, (worker, chunk) -> done[0]++);
      assertEquals(1, done[0]);
      assertFalse(workers.helpersStarted(), "a job of one chunk runs in the caller, no thread is started");
      workers.run(2, (worker, chunk) -> { });
      assertTrue(workers.helpersStarted());
    }
  }

  @Test
  void oneThreadHasNoHelpers() {
    try (ChunkWorkers workers = new ChunkWorkers(1)) {
      assertEquals(1, workers.numWorkers());
      Thread caller = Thread.currentThread();
      workers.run(5, (worker, chunk) -> {
        assertEquals(0, worker);
        assertEquals(caller, Thread.currentThread());
      });
    }
  }
}
