package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * Batch prediction holds a bounded block of encoded rows, not the whole test set (issue 14, item 8): Weka's
 * Evaluation hands distributionsForInstances the whole test set, and 100,000 sparse rows of 2,000 attributes (about
 * 30 MB as Weka instances) became one dense matrix of 1.6 GB. Here a child JVM with a 256 MB heap predicts them; it
 * ran out of memory. The blocks change no probability (each row is computed on its own), as the small batch checks.
 */
class BoundedPredictionMemoryTest {

  static final int ATTRIBUTES = 2000;
  static final int TEST_ROWS = 100_000;

  /** Sparse rows: 10 nonzero attributes each, two classes told apart by the first attributes. */
  static Instances sparse(int rows, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < ATTRIBUTES; j++) {
      attributes.add(new Attribute("a" + j));
    }
    attributes.add(new Attribute("class", List.of("no", "yes")));
    Instances data = new Instances("sparse", attributes, rows);
    data.setClassIndex(ATTRIBUTES);
    Random random = new Random(seed);
    for (int k = 0; k < rows; k++) {
      int c = k % 2;
      List<Integer> indices = new ArrayList<>();
      indices.add(c == 0 ? random.nextInt(5) : 5 + random.nextInt(5));
      while (indices.size() < 10) {
        int j = random.nextInt(ATTRIBUTES);
        if (!indices.contains(j)) {
          indices.add(j);
        }
      }
      Collections.sort(indices);
      indices.add(ATTRIBUTES);
      int[] where = new int[indices.size()];
      double[] values = new double[where.length];
      for (int i = 0; i < where.length; i++) {
        where[i] = indices.get(i);
        values[i] = where[i] == ATTRIBUTES ? c : 1.0 + random.nextDouble();
      }
      data.add(new SparseInstance(1.0, values, where, ATTRIBUTES + 1));
    }
    return data;
  }

  /**
   * Trains on 4,000 sparse rows, then predicts 100,000 in one distributionsForInstances call; prints the number of
   * rows predicted and the fraction right.
   *
   * @param args unused
   */
  public static void main(String[] args) throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-H 8 -N 5 -num-threads 1");
    classifier.buildClassifier(sparse(4000, 1));
    Instances test = sparse(TEST_ROWS, 2);
    double[][] p = classifier.distributionsForInstances(test);
    int right = 0;
    for (int k = 0; k < p.length; k++) {
      right += (p[k][1] > 0.5 ? 1 : 0) == (int) test.instance(k).classValue() ? 1 : 0;
    }
    System.out.println("predicted " + p.length + " rows, " + (100.0 * right / p.length) + " % right");
  }

  @Test
  void aHundredThousandSparseTestRowsArePredictedInA256MegabyteHeap() throws Exception {
    ChildJvm.Result result = ChildJvm.run(Collections.emptyMap(), List.of("-Xmx256m"), 300,
        BoundedPredictionMemoryTest.class.getName());
    assertEquals(0, result.exitCode, result.output);
    assertTrue(result.output.contains("predicted " + TEST_ROWS + " rows"), result.output);
  }

  /** Blocks change nothing: batch and single predictions agree bit for bit over more than one block. */
  @Test
  void predictionsInBlocksEqualThoseOfSingleInstances() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-H 8 -N 3 -num-threads 1");
    classifier.buildClassifier(sparse(1000, 1));
    Instances test = sparse(1500, 3); // 2,001 values a row: 524 rows a block of 2^20 values, so three blocks
    double[][] batch = classifier.distributionsForInstances(test);
    for (int k = 0; k < test.numInstances(); k++) {
      assertArrayEquals(classifier.distributionForInstance(test.instance(k)), batch[k], "instance " + (k + 1));
    }
  }
}
