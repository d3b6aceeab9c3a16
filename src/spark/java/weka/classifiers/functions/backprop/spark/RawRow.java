package weka.classifiers.functions.backprop.spark;

import java.io.Serializable;

/**
 * One instance as it travels between Spark's stages: its values in Weka's internal encoding (a number, the
 * index of a nominal value, NaN for missing; the class included) and its weight.
 */
public final class RawRow implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] values;
  private final double weight;

  /**
   * @param values all attribute values, the class included (not copied)
   * @param weight the instance weight
   */
  public RawRow(double[] values, double weight) {
    this.values = values;
    this.weight = weight;
  }

  /** @return the values (not a copy) */
  public double[] values() {
    return values;
  }

  /** @return the weight */
  public double weight() {
    return weight;
  }
}
