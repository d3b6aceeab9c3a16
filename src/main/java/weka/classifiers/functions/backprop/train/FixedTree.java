package weka.classifiers.functions.backprop.train;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Values of n fixed blocks of rows (the leaves 0 … n − 1, numbered by the position of their rows in the data:
 * {@link GradientSums}, or preprocessing statistics) merged in one fixed binary tree, so that the total is the same
 * bits however the blocks are spread over tasks and in whatever order the partial trees meet.
 *
 * <p>Node (level h, index i) covers the leaves i·2^h … (i + 1)·2^h − 1; its value is its left child merged with its
 * right child (always in that order), or its left child alone when the right one covers no leaf. Every node, the
 * root included, is therefore a fixed function of the leaves. A partial tree keeps the nodes it has whose sibling it
 * lacks; adding a leaf or merging another partial tree combines siblings as soon as both are present, so a task
 * holding a run of consecutive blocks sends O(log n) nodes.
 *
 * <p>(Adding partition results in the order tasks finish, as Spark's {@code treeAggregate} does, gives different
 * rounding from run to run, which 200 L-BFGS iterations amplify into visibly different models; and it depends on
 * how the rows are partitioned.)
 *
 * @param <T> the values; {@link #merge} combines them with the operator given, which may modify and return its
 *     left argument
 */
public final class FixedTree<T extends Serializable> implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How two values merge: left ⊕ right, in that order (it may modify and return the left one). */
  public interface Merge<T> extends BinaryOperator<T>, Serializable {
  }

  private final int numLeaves;
  private final int rootLevel;
  private final Merge<T> merge;
  /** (level, index) → value of the nodes present whose sibling is not. */
  private final HashMap<Long, T> nodes = new HashMap<>();

  /**
   * An empty partial tree.
   *
   * @param numLeaves n ≥ 1, the number of blocks of the whole data
   * @param merge how two values merge
   */
  public FixedTree(int numLeaves, Merge<T> merge) {
    if (numLeaves < 1) {
      throw new IllegalArgumentException("need at least 1 block, got " + numLeaves);
    }
    this.numLeaves = numLeaves;
    this.merge = merge;
    int level = 0;
    while ((1L << level) < numLeaves) {
      level++;
    }
    this.rootLevel = level;
  }

  /**
   * Adds the value of one block.
   *
   * @param leaf the block's number, 0 … n − 1
   * @param value its value (kept, and modified when merged: not to be used by the caller afterwards)
   * @return this
   * @throws IllegalArgumentException if the number is out of range or that block is already in this tree
   */
  public FixedTree<T> addLeaf(int leaf, T value) {
    if (leaf < 0 || leaf >= numLeaves) {
      throw new IllegalArgumentException("block " + leaf + " outside 0.." + (numLeaves - 1));
    }
    put(0, leaf, value);
    return this;
  }

  /**
   * this ← this ∪ other: the union of two partial trees over disjoint blocks.
   *
   * @param other a partial tree over the same number of blocks (its nodes are taken over)
   * @return this
   */
  public FixedTree<T> merge(FixedTree<T> other) {
    if (other.numLeaves != numLeaves) {
      throw new IllegalArgumentException("cannot merge trees over " + other.numLeaves + " and " + numLeaves
          + " blocks");
    }
    for (Map.Entry<Long, T> node : other.nodes.entrySet()) {
      long key = node.getKey();
      put((int) (key >>> 32), key & 0xFFFFFFFFL, node.getValue());
    }
    other.nodes.clear();
    return this;
  }

  /**
   * @return the value of all n blocks merged
   * @throws IllegalStateException if a block has not been added
   */
  public T total() {
    T root = nodes.get(key(rootLevel, 0));
    if (root == null || nodes.size() != 1) {
      throw new IllegalStateException("the values of some of the " + numLeaves + " blocks are missing");
    }
    return root;
  }

  /** Puts a node, merging it with its sibling and their ancestors as far as the siblings are present. */
  private void put(int level, long index, T value) {
    while (level < rootLevel) {
      long sibling = index ^ 1;
      if (sibling << level < numLeaves) {
        T other = nodes.remove(key(level, sibling));
        if (other == null) {
          break;
        }
        value = (index & 1) == 0 ? merge.apply(value, other) : merge.apply(other, value);
      } // else the right sibling covers no block: the parent is this node alone
      level++;
      index >>= 1;
    }
    if (nodes.put(key(level, index), value) != null) {
      throw new IllegalArgumentException("the value of some block was added twice (node " + level + ", " + index
          + ")");
    }
  }

  private static long key(int level, long index) {
    return ((long) level << 32) | index;
  }
}
