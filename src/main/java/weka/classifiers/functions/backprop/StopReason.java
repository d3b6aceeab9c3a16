package weka.classifiers.functions.backprop;

/** Why a training run ended. */
public enum StopReason {

  /** All requested epochs were run. */
  EPOCHS("all epochs were run"),
  /** The validation loss did not improve for {@code patience} epochs. */
  EARLY_STOPPING("the validation loss stopped improving"),
  /** L-BFGS: the gradient vanished, or no step along the search direction or the gradient lowered the loss. */
  CONVERGED("the optimizer converged (the gradient vanished or no step lowered the training loss)");

  private final String description;

  StopReason(String description) {
    this.description = description;
  }

  /** @return a short phrase for the model text */
  public String description() {
    return description;
  }
}
