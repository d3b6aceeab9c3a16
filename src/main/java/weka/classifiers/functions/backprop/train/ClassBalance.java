package weka.classifiers.functions.backprop.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * -balance: weights rescaled so that every class present has the same total weight,
 * s'_k = s_k · S / (C · S_{y_k}), where S is the total weight, S_c that of class c and C the number of classes
 * with S_c &gt; 0 (the total weight S is unchanged, up to a power of two). The same for rows in this JVM and on a
 * cluster, whose totals come from the statistics pass.
 *
 * <p>Any finite weights: S_c is kept in units of class c's own largest weight, 2^e_c, so s_k / S_{y_k} is computed
 * as (s_k / 2^e_c) / (S_c / 2^e_c) and neither overflows nor underflows, however many orders of magnitude apart the
 * classes' weights are; S is taken in units of 2^e, e the largest e_c (the objective is a weighted mean: a power of
 * two common to all rows changes nothing). So the rebalanced weights lie between 0 and 2 · (number of rows) and are
 * given the raw row weights, not weights already scaled into one unit (where a class 600 orders of magnitude
 * lighter than another would vanish). For unit weights every e_c is 0: the plain formula.
 */
public final class ClassBalance implements Serializable {

  private static final long serialVersionUID = 2L;

  /** S_c / 2^e_c. */
  private final double[] classWeight;
  /** e_c. */
  private final int[] classExponent;
  /** S / 2^e. */
  private final double total;
  /** C. */
  private final int present;

  /**
   * @param classWeight S_c / 2^e_c
   * @param classExponent e_c (0 for a class without weight)
   */
  private ClassBalance(double[] classWeight, int[] classExponent) {
    this.classWeight = classWeight;
    this.classExponent = classExponent;
    int classes = 0;
    int largest = Integer.MIN_VALUE;
    for (int c = 0; c < classWeight.length; c++) {
      if (classWeight[c] > 0) {
        classes++;
        largest = Math.max(largest, classExponent[c]);
      }
    }
    double sum = 0.0;
    for (int c = 0; c < classWeight.length; c++) {
      if (classWeight[c] > 0) {
        sum += Math.scalb(classWeight[c], classExponent[c] - largest);
      }
    }
    this.present = classes;
    this.total = sum;
  }

  /**
   * @param classWeight S_c / 2^e_c for every class (copied)
   * @param classExponent e_c for every class (copied), in the unit of the row weights that will be rebalanced
   * @return the balance
   */
  public static ClassBalance ofClassWeights(double[] classWeight, int[] classExponent) {
    return new ClassBalance(classWeight.clone(), classExponent.clone());
  }

  /**
   * @param y the class of each row
   * @param s the weight of each row (finite, ≥ 0)
   * @param numClasses the number of classes
   * @return the balance, each S_c summed in row order
   */
  public static ClassBalance ofRows(int[] y, double[] s, int numClasses) {
    int[] exponent = new int[numClasses];
    Arrays.fill(exponent, Integer.MIN_VALUE);
    for (int k = 0; k < y.length; k++) {
      if (s[k] > 0) {
        exponent[y[k]] = Math.max(exponent[y[k]], Math.getExponent(s[k]));
      }
    }
    for (int c = 0; c < numClasses; c++) {
      exponent[c] = exponent[c] == Integer.MIN_VALUE ? 0 : exponent[c]; // a class without weight
    }
    double[] classWeight = new double[numClasses];
    for (int k = 0; k < y.length; k++) {
      classWeight[y[k]] += Math.scalb(s[k], -exponent[y[k]]);
    }
    return new ClassBalance(classWeight, exponent);
  }

  /**
   * @param s a row's weight s_k
   * @param c its class y_k
   * @return s'_k
   */
  public double weight(double s, int c) {
    double w = classWeight[c];
    return w > 0 ? Math.scalb(s, -classExponent[c]) * total / (present * w) : 0.0;
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
