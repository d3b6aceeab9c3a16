package weka.classifiers.functions.backprop;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
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
  /** {@link Checksum} of the shape and the parameters; {@link Checksum#NONE} in models saved before it was kept. */
  private final long checksum;

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
    this.checksum = checksum(shape, this.params);
  }

  private static long checksum(NetworkShape shape, double[] params) {
    Checksum sum = new Checksum().add((long) shape.numInputs()).add((long) shape.numHidden())
        .add((long) shape.numOutputs()).add((long) shape.activation().ordinal());
    if (shape.linearOutput()) {
      sum.add(-1L); // only then, so that the checksums of classification networks saved before stay valid
    }
    return sum.add(params).value();
  }

  /**
   * A loaded network is checked before it is used: parameters that fit the shape, all finite (training never keeps
   * others), and that match the checksum saved with them.
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (shape == null || params == null) {
      throw new InvalidObjectException("the network has no " + (shape == null ? "shape" : "weights"));
    }
    if (params.length != shape.numParameters()) {
      throw new InvalidObjectException("the network has " + params.length + " weights, but its shape (" + shape
          + ") needs " + shape.numParameters());
    }
    for (int i = 0; i < params.length; i++) {
      if (!(params[i] > Double.NEGATIVE_INFINITY && params[i] < Double.POSITIVE_INFINITY)) {
        throw new InvalidObjectException("weight " + (i + 1) + " of the network is " + params[i]);
      }
    }
    if (checksum != Checksum.NONE && checksum != checksum(shape, params)) {
      throw new InvalidObjectException("the network's weights do not match their checksum: the file was changed "
          + "or damaged");
    }
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
   * Class probabilities for rows of a row-major matrix with the bias column x0 = 1, by the kernel's forward pass
   * with the network's activation kernels.
   *
   * @param x row-major rows, each {@code shape().rowWidth()} wide, column 0 equal to 1
   * @param firstRow first row to predict
   * @param rows number of rows
   * @param out receives rows × numClasses probabilities, each row summing to 1 (modified)
   */
  public void distributions(double[] x, int firstRow, int rows, double[] out) {
    // tiles no larger than the rows: one instance does not allocate the buffers of a 64-row tile
    int tileRows = Math.max(1, Math.min(rows, ForwardPass.TILE_ROWS));
    new ForwardPass(shape.layout(), shape.activation().function(), shape.kernels().implementation(), tileRows)
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
