package weka.classifiers.functions.backprop;

import java.util.Random;

/** Random data sets and parameter vectors with fixed seeds, shared by the engine tests. */
final class EngineTestData {

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
  static DataMatrix random(int rows, int numInputs, int numClasses, boolean weighted, long seed) {
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
  static DataMatrix learnable(int rows, int numInputs, int numClasses, long seed) {
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
  static double[] randomParameters(NetworkShape shape, double scale, long seed) {
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
   * @return the sums of rows from … to − 1, computed by {@link Objective#accumulate}
   */
  static GradientSums sums(NetworkShape shape, double[] params, DataMatrix data, int from, int to) {
    GradientSums sums = new GradientSums(shape.numParameters());
    Objective.accumulate(shape, params, data, from, to, sums, new Objective.Workspace(shape));
    return sums;
  }

  /**
   * @return J(params) over all rows of data
   */
  static double meanLoss(NetworkShape shape, double[] params, DataMatrix data) {
    return sums(shape, params, data, 0, data.numRows()).meanLoss();
  }

  /**
   * @return ∇J(params) over all rows of data
   */
  static double[] meanGradient(NetworkShape shape, double[] params, DataMatrix data) {
    GradientSums sums = sums(shape, params, data, 0, data.numRows());
    double[] gradient = new double[shape.numParameters()];
    sums.meanGradient(gradient);
    return gradient;
  }
}
