package weka.classifiers.functions.backprop.train;

import java.io.Serializable;

/**
 * -balance: weights rescaled so that every class present has the same total weight,
 * s'_k = s_k · S / (C · S_{y_k}), where S is the total weight, S_c that of class c and C the number of classes
 * with S_c &gt; 0 (the total weight S is unchanged). The same for rows in this JVM and on a cluster, whose totals
 * come from the statistics pass.
 */
public final class ClassBalance implements Serializable {

  private static final long serialVersionUID = 1L;

  /** S_c. */
  private final double[] classWeight;
  /** S. */
  private final double total;
  /** C. */
  private final int present;

  private ClassBalance(double[] classWeight, double total) {
    this.classWeight = classWeight;
    this.total = total;
    int classes = 0;
    for (double w : classWeight) {
      classes += w > 0 ? 1 : 0;
    }
    this.present = classes;
  }

  /**
   * @param classWeight S_c for every class (copied); S is their sum
   * @return the balance
   */
  public static ClassBalance ofClassWeights(double[] classWeight) {
    double total = 0.0;
    for (double w : classWeight) {
      total += w;
    }
    return new ClassBalance(classWeight.clone(), total);
  }

  /**
   * @param y the class of each row
   * @param s the weight of each row
   * @param numClasses the number of classes
   * @return the balance, S_c and S summed in row order
   */
  public static ClassBalance ofRows(int[] y, double[] s, int numClasses) {
    double[] classWeight = new double[numClasses];
    double total = 0.0;
    for (int k = 0; k < y.length; k++) {
      classWeight[y[k]] += s[k];
      total += s[k];
    }
    return new ClassBalance(classWeight, total);
  }

  /**
   * @param s a row's weight s_k
   * @param c its class y_k
   * @return s'_k
   */
  public double weight(double s, int c) {
    double w = classWeight[c];
    return w > 0 ? s * total / (present * w) : 0.0;
  }

  /**
   * Rebalances rows in place.
   *
   * @param y the class of each row
   * @param s the weight of each row, replaced by s'
   * @return true if some new weight differs from 1
   */
  public boolean apply(int[] y, double[] s) {
    boolean weighted = false;
    for (int k = 0; k < y.length; k++) {
      s[k] = weight(s[k], y[k]);
      weighted |= s[k] != 1.0;
    }
    return weighted;
  }
}
