package weka.classifiers.functions.backprop;

import weka.classifiers.functions.backprop.kernel.ActivationFunction;

/**
 * The hidden-layer activation σ1 a network was trained with, as models save it (by name): sigmoid or tanh. The
 * function itself and its derivative are the kernel's {@link ActivationFunction}.
 */
public enum Activation {

  /** The logistic function σ(z) = 1 / (1 + e<sup>−z</sup>). */
  SIGMOID(ActivationFunction.SIGMOID),

  /** The hyperbolic tangent. */
  TANH(ActivationFunction.TANH);

  private final ActivationFunction function;

  Activation(ActivationFunction function) {
    this.function = function;
  }

  /** @return σ1 with its derivative, as the kernel computes them */
  public ActivationFunction function() {
    return function;
  }

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
}
