package weka.classifiers.functions.backprop;

import java.io.Serializable;

/**
 * The architecture of the one-hidden-layer network and the layout of its flat parameter vector.
 *
 * <p>With m inputs, g hidden units and K outputs (K = 1 for two classes, the number of classes otherwise):
 * <pre>
 *   x = (x0 = 1, x1 … xm)            inputs with the bias x0 = 1
 *   z_l = Σ_i Θ_{l,i} x_i            l = 1 … g
 *   a = (a0 = 1, σ1(z_1) … σ1(z_g))  hidden activations with the bias a0 = 1
 *   w_c = Σ_j β_{c,j} a_j            c = 1 … K
 *   p = σ2(w)                        sigmoid for K = 1, softmax for K &gt; 1
 * </pre>
 * All parameters live in one {@code double[]} so that optimizers see a single vector:
 * <ul>
 *   <li>Θ first, input-major: Θ_{l,i} at {@code thetaIndex(i, l) = i·g + l}, i = 0 … m (i = 0 is the bias),
 *       so that the loops over hidden units run over contiguous memory;</li>
 *   <li>then β, output-major: β_{c,j} at {@code betaIndex(c, j) = betaOffset + c·(g+1) + j}, j = 0 … g
 *       (j = 0 is the bias).</li>
 * </ul>
 */
public final class NetworkShape implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numInputs;
  private final int numHidden;
  private final int numOutputs;
  private final Activation activation;

  /**
   * @param numInputs m, the number of inputs without the bias (≥ 0)
   * @param numHidden g, the number of hidden units (≥ 1)
   * @param numOutputs K: 1 for a sigmoid output (two classes), ≥ 3 for a softmax output
   * @param activation σ1
   */
  public NetworkShape(int numInputs, int numHidden, int numOutputs, Activation activation) {
    if (numInputs < 0) {
      throw new IllegalArgumentException("number of inputs must be >= 0, got " + numInputs);
    }
    if (numHidden < 1) {
      throw new IllegalArgumentException("number of hidden units must be >= 1, got " + numHidden);
    }
    if (numOutputs < 1 || numOutputs == 2) {
      throw new IllegalArgumentException(
          "number of outputs must be 1 (two classes) or >= 3 (softmax), got " + numOutputs);
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation must not be null");
    }
    long count = (long) (numInputs + 1) * numHidden + (long) numOutputs * (numHidden + 1);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("network too large: " + count + " parameters");
    }
    this.numInputs = numInputs;
    this.numHidden = numHidden;
    this.numOutputs = numOutputs;
    this.activation = activation;
  }

  /**
   * @param numClasses number of class values (≥ 2)
   * @return 1 for two classes (one sigmoid output), otherwise {@code numClasses} (softmax)
   */
  public static int outputsForClasses(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + numClasses);
    }
    return numClasses == 2 ? 1 : numClasses;
  }

  /** @return m, the number of inputs without the bias */
  public int numInputs() {
    return numInputs;
  }

  /** @return m + 1, the width of a data row including the bias column x0 = 1 */
  public int rowWidth() {
    return numInputs + 1;
  }

  /** @return g, the number of hidden units */
  public int numHidden() {
    return numHidden;
  }

  /** @return K, the number of outputs */
  public int numOutputs() {
    return numOutputs;
  }

  /** @return the number of classes the outputs describe (2 for one sigmoid output) */
  public int numClasses() {
    return numOutputs == 1 ? 2 : numOutputs;
  }

  /** @return σ1 */
  public Activation activation() {
    return activation;
  }

  /** @return the offset of β in the parameter vector, (m + 1)·g */
  public int betaOffset() {
    return (numInputs + 1) * numHidden;
  }

  /** @return the length of the parameter vector */
  public int numParameters() {
    return betaOffset() + numOutputs * (numHidden + 1);
  }

  /**
   * @param i input index, 0 = bias
   * @param l hidden unit index, 0-based (unit l + 1 of the derivation)
   * @return the position of Θ_{l,i}
   */
  public int thetaIndex(int i, int l) {
    return i * numHidden + l;
  }

  /**
   * @param c output index
   * @param j hidden activation index, 0 = bias
   * @return the position of β_{c,j}
   */
  public int betaIndex(int c, int j) {
    return betaOffset() + c * (numHidden + 1) + j;
  }

  /**
   * @param index a position in the parameter vector
   * @return true if that parameter multiplies a bias (x0 or a0)
   */
  public boolean isBias(int index) {
    if (index < betaOffset()) {
      return index < numHidden;
    }
    return (index - betaOffset()) % (numHidden + 1) == 0;
  }

  @Override
  public String toString() {
    return numInputs + " inputs, " + numHidden + " " + activation.optionName() + " hidden units, "
        + numOutputs + (numOutputs == 1 ? " sigmoid output" : " softmax outputs");
  }
}
