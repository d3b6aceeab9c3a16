package weka.classifiers.functions.backprop;

/**
 * The optimizers a training run can use, as models save the choice (by name). The training package turns the
 * choice into its update rule.
 */
public enum UpdateRule {

  /** θ ← θ − η∇J: the derivation's gradient descent. */
  GD,
  /** Classical momentum. */
  MOMENTUM,
  /** Nesterov's momentum. */
  NESTEROV,
  /** Adam. */
  ADAM,
  /** L-BFGS with a strong Wolfe line search: full batch only, one iteration per epoch; it uses no learning rate. */
  LBFGS;

  /**
   * @return true if the rule needs J and ∇J over all rows at points of its own choosing (a line search), so
   *         that it cannot step on mini-batches: LBFGS
   */
  public boolean isFullBatchOnly() {
    return this == LBFGS;
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
