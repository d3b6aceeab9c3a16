package weka.classifiers.functions.backprop.benchmark;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The memory bound of issue 14, item 9 (not a unit test): BackpropOneHidden.buildClassifier on 5,000 rows × 1,000
 * numeric inputs (two classes) with -H 1000 (1,002,001 weights, 8 MB an array), one epoch of the defaults (Adam,
 * mini-batches of 32, a tenth held out: the 4,500 training rows span 16 chunks), for 1 and 2 threads, in the heap
 * the JVM was given (run it with -Dbench.heap=800m, the heap of the issue). Prints the heap holding the data, what
 * the run holds after training (with -resume the run is kept, so a full collection leaves exactly its arrays), in
 * MB and in arrays of the weights' size, and the peak heap while training (HeapWatcher, live after a collection and
 * with garbage); then a configuration too large for the heap (-H 20000, 160 MB an array), which must be refused up
 * front with the memory it needs, not run out of memory.
 *
 * <pre>mvn -B -Pbenchmark test-compile exec:exec -Dbench.main=weka.classifiers.functions.backprop.benchmark.TrainingMemoryBench -Dbench.heap=800m</pre>
 */
public final class TrainingMemoryBench {

  private static final int ROWS = 5000;
  private static final int INPUTS = 1000;

  private TrainingMemoryBench() {
  }

  public static void main(String[] args) throws Exception {
    System.out.println("TrainingMemoryBench " + ZonedDateTime.now() + ", " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, "
        + Runtime.getRuntime().availableProcessors() + " processors");
    Instances data = data();
    long weights = (INPUTS + 1L) * 1000 + 1001;
    long base = HeapWatcher.usedAfterGc();
    System.out.printf("%d rows x %d inputs, -H 1000: %d weights (%.1f MB an array); heap holding the data %d MB%n",
        ROWS, INPUTS, weights, weights * 8 / 1e6, base / 1_000_000);
    for (int threads : new int[] {1, 2}) {
      run(data, "-H 1000 -N 1 -resume -num-threads " + threads, base, weights);
    }
    run(data, "-tune none -H 20000 -N 1 -num-threads 2", base, (INPUTS + 1L) * 20000 + 20001);
  }

  private static void run(Instances data, String options, long base, long weights) throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions(options));
    long start = System.nanoTime();
    try (HeapWatcher heap = new HeapWatcher()) {
      classifier.buildClassifier(data);
      double seconds = (System.nanoTime() - start) / 1e9;
      long live = heap.peakLive();
      long peak = heap.peak();
      long held = HeapWatcher.usedAfterGc() - base; // -resume keeps the run, so its arrays are still held
      System.out.printf("%s: trained in %.1f s; the run holds %d MB after training (%.1f arrays of the weights' "
          + "size, the %d MB data matrix included); peak live heap %d MB, peak heap %d MB (garbage included)%n",
          options, seconds, held / 1_000_000, held / (8.0 * weights), 8L * ROWS * (INPUTS + 1) / 1_000_000,
          live / 1_000_000, peak / 1_000_000);
    } catch (OutOfMemoryError e) {
      System.out.printf("%s: OutOfMemoryError after %.1f s (%s)%n", options, (System.nanoTime() - start) / 1e9,
          e.getMessage());
    } catch (Exception e) {
      System.out.printf("%s: refused after %.1f s: %s%n", options, (System.nanoTime() - start) / 1e9, e.getMessage());
    }
  }

  /** Two classes; the first ten inputs are shifted by 1 in the second. */
  private static Instances data() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < INPUTS; j++) {
      attributes.add(new Attribute("x" + j));
    }
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("wide", attributes, ROWS);
    data.setClassIndex(INPUTS);
    Random random = new Random(1);
    for (int k = 0; k < ROWS; k++) {
      double[] values = new double[INPUTS + 1];
      int c = k % 2;
      for (int j = 0; j < INPUTS; j++) {
        values[j] = random.nextGaussian() + (j < 10 ? c : 0);
      }
      values[INPUTS] = c;
      data.add(new DenseInstance(1.0, values));
    }
    return data;
  }
}
