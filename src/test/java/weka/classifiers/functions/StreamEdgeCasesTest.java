package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Streams at their edges (issue 14, item 6): a buffer of one instance, which can never fit the preprocessing
 * statistics, is refused at the start of a stream (it trained nothing, silently, forever), and works where the
 * statistics exist already (updating a model built in one batch); updateClassifier and batchFinished called from
 * several threads at once lose no instance (the buffer was a plain list, so instances vanished).
 */
class StreamEdgeCasesTest {

  private static Instances iris;
  private static Instances data;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
    data = TestData.random(new Random(5), 20000, 4, 2, 3, 0.05, false);
  }

  @Test
  void aBufferOfOneCannotStartAStreamAndSaysWhy() throws Exception {
    BackpropOneHidden stream = TestSupport.classifier("-tune none -H 3 -N 5 -num-threads 1 -buffer 1");
    Exception e = assertThrows(IllegalArgumentException.class, () -> stream.buildClassifier(new Instances(iris, 0)));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: -buffer 1 cannot start incremental training: "), e.getMessage());
    assertTrue(e.getMessage().contains("-buffer 2 or more"), e.getMessage());

    // set to 1 after the stream started, before anything was trained: refused at the next instance, not counted
    BackpropOneHidden later = TestSupport.classifier("-tune none -H 3 -N 5 -num-threads 1 -buffer 100");
    later.buildClassifier(new Instances(iris, 0));
    later.updateClassifier(iris.instance(0));
    later.setBufferSize(1);
    e = assertThrows(IllegalArgumentException.class, () -> later.updateClassifier(iris.instance(60)));
    assertTrue(e.getMessage().startsWith("BackpropOneHidden: -buffer 1 cannot start incremental training: "), e.getMessage());
    later.setBufferSize(2);
    later.updateClassifier(iris.instance(60));
    assertNotNull(later.getNetwork(), "two instances that differ start the stream");
  }

  /** Where the preprocessing is fitted already (a model built in one batch), -buffer 1 trains on every instance. */
  @Test
  void aBufferOfOneUpdatesAModelBuiltInOneBatchAtEveryInstance() throws Exception {
    BackpropOneHidden model = TestSupport.classifier("-tune none -H 3 -N 5 -num-threads 1 -buffer 1");
    model.buildClassifier(iris);
    double[] before = model.getNetwork().parameters();
    model.updateClassifier(iris.instance(0));
    double[] after = model.getNetwork().parameters();
    assertFalse(Arrays.equals(before, after), "one instance trained on");
    model.updateClassifier(iris.instance(1));
    assertFalse(Arrays.equals(after, model.getNetwork().parameters()), "and the next");
    assertTrue(model.toString().contains("2 instances with a class value in 2 buffers of at most 1"), model.toString());
  }

  /**
   * Eight threads stream 2500 instances each into one classifier: in one buffer, trained by one batchFinished at the
   * end, it holds every instance; in buffers of 500 trained as they fill, with batchFinished from every thread, every
   * instance is counted. None is lost.
   */
  @Test
  void concurrentUpdatesLoseNoInstance() throws Exception {
    for (int round = 0; round < 5; round++) { // a race shows only sometimes: five rounds of 160 000 updates
      BackpropOneHidden stream = TestSupport.classifier("-tune none -H 3 -num-threads 1 -buffer 1000000 -N 1 -V 0");
      stream.buildClassifier(new Instances(data, 0));
      for (int pass = 0; pass < 8; pass++) {
        runInEightThreads(stream, data, false);
      }
      String text = stream.toString();
      int all = 8 * data.numInstances();
      assertTrue(text.contains(all + " instances with a class value in 0 buffers") && text.contains("; " + all
          + " of them wait in the buffer"), text);
    }

    BackpropOneHidden buffers = TestSupport.classifier("-tune none -H 3 -num-threads 1 -buffer 500 -N 1 -V 0");
    buffers.buildClassifier(new Instances(data, 0));
    runInEightThreads(buffers, data, true);
    String text = buffers.toString();
    assertTrue(text.contains(data.numInstances() + " instances with a class value"), text);
  }

  /** Updating a model built in one batch from several threads at once: one stream continues it, with every instance. */
  @Test
  void concurrentUpdatesOfABatchModelContinueOneStream() throws Exception {
    BackpropOneHidden model = TestSupport.classifier("-tune none -H 3 -N 1 -V 0 -num-threads 1 -buffer 100000");
    model.buildClassifier(new Instances(data, 0, 100));
    runInEightThreads(model, data, true);
    assertTrue(model.toString().contains("after one batch of 100 instances, " + data.numInstances() + " instances"),
        model.toString());
  }

  private static void runInEightThreads(BackpropOneHidden stream, Instances rows, boolean finish) throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int first = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int k = first; k < rows.numInstances(); k += threads) {
            Instance instance = rows.instance(k);
            stream.updateClassifier(instance);
          }
          if (finish) {
            stream.batchFinished();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(finish, !stream.toString().contains("wait in the buffer"), stream.toString());
  }
}
