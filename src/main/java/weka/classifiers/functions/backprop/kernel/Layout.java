package weka.classifiers.functions.backprop.kernel;

/**
 * The sizes of the one-hidden-layer network and the layout of its flat parameter vector θ: all the kernel knows
 * of a network besides its activation.
 *
 * <p>With m inputs, g hidden units and K outputs (K = 1: one sigmoid output for two classes, or one linear output
 * for a numeric target; K &ge; 3: softmax):
 * <pre>
 *   z_l = Σ_i Θ_{l,i} x_i,  a = (1, σ1(z)),  w_c = Σ_j β_{c,j} a_j,  p = σ2(w)
 * </pre>
 * θ holds
 * <ul>
 *   <li>Θ first, input-major: Θ_{l,i} at {@code thetaIndex(i, l) = i·g + l}, i = 0 … m (i = 0 is the bias), so
 *       that the loops over hidden units run over contiguous memory;</li>
 *   <li>then β, output-major: β_{c,j} at {@code betaIndex(c, j) = (m+1)·g + c·(g+1) + j}, j = 0 … g (j = 0 is
 *       the bias).</li>
 * </ul>
 */
public final class Layout {

  private final int numInputs;
  private final int numHidden;
  private final int numOutputs;
  private final boolean linearOutput;

  /**
   * The layout of a classification network: a sigmoid output for K = 1, softmax outputs for K &ge; 3.
   *
   * @param numInputs m, the number of inputs without the bias (&ge; 0)
   * @param numHidden g, the number of hidden units (&ge; 1)
   * @param numOutputs K: 1 for a sigmoid output (two classes), &ge; 3 for a softmax output
   * @throws IllegalArgumentException for sizes outside these ranges, or more parameters than an array holds
   */
  public Layout(int numInputs, int numHidden, int numOutputs) {
    this(numInputs, numHidden, numOutputs, false);
  }

  /**
   * @param numInputs m, the number of inputs without the bias (&ge; 0)
   * @param numHidden g, the number of hidden units (&ge; 1)
   * @param numOutputs K: 1 for a sigmoid or linear output, &ge; 3 for a softmax output
   * @param linearOutput true for one linear output p = w (a numeric target), which needs K = 1
   * @throws IllegalArgumentException for sizes outside these ranges, or more parameters than an array holds
   */
  public Layout(int numInputs, int numHidden, int numOutputs, boolean linearOutput) {
    if (linearOutput && numOutputs != 1) {
      throw new IllegalArgumentException("a linear output is one output, got " + numOutputs);
    }
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
    long count = (long) (numInputs + 1) * numHidden + (long) numOutputs * (numHidden + 1);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("network too large: " + count + " parameters");
    }
    this.numInputs = numInputs;
    this.numHidden = numHidden;
    this.numOutputs = numOutputs;
    this.linearOutput = linearOutput;
  }

  /** @return true for one linear output p = w (a numeric target), false for a sigmoid or softmax output */
  public boolean linearOutput() {
    return linearOutput;
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

  /** @return the offset of β in θ, (m + 1)·g */
  public int betaOffset() {
    return (numInputs + 1) * numHidden;
  }

  /** @return the length of θ, (m + 1)·g + K·(g + 1) */
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
   * @param index a position in θ
   * @return true if that parameter multiplies a bias (x0 or a0)
   */
  public boolean isBias(int index) {
    if (index < betaOffset()) {
      return index < numHidden;
    }
    return (index - betaOffset()) % (numHidden + 1) == 0;
  }
}
