package weka.classifiers.functions.backprop;

/** The optimizers a training run can use. */
public enum UpdateRule {

  /** θ ← θ − η∇J: the derivation's gradient descent. */
  GD,
  /** Classical momentum. */
  MOMENTUM,
  /** Nesterov's momentum. */
  NESTEROV,
  /** Adam. */
  ADAM;

  /**
   * @param numParameters length of θ
   * @param learningRate η
   * @param momentum μ, used by MOMENTUM and NESTEROV
   * @return a new optimizer of this kind
   */
  public Optimizer create(int numParameters, double learningRate, double momentum) {
    switch (this) {
      case GD:
        return new GradientDescent(learningRate);
      case MOMENTUM:
        return new Momentum(numParameters, learningRate, momentum, false);
      case NESTEROV:
        return new Momentum(numParameters, learningRate, momentum, true);
      default:
        return new Adam(numParameters, learningRate);
    }
  }

  /** @return the lower-case name used on the command line */
  public String optionName() {
    return OptionNames.of(this);
  }

  /**
   * @param name "gd", "momentum", "nesterov" or "adam", any case
   * @return the rule
   * @throws IllegalArgumentException naming the allowed values
   */
  public static UpdateRule fromOptionName(String name) {
    return OptionNames.parse(values(), name, "optimizer");
  }
}
