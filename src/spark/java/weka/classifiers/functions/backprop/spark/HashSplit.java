package weka.classifiers.functions.backprop.spark;

/**
 * The held-out rows for early stopping on Spark: row i (its position in the data, counted from 0) is held out
 * when u(seed, i) &lt; v, where u is a uniform number in [0, 1) computed from the seed and the position alone
 * (SplitMix64's finalizer). The split therefore does not depend on how the rows are partitioned, and a local
 * run can reproduce it exactly. Unlike the local engine's split it is not stratified by class: on data large
 * enough to need a cluster, each class is held out in proportion up to sampling noise.
 */
public final class HashSplit {

  private HashSplit() {
  }

  /**
   * @param seed the training seed
   * @param index the row's position
   * @param fraction v, the fraction held out
   * @return true if the row is held out
   */
  public static boolean isHeldOut(long seed, long index, double fraction) {
    return fraction > 0 && uniform(seed, index) < fraction;
  }

  /** @return a uniform number in [0, 1) determined by the seed and the index */
  static double uniform(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
