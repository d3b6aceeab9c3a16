package weka.classifiers.functions.backprop.train;

/** Thrown when the training thread is interrupted; no trained network results from the run. */
public final class TrainingInterruptedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param epochsDone epochs completed before the interruption
   */
  public TrainingInterruptedException(int epochsDone) {
    super("training was interrupted after " + epochsDone + " epoch(s); no model was built");
  }
}
