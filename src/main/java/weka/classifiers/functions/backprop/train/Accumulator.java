package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.kernel.Objective;

/**
 * Adds the sums of a block of rows of a {@link DataMatrix} to {@link GradientSums}: G += Σ s_k ∇ℓ_k,
 * L += Σ s_k ℓ_k, S += Σ s_k, computed by the kernel's {@link Objective} with the shape's activation kernels. The
 * rows are consecutive or listed by index (a shuffled mini-batch), read in place either way.
 *
 * <p>Holds the kernel's scratch buffers ({@link #bufferValues}: two arrays the size of θ, the copy of θ the forward
 * pass reads and the partial gradient, and tiles of rows: the inputs twice, the activations and δ1): one instance
 * per thread.
 */
public final class Accumulator {

  private final NetworkShape shape;
  private final Objective objective;

  /**
   * @param shape the architecture
   */
  public Accumulator(NetworkShape shape) {
    this.shape = shape;
    this.objective = new Objective(shape.layout(), shape.activation().function(), shape.kernels().implementation());
  }

  /**
   * The doubles one accumulator holds, for the memory estimate of a training run ({@link TrainingMemory}).
   *
   * @param numInputs m
   * @param numHidden g
   * @param numOutputs K
   * @return the number of doubles
   */
  static long bufferValues(long numInputs, long numHidden, long numOutputs) {
    return Objective.bufferValues(numInputs, numHidden, numOutputs);
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
    compute(params, data, null, from, to);
    addTo(sums);
  }

  /**
   * Computes the sums of the rows {@code rowIndex[from]} … {@code rowIndex[to − 1]}, or of rows {@code from} …
   * {@code to − 1} when rowIndex is null, and keeps them until {@link #addTo} adds them: the two halves of
   * {@link #add}, so that sums computed on several threads can be added in a fixed order.
   *
   * @param params θ in the shape's layout (not modified)
   * @param data the rows; as many inputs as the shape (not modified)
   * @param rowIndex row indices, or null (not modified)
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @throws IllegalArgumentException if the data has another number of inputs than the shape
   */
  void compute(double[] params, DataMatrix data, int[] rowIndex, int from, int to) {
    check(data);
    objective.compute(params, data.x(), data.y(), data.target(), data.weights(), rowIndex, from, to);
  }

  /**
   * @param data rows to compute sums of
   * @throws IllegalArgumentException if they do not fit the shape (another number of inputs, or numeric targets
   *     for class outputs or the other way round)
   */
  void check(DataMatrix data) {
    if (data.rowWidth() != shape.rowWidth()) {
      throw new IllegalArgumentException("data has " + data.numInputs() + " inputs, network "
          + shape.numInputs());
    }
    if (data.isNumeric() != shape.linearOutput()) {
      throw new IllegalArgumentException(data.isNumeric() ? "numeric targets for a network with class outputs"
          : "class labels for a network with a linear output");
    }
  }

  /** @return the kernel's objective whose buffers this accumulator holds */
  Objective objective() {
    return objective;
  }

  /**
   * Adds the sums of the last {@link #compute}: G += Σ s_k ∇ℓ_k, L += Σ s_k ℓ_k, S += Σ s_k.
   *
   * @param sums receives the sums (modified)
   */
  void addTo(GradientSums sums) {
    objective.addGradientTo(sums.gradient());
    sums.addLossAndWeight(objective.lossSum(), objective.weightSum());
  }
}
