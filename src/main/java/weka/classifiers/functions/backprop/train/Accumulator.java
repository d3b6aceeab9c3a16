package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.kernel.Objective;

/**
 * Adds the sums of a block of rows of a {@link DataMatrix} to {@link GradientSums}: G += Σ s_k ∇ℓ_k,
 * L += Σ s_k ℓ_k, S += Σ s_k, computed by the kernel's {@link Objective}. Holds the kernel's scratch buffers: one
 * instance per thread (or chunk of rows).
 */
public final class Accumulator {

  private final NetworkShape shape;
  private final Objective objective;

  /**
   * @param shape the architecture
   */
  public Accumulator(NetworkShape shape) {
    this.shape = shape;
    this.objective = new Objective(shape.layout(), shape.activation().function());
  }

  /**
   * Adds the sums of rows {@code from} … {@code to − 1}.
   *
   * @param params θ in the shape's layout (not modified)
   * @param data the rows; as many inputs as the shape (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param sums receives the sums (modified)
   * @throws IllegalArgumentException if the data has another number of inputs than the shape
   */
  public void add(double[] params, DataMatrix data, int from, int to, GradientSums sums) {
    add(params, data, null, from, to, sums);
  }

  /**
   * Adds the sums of the rows {@code rowIndex[from]} … {@code rowIndex[to − 1]} (read in place), or of rows
   * {@code from} … {@code to − 1} when rowIndex is null.
   *
   * @param params θ in the shape's layout (not modified)
   * @param data the rows; as many inputs as the shape (not modified)
   * @param rowIndex row indices, or null (not modified)
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @param sums receives the sums (modified)
   * @throws IllegalArgumentException if the data has another number of inputs than the shape
   */
  void add(double[] params, DataMatrix data, int[] rowIndex, int from, int to, GradientSums sums) {
    if (data.rowWidth() != shape.rowWidth()) {
      throw new IllegalArgumentException("data has " + data.numInputs() + " inputs, network "
          + shape.numInputs());
    }
    objective.accumulate(params, data.x(), data.y(), data.weights(), rowIndex, from, to, sums.gradient());
    sums.addLossAndWeight(objective.lossSum(), objective.weightSum());
  }
}
