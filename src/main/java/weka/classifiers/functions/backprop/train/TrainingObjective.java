package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.optim.DifferentiableFunction;

/**
 * The training objective over all training rows, from the sums G, L, S of {@link RowSums}:
 * <pre>
 *   J(θ) = L / S + (λ/2) Σ w²,    ∇J(θ) = G / S + λ w       (w: the non-bias weights, {@link WeightDecay})
 * </pre>
 * It counts its evaluations (since the last restart) for the training result.
 */
final class TrainingObjective implements DifferentiableFunction {

  private final NetworkShape shape;
  private final RowSums rows;
  private final double weightDecay;
  private final GradientSums sums;
  private int evaluations;

  /**
   * @param shape the architecture
   * @param rows the training rows (not closed here)
   * @param weightDecay λ ≥ 0
   */
  TrainingObjective(NetworkShape shape, RowSums rows, double weightDecay) {
    this.shape = shape;
    this.rows = rows;
    this.weightDecay = weightDecay;
    this.sums = new GradientSums(shape.numParameters());
  }

  @Override
  public double valueAndGradient(double[] theta, double[] gradientOut) {
    rows.sums(theta, sums);
    evaluations++;
    sums.meanGradient(gradientOut);
    return sums.meanLoss() + WeightDecay.apply(shape, theta, weightDecay, gradientOut);
  }

  /** @return evaluations since the last {@link #restart()} */
  int evaluations() {
    return evaluations;
  }

  /** Sets the count of evaluations to 0: the run starts again. */
  void restart() {
    evaluations = 0;
  }
}
