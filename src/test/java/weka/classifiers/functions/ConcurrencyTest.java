package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;

/** One trained model shared by threads, and copies trained concurrently as the Experimenter does. */
class ConcurrencyTest {

  private static final int THREADS = 8;

  private static Instances iris;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  /** Every thread predicts every instance, single and batch; all agree exactly with one thread. */
  @Test
  void eightThreadsPredictExactlyAsOne() throws Exception {
    BackpropOneHidden model = RobustnessTest.train(iris, "-N", "50");
    double[][] expected = new double[iris.numInstances()][];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = model.distributionForInstance(iris.instance(k));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<double[][][]>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final int offset = t * 17;
        results.add(pool.submit(() -> {
          start.await();
          double[][] single = new double[expected.length][];
          for (int i = 0; i < expected.length; i++) {
            int k = (i + offset) % expected.length; // threads walk the data from different places
            single[k] = model.distributionForInstance(iris.instance(k));
          }
          return new double[][][] {single, model.distributionsForInstances(iris)};
        }));
      }
      start.countDown();
      for (Future<double[][][]> result : results) {
        double[][][] got = result.get(60, TimeUnit.SECONDS);
        for (int k = 0; k < expected.length; k++) {
          assertArrayEquals(expected[k], got[0][k], "single, instance " + k);
          assertArrayEquals(expected[k], got[1][k], 1e-15, "batch, instance " + k);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Copies made by AbstractClassifier.makeCopies share no training state: trained concurrently on different
   * data, each equals a fresh classifier trained alone on the same data.
   */
  @Test
  void copiesTrainedConcurrentlyEqualSequentialTraining() throws Exception {
    BackpropOneHidden template = TestSupport.plain();
    template.setOptions(new String[] {"-tune", "none", "-H", "4", "-O", "gd", "-L", "0.5", "-B", "0", "-V", "0", "-N", "40", "-num-threads", "2",
        "-S", "3"});
    template.buildClassifier(iris); // a trained template: copies must not keep using its state
    Classifier[] copies = AbstractClassifier.makeCopies(template, THREADS);
    Instances[] data = new Instances[THREADS];
    for (int t = 0; t < THREADS; t++) {
      data[t] = new Instances(iris);
      data[t].randomize(new Random(t));
      for (int k = data[t].numInstances() - 1; k >= 100 + 5 * t; k--) {
        data[t].delete(k);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final int i = t;
        done.add(pool.submit((Callable<Void>) () -> {
          copies[i].buildClassifier(data[i]);
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < THREADS; t++) {
      BackpropOneHidden alone = (BackpropOneHidden) AbstractClassifier.makeCopy(template);
      alone.buildClassifier(data[t]);
      BackpropOneHidden copy = (BackpropOneHidden) copies[t];
      assertEquals(data[t].numInstances(), copy.getTrainingResult().trainingRows());
      assertArrayEquals(alone.getNetwork().parameters(), copy.getNetwork().parameters(), "copy " + t);
      assertEquals(alone.toString(), copy.toString());
    }
    BackpropOneHidden retrained = (BackpropOneHidden) AbstractClassifier.makeCopy(template);
    retrained.buildClassifier(iris);
    assertArrayEquals(retrained.getNetwork().parameters(), template.getNetwork().parameters(),
        "training the copies left the template untouched");
  }
  /**
   * The threading contract (issue 14, item 11): predictions while another thread rebuilds the same classifier, here
   * on iris and on iris without its first attribute in turn, see the model before, the run in progress, or fail
   * clearly: "…being rebuilt…" while the new run is prepared, or a header that differs from the new model's. Never
   * a NullPointerException or an IllegalStateException without the classifier's name, never "call buildClassifier
   * first" (it was being called), never a header remembered for another model.
   */
  @Test
  void predictionsWhileAnotherThreadRebuildsSeeAModelOrFailClearly() throws Exception {
    Instances narrow = new Instances(iris);
    narrow.deleteAttributeAt(0);
    BackpropOneHidden model = RobustnessTest.train(iris, "-N", "3");
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    List<String> unclear = java.util.Collections.synchronizedList(new ArrayList<>());
    int[] counts = new int[3]; // probabilities, "being rebuilt", header differs
    Thread builder = new Thread(() -> {
      for (int round = 0; !stop.get(); round++) {
        try {
          model.buildClassifier(round % 2 == 0 ? narrow : iris);
        } catch (Exception e) {
          unclear.add("build: " + e);
        }
      }
    });
    builder.start();
    try {
      long end = System.nanoTime() + 3_000_000_000L;
      while (System.nanoTime() < end) {
        for (int k = 0; k < iris.numInstances(); k += 7) {
          try {
            double[] p = model.distributionForInstance(iris.instance(k));
            RobustnessTest.assertProbabilities(p, 3);
            counts[0]++;
          } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("BackpropOneHidden: the classifier is being rebuilt")) {
              counts[1]++;
            } else {
              unclear.add(e.toString());
            }
          } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith("BackpropOneHidden: the test data's header does not match")) {
              counts[2]++;
            } else {
              unclear.add(e.toString());
            }
          } catch (Exception | Error e) {
            unclear.add(e.toString());
          }
        }
      }
    } finally {
      stop.set(true);
      builder.join(60_000);
    }
    assertEquals(List.of(), unclear.subList(0, Math.min(5, unclear.size())), unclear.size() + " unclear failures");
    assertTrue(counts[0] > 0 && counts[2] > 0, java.util.Arrays.toString(counts));
  }
}
