package weka.classifiers.functions.backprop;

import java.io.Serializable;

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
   * Class probabilities for rows of a row-major matrix with the bias column x0 = 1.
   *
   * @param x row-major rows, each {@code shape().rowWidth()} wide, column 0 equal to 1
   * @param firstRow first row to predict
   * @param rows number of rows
   * @param out receives rows × numClasses probabilities, each row summing to 1 (modified)
   */
  public void distributions(double[] x, int firstRow, int rows, double[] out) {
    int numClasses = shape.numClasses();
    int k = shape.numOutputs();
    boolean sigmoid = shape.activation() == Activation.SIGMOID;
    Objective.Workspace ws = new Objective.Workspace(shape);
    ws.load(shape, params);
    for (int start = 0; start < rows; start += Objective.TILE_ROWS) {
      int tile = Math.min(Objective.TILE_ROWS, rows - start);
      Objective.forward(ws, sigmoid, x, firstRow + start, tile);
      Objective.logits(ws, tile);
      for (int r = 0; r < tile; r++) {
        probabilities(ws.out, r * k, k, out, (start + r) * numClasses);
      }
    }
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

  /**
   * p = σ(w) as (1 − p, p) for one output, the softmax with the maximum subtracted otherwise. The two
   * probabilities of a sigmoid output are both computed as σ(±w), so neither loses precision to 1 − p.
   */
  private static void probabilities(double[] w, int from, int k, double[] out, int to) {
    if (k == 1) {
      out[to] = Activation.sigmoid(-w[from]);
      out[to + 1] = Activation.sigmoid(w[from]);
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, w[from + c]);
    }
    double sum = 0.0;
    for (int c = 0; c < k; c++) {
      double e = Math.exp(w[from + c] - max);
      out[to + c] = e;
      sum += e;
    }
    for (int c = 0; c < k; c++) {
      out[to + c] /= sum;
    }
  }
}
