package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.kernel.ForwardPass;
import weka.classifiers.functions.backprop.optim.Lbfgs;

/**
 * What a training run in this JVM holds, in bytes, for a configuration and data size, known before anything is
 * allocated, so that options that cannot fit are refused up front, saying how much they need:
 * <ul>
 *   <li>the data matrix, n × (m + 1) doubles (mini-batches are read in place, never copied);</li>
 *   <li>arrays the size of θ: θ, θ_0, the gradient and the objective's sums; the update's gradient (and the
 *       mini-batches' sums); the optimizer's state (Adam 2, momentum 1, L-BFGS 2 × {@value Lbfgs#HISTORY} pairs and
 *       its line search); early stopping's best θ and sums; the networks of the result and of a snapshot;</li>
 *   <li>one set of kernel buffers per thread ({@link GradientWorkers}, at most {@link BatchGradient#MAX_CHUNKS}),
 *       exactly as the kernel allocates them ({@link Accumulator#bufferValues}): a copy of θ and a partial gradient
 *       (their rows padded), and tiles of {@value ForwardPass#TILE_ROWS} rows: the inputs twice (transposed, and
 *       row-major padded), the activations and δ1.</li>
 * </ul>
 * An estimate from below of the run's own arrays (the caller's data and small objects are not counted).
 */
public final class TrainingMemory {

  /** The most values one Java array holds (as the JDK's own collections assume). */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final long dataValues;
  private final long parameters;
  private final int parameterArrays;
  private final int threads;
  private final long threadBytes;

  private TrainingMemory(long dataValues, long parameters, int parameterArrays, int threads, long threadBytes) {
    this.dataValues = dataValues;
    this.parameters = parameters;
    this.parameterArrays = parameterArrays;
    this.threads = threads;
    this.threadBytes = threadBytes;
  }

  /**
   * @param config the run's settings (hidden units, optimizer, batch size, validation, threads)
   * @param rows n, the rows of the data matrix
   * @param numInputs m
   * @param numClasses the class values (≥ 2)
   * @return what the run will hold
   */
  public static TrainingMemory of(TrainingConfig config, long rows, int numInputs, int numClasses) {
    long width = numInputs + 1L;
    long g = config.numHidden();
    long outputs = NetworkShape.outputsForClasses(numClasses);
    long parameters = width * g + outputs * (g + 1);
    int arrays = 4 + 2; // θ, θ_0, the gradient, the objective's sums; the result's network and a snapshot
    boolean miniBatches = config.batchSize() > 0 && config.batchSize() < rows;
    switch (config.updateRule()) {
      case LBFGS:
        arrays += 2 * Lbfgs.HISTORY + 3 + 4; // pairs, θ, gradient, direction; the line search's points
        break;
      case ADAM:
        arrays += 2;
        break;
      case MOMENTUM:
      case NESTEROV:
        arrays += 1;
        break;
      default:
        break;
    }
    if (config.updateRule() != UpdateRule.LBFGS) {
      arrays += miniBatches ? 2 : 1;
    }
    if (config.validationFraction() > 0) {
      arrays += 2; // early stopping's best θ and its sums
    }
    int threads = Math.min(config.numThreads(), BatchGradient.MAX_CHUNKS);
    long perThread = 8L * Accumulator.bufferValues(numInputs, g, outputs);
    return new TrainingMemory(rows * width, parameters, arrays, threads, perThread);
  }

  /** @return the values of the data matrix: more than {@link #MAX_ARRAY} cannot be held */
  public long dataValues() {
    return dataValues;
  }

  /** @return the bytes of the data matrix */
  public long dataBytes() {
    return 8L * dataValues;
  }

  /** @return the bytes of the arrays the size of θ (weights, gradients, the optimizer's state) */
  public long parameterBytes() {
    return 8L * parameters * parameterArrays;
  }

  /** @return the bytes of the kernel buffers of all threads */
  public long threadBytes() {
    return threadBytes * threads;
  }

  /** @return all of it, in bytes */
  public long totalBytes() {
    return dataBytes() + parameterBytes() + threadBytes();
  }

  /** @return what each part needs, for a message: "the data matrix 40 MB, …" */
  public String describe() {
    return "the data matrix " + megabytes(dataBytes()) + ", " + parameterArrays + " arrays of the " + parameters
        + " weights (weights, gradients, the optimizer's state) " + megabytes(parameterBytes()) + ", the kernel "
        + "buffers of " + threads + (threads == 1 ? " thread " : " threads ") + megabytes(threadBytes());
  }

  /**
   * @param bytes a size
   * @return it in MB (10^6 bytes), rounded up
   */
  public static String megabytes(long bytes) {
    return ((bytes + 999_999) / 1_000_000) + " MB";
  }
}
