package weka.classifiers.functions.backprop;

/**
 * How batch training chooses its settings for the data at hand (-tune).
 */
public enum Tuning {

  /**
   * k-fold cross-validation on the training data over a small grid of hidden units and weight decays, the epochs
   * chosen from the same folds; the model is the committee of the k fold networks of the best candidate.
   */
  CV,
  /** No tuning: one network with the configured settings (early stopping on a held-out split, -V). */
  NONE;

  /** @return the lower-case name used on the command line */
  public String optionName() {
    return OptionNames.of(this);
  }

  /**
   * @param name "cv" or "none", any case
   * @return the choice
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Tuning fromOptionName(String name) {
    return OptionNames.parse(values(), name, "tuning");
  }
}
