package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;


/**
 * Random data sets and parameter vectors with fixed seeds, shared by the engine tests, and the few things only tests
 * need of the engine: a trainer on rows in their original order (ordered here by {@link ValidationSplit#plan}, as
 * the Weka face orders them), a training run to the end, a copy of some rows, and the sum of squared weights.
 */
public final class EngineTestData {

  private EngineTestData() {
  }

  /**
   * Gaussian inputs with a bias column, classes drawn uniformly, optional weights in [0.2, 3).
   *
   * @param rows n
   * @param numInputs m
   * @param numClasses number of class values
   * @param weighted true to give every row a random weight, false for none (all ones)
   * @param seed the seed
   * @return the data
   */
  public static DataMatrix random(int rows, int numInputs, int numClasses, boolean weighted, long seed) {
    Random random = new Random(seed);
    int width = numInputs + 1;
    double[] x = new double[rows * width];
    int[] y = new int[rows];
    double[] weights = weighted ? new double[rows] : null;
    for (int k = 0; k < rows; k++) {
      x[k * width] = 1.0;
      for (int i = 1; i < width; i++) {
        x[k * width + i] = random.nextGaussian();
      }
      y[k] = random.nextInt(numClasses);
      if (weighted) {
        weights[k] = 0.2 + 2.8 * random.nextDouble();
      }
    }
    return new DataMatrix(x, y, weights, numInputs, numClasses);
  }

  /**
   * Classes that depend on the inputs (a random linear rule with a nonlinear term plus label noise), so
   * that training has something to learn.
   *
   * @param rows n
   * @param numInputs m ≥ 2
   * @param numClasses number of class values
   * @param seed the seed
   * @return the data
   */
  public static DataMatrix learnable(int rows, int numInputs, int numClasses, long seed) {
    Random random = new Random(seed);
    int width = numInputs + 1;
    double[] x = new double[rows * width];
    int[] y = new int[rows];
    for (int k = 0; k < rows; k++) {
      x[k * width] = 1.0;
      for (int i = 1; i < width; i++) {
        x[k * width + i] = random.nextGaussian();
      }
      double score = x[k * width + 1] + 0.5 * x[k * width + 2] * x[k * width + 2] + 0.3 * random.nextGaussian();
      int c = (int) Math.floor((score + 1.5) / 3.0 * numClasses);
      y[k] = Math.max(0, Math.min(numClasses - 1, c));
    }
    return new DataMatrix(x, y, null, numInputs, numClasses);
  }

  /**
   * @param shape the architecture
   * @param scale parameters are drawn uniformly from ±scale, biases included
   * @param seed the seed
   * @return a parameter vector with nonzero biases
   */
  public static double[] randomParameters(NetworkShape shape, double scale, long seed) {
    Random random = new Random(seed);
    double[] params = new double[shape.numParameters()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (2.0 * random.nextDouble() - 1.0) * scale;
    }
    return params;
  }

  /**
   * @param shape the architecture
   * @param params the parameters
   * @param data the rows
   * @param from first row
   * @param to end row, exclusive
   * @return the sums of rows from … to − 1, computed by the kernel through an {@link Accumulator}
   */
  public static GradientSums sums(NetworkShape shape, double[] params, DataMatrix data, int from, int to) {
    GradientSums sums = new GradientSums(shape.numParameters());
    new Accumulator(shape).add(params, data, from, to, sums);
    return sums;
  }

  /**
   * @return J(params) over all rows of data
   */
  public static double meanLoss(NetworkShape shape, double[] params, DataMatrix data) {
    return sums(shape, params, data, 0, data.numRows()).meanLoss();
  }

  /**
   * @return ∇J(params) over all rows of data
   */
  public static double[] meanGradient(NetworkShape shape, double[] params, DataMatrix data) {
    GradientSums sums = sums(shape, params, data, 0, data.numRows());
    double[] gradient = new double[shape.numParameters()];
    sums.meanGradient(gradient);
    return gradient;
  }

  /**
   * A copy of some rows, in the given order.
   *
   * @param data the rows
   * @param rows row indices (each in 0 … n − 1; repeats allowed)
   * @return a new matrix holding copies of those rows, their classes and weights
   */
  public static DataMatrix rows(DataMatrix data, int[] rows) {
    int width = data.rowWidth();
    double[] x = new double[rows.length * width];
    int[] y = new int[rows.length];
    double[] weights = data.weights() == null ? null : new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(data.x(), rows[k] * width, x, k * width, width);
      y[k] = data.y()[rows[k]];
      if (weights != null) {
        weights[k] = data.weight(rows[k]);
      }
    }
    return new DataMatrix(x, y, weights, data.numInputs(), data.numClasses());
  }

  /**
   * A trainer on rows in their original order: they are copied in the split order of {@link ValidationSplit#plan}
   * (the held-out rows last), which gives the network a split into separate copies gives
   * ({@link HeldOutRowsLastTest}).
   *
   * @param data all rows
   * @param config the configuration
   * @return a trainer before its first epoch
   */
  public static Trainer trainer(DataMatrix data, TrainingConfig config) {
    int[][] plan = ValidationSplit.plan(data.y(), data.numClasses(), config);
    if (plan == null) {
      return Trainer.withHeldOutRowsLast(data, data.numRows(), config);
    }
    int[] order = Arrays.copyOf(plan[0], data.numRows());
    System.arraycopy(plan[1], 0, order, plan[0].length, plan[1].length);
    return Trainer.withHeldOutRowsLast(rows(data, order), plan[0].length, config);
  }

  /**
   * Trains until the configured epochs are run or early stopping ends training.
   *
   * @param data the training rows, in their original order
   * @param config hyperparameters
   * @return the trained network and its loss curves
   */
  public static TrainingResult train(DataMatrix data, TrainingConfig config) {
    try (Trainer trainer = trainer(data, config)) {
      while (trainer.epoch()) {
        // one epoch per call
      }
      return trainer.result();
    }
  }

  /**
   * Trains with the given settings on one thread and then on each of the given thread counts, and asserts that the
   * networks, their loss histories and their validation histories are the same bit for bit.
   *
   * @param data the training rows, in their original order
   * @param config the settings (its thread count is replaced)
   * @param what what the settings are, for the messages
   * @param threads the thread counts to compare with one
   */
  public static void assertSameOnThreads(DataMatrix data, TrainingConfig.Builder config, String what, int... threads) {
    TrainingResult single = train(data, config.numThreads(1).build());
    for (int t : threads) {
      TrainingResult parallel = train(data, config.numThreads(t).build());
      String where = what + ", " + t + " threads";
      assertArrayEquals(single.network().parameters(), parallel.network().parameters(), where);
      assertArrayEquals(single.lossHistory(), parallel.lossHistory(), where);
      assertArrayEquals(single.validationHistory(), parallel.validationHistory(), where);
    }
  }

  /**
   * @param shape the parameter layout
   * @param params θ
   * @return Σ w² over the non-bias weights
   */
  public static double sumOfSquares(NetworkShape shape, double[] params) {
    double sum = 0.0;
    for (int i = 0; i < params.length; i++) {
      if (!shape.isBias(i)) {
        sum += params[i] * params[i];
      }
    }
    return sum;
  }
}
