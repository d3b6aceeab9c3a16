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
      return tanh(z);
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

  /**
   * tanh(z) through one call of the intrinsic {@link Math#exp} ({@link Math#tanh} is not a HotSpot intrinsic
   * and costs about three times as much: ActivationBench): tanh(z) = sign(z) (1 − e) / (1 + e) with e = e^{−2|z|}, which never
   * overflows. Below |z| = 2^-13 the series z − z³/3 keeps the relative accuracy that the quotient would lose
   * to cancellation. The absolute error is below 2e-16 everywhere; NaN stays NaN.
   *
   * @param z any value
   * @return tanh(z) in [−1, 1]
   */
  public static double tanh(double z) {
    double m = Math.abs(z);
    if (m < 0x1p-13) {
      return z - z * z * z / 3.0;
    }
    double e = Math.exp(-2.0 * m);
    return Math.copySign((1.0 - e) / (1.0 + e), z);
  }
}
