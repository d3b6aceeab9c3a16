package weka.classifiers.functions.backprop;

/**
 * The hidden-layer activation σ1 of the derivation, with its derivative written next to it.
 *
 * <p>Both derivatives are expressed through the activation's own output a = σ1(z), so the backward pass
 * needs only the stored activations:
 * <ul>
 *   <li>sigmoid: σ(z) = 1 / (1 + e<sup>-z</sup>), σ'(z) = a (1 − a)</li>
 *   <li>tanh: tanh(z), tanh'(z) = 1 − a²</li>
 * </ul>
 */
public enum Activation {

  /** The logistic function σ(z) = 1 / (1 + e<sup>-z</sup>). */
  SIGMOID {
    @Override
    public double value(double z) {
      return sigmoid(z);
    }

    @Override
    public double derivativeFromValue(double a) {
      return a * (1.0 - a);
    }
  },

  /** The hyperbolic tangent. */
  TANH {
    @Override
    public double value(double z) {
      return Math.tanh(z);
    }

    @Override
    public double derivativeFromValue(double a) {
      return 1.0 - a * a;
    }
  };

  /**
   * @param z the pre-activation z
   * @return a = σ1(z)
   */
  public abstract double value(double z);

  /**
   * @param a the activation a = σ1(z)
   * @return σ1'(z), expressed through a
   */
  public abstract double derivativeFromValue(double a);

  /** @return the lower-case name used on the command line ("sigmoid", "tanh") */
  public String optionName() {
    return OptionNames.of(this);
  }

  /**
   * Parses a command-line name, ignoring case.
   *
   * @param name "sigmoid" or "tanh"
   * @return the activation
   * @throws IllegalArgumentException naming the allowed values if the name is unknown
   */
  public static Activation fromOptionName(String name) {
    return OptionNames.parse(values(), name, "activation");
  }

  /**
   * The logistic function without overflow: for z &ge; 0 it computes 1 / (1 + e<sup>-z</sup>), for z &lt; 0
   * the equal form e<sup>z</sup> / (1 + e<sup>z</sup>), so the exponent is never positive.
   *
   * @param z any finite or infinite value
   * @return σ(z) in [0, 1]
   */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }
}
