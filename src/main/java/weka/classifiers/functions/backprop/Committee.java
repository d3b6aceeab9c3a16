package weka.classifiers.functions.backprop;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * Networks of one shape that predict together: p = (1/k) Σ_j p_j, the mean of the members' class probabilities
 * or, for networks with a linear output, of their predicted numbers (a cross-validation committee: the k fold networks of model selection, each trained on all rows but one fold).
 * The mean is taken member by member in a fixed order, so the same members give the same probabilities, bit for
 * bit. Immutable.
 */
public final class Committee implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Network[] members;

  /**
   * @param members at least one network, all of the same shape (copied as an array)
   * @throws IllegalArgumentException if there is none or the shapes differ
   */
  public Committee(Network[] members) {
    this.members = members.clone();
    check(this.members);
  }

  private static void check(Network[] members) {
    if (members.length == 0) {
      throw new IllegalArgumentException("a committee needs at least one network");
    }
    for (Network member : members) {
      if (member == null || !sameShape(member.shape(), members[0].shape())) {
        throw new IllegalArgumentException("the networks of a committee must have one shape: " + members[0].shape()
            + (member == null ? ", and one is missing" : " and " + member.shape()));
      }
    }
  }

  private static boolean sameShape(NetworkShape a, NetworkShape b) {
    return a.numInputs() == b.numInputs() && a.numHidden() == b.numHidden() && a.numOutputs() == b.numOutputs()
        && a.activation() == b.activation() && a.kernels() == b.kernels() && a.linearOutput() == b.linearOutput();
  }

  /** A loaded committee is checked as a new one is (each network has checked its own weights). */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (members == null) {
      throw new InvalidObjectException("the committee has no networks");
    }
    try {
      check(members);
    } catch (IllegalArgumentException e) {
      throw new InvalidObjectException(e.getMessage());
    }
  }

  /** @return the members' shape */
  public NetworkShape shape() {
    return members[0].shape();
  }

  /** @return k, the number of networks */
  public int size() {
    return members.length;
  }

  /**
   * @param j 0 … k − 1
   * @return network j
   */
  public Network member(int j) {
    return members[j];
  }

  /**
   * p = (1/k) Σ_j p_j for rows of a row-major matrix with the bias column x0 = 1.
   *
   * @param x row-major rows, each {@code shape().rowWidth()} wide
   * @param firstRow first row to predict
   * @param rows number of rows
   * @param out receives rows × numClasses probabilities (modified)
   */
  public void distributions(double[] x, int firstRow, int rows, double[] out) {
    int values = rows * shape().numClasses();
    double[] one = new double[values];
    java.util.Arrays.fill(out, 0, values, 0.0);
    for (Network member : members) {
      member.distributions(x, firstRow, rows, one);
      for (int i = 0; i < values; i++) {
        out[i] += one[i];
      }
    }
    for (int i = 0; i < values; i++) {
      out[i] /= members.length;
    }
  }

  /**
   * @param row one row with the bias column
   * @return the mean class probabilities
   */
  public double[] distribution(double[] row) {
    double[] out = new double[shape().numClasses()];
    distributions(row, 0, 1, out);
    return out;
  }
}
