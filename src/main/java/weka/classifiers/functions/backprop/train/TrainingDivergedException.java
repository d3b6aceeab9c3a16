package weka.classifiers.functions.backprop.train;

/** Thrown when the loss stays non-finite even after the learning rate was halved {@link Trainer#MAX_RESTARTS} times. */
public final class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * @param initialRate the learning rate the run started with
   * @param lastRate the last, halved learning rate tried
   * @param restarts how many times training restarted
   */
  public TrainingDivergedException(double initialRate, double lastRate, int restarts) {
    super("training diverged: the loss became NaN or infinite with learning rate " + initialRate
        + ", and again after halving it " + restarts + " times (last tried " + lastRate
        + "); use a smaller learning rate");
  }

  /**
   * @param message why training cannot go on
   */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
