package weka.classifiers.functions.backprop;

import java.io.Serializable;

import weka.classifiers.functions.backprop.kernel.ForwardPass;

/**
 * A trained network: its shape and parameters, immutable once built, predicting class probabilities
 * p = σ2(β · (1, σ1(Θ x))). Safe to use from several threads at once.
 */
public final class Network implements Serializable {

  private static final long serialVersionUID = 1L;

  private final NetworkShape shape;
  private final double[] params;

  /**
   * @param shape the architecture
   * @param params the parameter vector in the layout of {@code shape} (copied)
   */
  public Network(NetworkShape shape, double[] params) {
    if (params.length != shape.numParameters()) {
      throw new IllegalArgumentException(params.length + " parameters for a network that has "
          + shape.numParameters());
    }
    this.shape = shape;
    this.params = params.clone();
  }

  /** @return the architecture */
  public NetworkShape shape() {
    return shape;
  }

  /** @return a copy of the parameter vector */
  public double[] parameters() {
    return params.clone();
  }

  /**
   * @param i input index, 0 = bias
   * @param l hidden unit, 0-based
   * @return Θ_{l,i}
   */
  public double theta(int i, int l) {
    return params[shape.thetaIndex(i, l)];
  }

  /**
   * @param c output
   * @param j hidden activation index, 0 = bias
   * @return β_{c,j}
   */
  public double beta(int c, int j) {
    return params[shape.betaIndex(c, j)];
  }

  /**
   * Class probabilities for rows of a row-major matrix with the bias column x0 = 1, by the kernel's forward pass.
   *
   * @param x row-major rows, each {@code shape().rowWidth()} wide, column 0 equal to 1
   * @param firstRow first row to predict
   * @param rows number of rows
   * @param out receives rows × numClasses probabilities, each row summing to 1 (modified)
   */
  public void distributions(double[] x, int firstRow, int rows, double[] out) {
    new ForwardPass(shape.layout(), shape.activation().function(), Math.max(1, Math.min(rows, ForwardPass.TILE_ROWS)))
        .probabilities(params, x, firstRow, rows, out);
  }

  /**
   * @param row one row with the bias column, {@code shape().rowWidth()} long
   * @return the class probabilities, summing to 1
   */
  public double[] distribution(double[] row) {
    double[] out = new double[shape.numClasses()];
    distributions(row, 0, 1, out);
    return out;
  }
}
