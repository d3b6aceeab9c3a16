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
  ADAM,
  /**
   * L-BFGS with a strong Wolfe line search ({@link Lbfgs}): full batch only, one iteration per epoch; it uses
   * no learning rate.
   */
  LBFGS;

  /**
   * @return true if the rule needs J and ∇J over all rows at points of its own choosing (a line search), so
   *         that it cannot step on mini-batches and is not an {@link Optimizer}: LBFGS
   */
  public boolean isFullBatchOnly() {
    return this == LBFGS;
  }

  /**
   * @param numParameters length of θ
   * @param learningRate η
   * @param momentum μ, used by MOMENTUM and NESTEROV
   * @return a new optimizer of this kind
   * @throws IllegalStateException for LBFGS, which is not a step rule ({@link Trainer} runs {@link Lbfgs})
   */
  public Optimizer create(int numParameters, double learningRate, double momentum) {
    switch (this) {
      case GD:
        return new GradientDescent(learningRate);
      case MOMENTUM:
        return new Momentum(numParameters, learningRate, momentum, false);
      case NESTEROV:
        return new Momentum(numParameters, learningRate, momentum, true);
      case ADAM:
        return new Adam(numParameters, learningRate);
      default:
        throw new IllegalStateException(optionName() + " needs the objective, not only its gradient: "
            + "it is run by Lbfgs, not as an Optimizer");
    }
  }

  /** @return the lower-case name used on the command line */
  public String optionName() {
    return OptionNames.of(this);
  }

  /**
   * @param name "gd", "momentum", "nesterov", "adam" or "lbfgs", any case
   * @return the rule
   * @throws IllegalArgumentException naming the allowed values
   */
  public static UpdateRule fromOptionName(String name) {
    return OptionNames.parse(values(), name, "optimizer");
  }
}
