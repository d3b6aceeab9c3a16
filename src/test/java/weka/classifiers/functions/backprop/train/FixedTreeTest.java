package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The blocks' values merged in the fixed tree are the same bits whatever order the blocks arrive in and however
 * they are grouped into partial trees (as Spark's tasks and merges group them), for every number of blocks 1 … 40,
 * for sums and for a merge that is not commutative (each node is left ⊕ right); a plain running sum in another
 * order is not the same bits.
 */
class FixedTreeTest {

  private static final int PARAMETERS = 5;

  private static GradientSums leaf(Random random) {
    GradientSums sums = new GradientSums(PARAMETERS);
    double[] values = new double[PARAMETERS];
    for (int i = 0; i < PARAMETERS; i++) {
      // magnitudes far apart, so that the order of the additions shows in the last bits
      values[i] = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
    }
    System.arraycopy(values, 0, sums.gradient(), 0, PARAMETERS);
    sums.addLossAndWeight(random.nextDouble() * Math.pow(10, random.nextInt(8)), random.nextInt(100));
    return sums;
  }

  private static GradientSums copy(GradientSums sums) {
    return new GradientSums(PARAMETERS).merge(sums);
  }

  private static long[] bits(GradientSums sums) {
    long[] bits = new long[PARAMETERS + 2];
    for (int i = 0; i < PARAMETERS; i++) {
      bits[i] = Double.doubleToLongBits(sums.gradient()[i]);
    }
    bits[PARAMETERS] = Double.doubleToLongBits(sums.loss());
    bits[PARAMETERS + 1] = Double.doubleToLongBits(sums.weight());
    return bits;
  }

  @Test
  void anyOrderAndGroupingGivesTheSameBits() {
    Random random = new Random(7);
    for (int n = 1; n <= 40; n++) {
      List<GradientSums> leaves = new ArrayList<>();
      for (int b = 0; b < n; b++) {
        leaves.add(leaf(random));
      }
      FixedTree<GradientSums> inOrder = new FixedTree<GradientSums>(n, GradientSums::merge);
      for (int b = 0; b < n; b++) {
        inOrder.addLeaf(b, copy(leaves.get(b)));
      }
      long[] expected = bits(inOrder.total());
      for (int trial = 0; trial < 20; trial++) {
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < n; b++) {
          order.add(b);
        }
        Collections.shuffle(order, random);
        // cut the shuffled blocks into partial trees, then merge those in a random order
        List<FixedTree<GradientSums>> parts = new ArrayList<>();
        FixedTree<GradientSums> part = new FixedTree<GradientSums>(n, GradientSums::merge);
        for (int b : order) {
          part.addLeaf(b, copy(leaves.get(b)));
          if (random.nextInt(4) == 0) {
            parts.add(part);
            part = new FixedTree<GradientSums>(n, GradientSums::merge);
          }
        }
        parts.add(part);
        Collections.shuffle(parts, random);
        while (parts.size() > 1) {
          FixedTree<GradientSums> a = parts.remove(random.nextInt(parts.size()));
          FixedTree<GradientSums> b = parts.remove(random.nextInt(parts.size()));
          parts.add(a.merge(b));
        }
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(bits(parts.get(0).total())),
            n + " blocks, trial " + trial);
      }
    }
  }

  @Test
  void aMergeThatIsNotCommutativeSeesLeftThenRight() {
    // strings concatenated: the total spells the blocks in order, whatever order they came in
    for (int n = 1; n <= 19; n++) {
      List<Integer> order = new ArrayList<>();
      StringBuilder expected = new StringBuilder();
      for (int b = 0; b < n; b++) {
        order.add(b);
        expected.append('<').append(b).append('>');
      }
      Collections.shuffle(order, new Random(n));
      FixedTree<String> tree = new FixedTree<>(n, (left, right) -> left + right);
      for (int b : order) {
        tree.addLeaf(b, "<" + b + ">");
      }
      assertEquals(expected.toString(), tree.total());
    }
  }

  @Test
  void aRunningSumInAnotherOrderRoundsDifferently() {
    // the reason for the tree: the same leaves summed one after another in two orders differ in the last bits
    Random random = new Random(3);
    List<GradientSums> leaves = new ArrayList<>();
    for (int b = 0; b < 64; b++) {
      leaves.add(leaf(random));
    }
    GradientSums forward = new GradientSums(PARAMETERS);
    for (GradientSums leaf : leaves) {
      forward.merge(leaf);
    }
    GradientSums backward = new GradientSums(PARAMETERS);
    for (int b = leaves.size() - 1; b >= 0; b--) {
      backward.merge(leaves.get(b));
    }
    assertNotEquals(java.util.Arrays.toString(bits(forward)), java.util.Arrays.toString(bits(backward)));
  }

  @Test
  void aMissingOrRepeatedBlockIsAnError() {
    FixedTree<GradientSums> tree = new FixedTree<GradientSums>(3, GradientSums::merge);
    tree.addLeaf(0, new GradientSums(PARAMETERS));
    tree.addLeaf(2, new GradientSums(PARAMETERS));
    assertThrows(IllegalStateException.class, tree::total);
    assertThrows(IllegalArgumentException.class, () -> tree.addLeaf(2, new GradientSums(PARAMETERS)));
    assertThrows(IllegalArgumentException.class, () -> tree.addLeaf(3, new GradientSums(PARAMETERS)));
    assertThrows(IllegalArgumentException.class, () -> new FixedTree<GradientSums>(0, GradientSums::merge));
  }
}
