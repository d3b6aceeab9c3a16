package weka.classifiers.functions.backprop;

import java.util.Arrays;
import java.util.Random;

/**
 * The training loop: full-batch gradient descent on J, one epoch per {@link #epoch()} call, so that
 * training can be run to the end ({@link #train}) or stepped (Weka's iterative classifiers).
 *
 * <p>Initial weights: every non-bias weight is drawn uniformly from ±√(3 / fan-in) (variance 1 / fan-in,
 * fan-in = m + 1 for Θ and g + 1 for β) with {@link Random} seeded from the configuration; biases start at
 * 0. The same data and configuration always give the same network, whatever the thread count.
 */
public final class Trainer implements AutoCloseable {

  private final NetworkShape shape;
  private final DataMatrix data;
  private final double[] params;
  private final double[] gradient;
  private final GradientSums sums;
  private final BatchGradient batchGradient;
  private final Optimizer optimizer;
  private double[] losses = new double[16];
  private int epochsDone;
  private boolean lossIsCurrent;

  /**
   * @param data the training rows
   * @param config hyperparameters
   */
  public Trainer(DataMatrix data, TrainingConfig config) {
    this.data = data;
    this.shape = new NetworkShape(data.numInputs(), config.numHidden(),
        NetworkShape.outputsForClasses(data.numClasses()), config.activation());
    this.params = initialParameters(shape, config.seed());
    this.gradient = new double[shape.numParameters()];
    this.sums = new GradientSums(shape.numParameters());
    this.batchGradient = new BatchGradient(shape, data, config.numThreads());
    this.optimizer = new GradientDescent(config.learningRate());
  }

  /**
   * Trains for {@code config.epochs()} epochs.
   *
   * @param data the training rows
   * @param config hyperparameters
   * @return the trained network and its loss history
   * @throws TrainingInterruptedException if the thread is interrupted
   */
  public static TrainingResult train(DataMatrix data, TrainingConfig config) {
    try (Trainer trainer = new Trainer(data, config)) {
      for (int e = 0; e < config.epochs(); e++) {
        trainer.epoch();
      }
      return trainer.result();
    }
  }

  /**
   * Small random weights scaled to the fan-in, zero biases.
   *
   * @param shape the architecture
   * @param seed the seed
   * @return a new parameter vector
   */
  public static double[] initialParameters(NetworkShape shape, long seed) {
    Random random = new Random(seed);
    double[] w = new double[shape.numParameters()];
    double thetaRange = Math.sqrt(3.0 / shape.rowWidth());
    double betaRange = Math.sqrt(3.0 / (shape.numHidden() + 1));
    for (int i = 0; i < w.length; i++) {
      if (!shape.isBias(i)) {
        double range = i < shape.betaOffset() ? thetaRange : betaRange;
        w[i] = (2.0 * random.nextDouble() - 1.0) * range;
      }
    }
    return w;
  }

  /**
   * One epoch: computes J(θ) and ∇J(θ) over all rows, records J(θ), then θ ← optimizer step.
   *
   * @return J(θ) before the step
   * @throws TrainingInterruptedException if the thread was interrupted
   * @throws IllegalStateException if the loss is not finite (the learning rate is too large)
   */
  public double epoch() {
    if (Thread.interrupted()) {
      throw new TrainingInterruptedException(epochsDone);
    }
    double loss = evaluateGradient();
    optimizer.step(params, gradient);
    epochsDone++;
    lossIsCurrent = false;
    return loss;
  }

  private double evaluateGradient() {
    batchGradient.sums(params, 0, data.numRows(), sums);
    double loss = sums.meanLoss();
    if (!(loss < Double.POSITIVE_INFINITY)) {
      throw new IllegalStateException("training loss became " + loss + " at epoch " + (epochsDone + 1));
    }
    sums.meanGradient(gradient);
    record(epochsDone, loss);
    lossIsCurrent = true;
    return loss;
  }

  private void record(int index, double loss) {
    if (index >= losses.length) {
      losses = Arrays.copyOf(losses, Math.max(index + 1, 2 * losses.length));
    }
    losses[index] = loss;
  }

  /** @return epochs completed */
  public int epochsDone() {
    return epochsDone;
  }

  /** @return the architecture being trained */
  public NetworkShape shape() {
    return shape;
  }

  /**
   * @return J at the current parameters (computed if not yet known)
   */
  public double currentLoss() {
    if (!lossIsCurrent) {
      evaluateGradient();
    }
    return losses[epochsDone];
  }

  /**
   * @return the network with the current parameters and the loss history J(θ_0) … J(θ_e)
   */
  public TrainingResult result() {
    currentLoss();
    return new TrainingResult(new Network(shape, params), Arrays.copyOf(losses, epochsDone + 1), epochsDone);
  }

  @Override
  public void close() {
    batchGradient.close();
  }
}
