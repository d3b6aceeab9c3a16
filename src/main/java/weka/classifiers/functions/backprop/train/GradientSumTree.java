package weka.classifiers.functions.backprop.train;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link GradientSums} of n fixed blocks of rows (the leaves 0 … n − 1, numbered by the position of their rows in
 * the data) added up in one fixed binary tree, so that the total is the same bits however the blocks are spread
 * over tasks and in whatever order the partial trees meet.
 *
 * <p>Node (level h, index i) covers the leaves i·2^h … (i + 1)·2^h − 1; its value is its left child plus its right
 * child, or its left child alone when the right one covers no leaf. Floating-point addition is commutative, so a
 * node's value depends on its two children only, never on which arrived first: every node, the root included, is
 * a fixed function of the leaves. A partial tree keeps the nodes it has whose sibling it lacks; adding a leaf or
 * merging another partial tree combines siblings as soon as both are present, so a task holding a run of
 * consecutive blocks sends O(log n) nodes.
 *
 * <p>(Plain {@code treeAggregate} adds partition results in the order the tasks finish: the same data and options
 * then give different rounding from run to run, which 200 L-BFGS iterations amplify into visibly different
 * models.)
 */
public final class GradientSumTree implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numLeaves;
  private final int rootLevel;
  /** (level, index) → value of the nodes present whose sibling is not. */
  private final HashMap<Long, GradientSums> nodes = new HashMap<>();

  /**
   * An empty partial tree.
   *
   * @param numLeaves n ≥ 1, the number of blocks of the whole data
   */
  public GradientSumTree(int numLeaves) {
    if (numLeaves < 1) {
      throw new IllegalArgumentException("need at least 1 block, got " + numLeaves);
    }
    this.numLeaves = numLeaves;
    int level = 0;
    while ((1L << level) < numLeaves) {
      level++;
    }
    this.rootLevel = level;
  }

  /**
   * Adds the sums of one block.
   *
   * @param leaf the block's number, 0 … n − 1
   * @param sums its sums (kept, and modified when combined: not to be used by the caller afterwards)
   * @return this
   * @throws IllegalArgumentException if the number is out of range or that block is already in this tree
   */
  public GradientSumTree addLeaf(int leaf, GradientSums sums) {
    if (leaf < 0 || leaf >= numLeaves) {
      throw new IllegalArgumentException("block " + leaf + " outside 0.." + (numLeaves - 1));
    }
    put(0, leaf, sums);
    return this;
  }

  /**
   * this ← this + other: the union of two partial trees over disjoint blocks.
   *
   * @param other a partial tree over the same number of blocks (its nodes are taken over)
   * @return this
   */
  public GradientSumTree merge(GradientSumTree other) {
    if (other.numLeaves != numLeaves) {
      throw new IllegalArgumentException("cannot merge trees over " + other.numLeaves + " and " + numLeaves
          + " blocks");
    }
    for (Map.Entry<Long, GradientSums> node : other.nodes.entrySet()) {
      long key = node.getKey();
      put((int) (key >>> 32), key & 0xFFFFFFFFL, node.getValue());
    }
    other.nodes.clear();
    return this;
  }

  /**
   * @return the sums of all n blocks
   * @throws IllegalStateException if a block has not been added
   */
  public GradientSums total() {
    GradientSums root = nodes.get(key(rootLevel, 0));
    if (root == null || nodes.size() != 1) {
      throw new IllegalStateException("the sums of some of the " + numLeaves + " blocks are missing");
    }
    return root;
  }

  /** Puts a node, combining it with its sibling and their ancestors as far as the siblings are present. */
  private void put(int level, long index, GradientSums value) {
    while (level < rootLevel) {
      long sibling = index ^ 1;
      if (sibling << level >= numLeaves) {
        // the right sibling covers no block: the parent is this node alone
      } else {
        GradientSums other = nodes.remove(key(level, sibling));
        if (other == null) {
          break;
        }
        value.merge(other); // commutative: left + right whichever holds the result
      }
      level++;
      index >>= 1;
    }
    if (nodes.put(key(level, index), value) != null) {
      throw new IllegalArgumentException("the sums of some block were added twice (node " + level + ", " + index
          + ")");
    }
  }

  private static long key(int level, long index) {
    return ((long) level << 32) | index;
  }
}
