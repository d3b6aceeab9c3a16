package weka.classifiers.functions.backprop;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

import weka.classifiers.functions.backprop.kernel.Layout;

/**
 * The architecture of the one-hidden-layer network, as models save it: m inputs, g hidden units with activation
 * σ1, and K outputs (K = 1 for two classes or a numeric target, the number of classes otherwise):
 * <pre>
 *   x = (x0 = 1, x1 … xm)            inputs with the bias x0 = 1
 *   z_l = Σ_i Θ_{l,i} x_i            l = 1 … g
 *   a = (a0 = 1, σ1(z_1) … σ1(z_g))  hidden activations with the bias a0 = 1
 *   w_c = Σ_j β_{c,j} a_j            c = 1 … K
 *   p = σ2(w)                        sigmoid for K = 1, softmax for K &gt; 1; p = w for a linear output
 * </pre>
 * A network with a linear output (regression, {@link #linearOutput()}) predicts one number, on the scale of the
 * targets it was trained on (standardized ones, as the Weka classifier trains it).
 * All parameters live in one {@code double[]} so that optimizers see a single vector; its layout is the kernel's
 * {@link Layout} ({@link #layout()}), which the index methods here pass on.
 */
public final class NetworkShape implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numInputs;
  private final int numHidden;
  private final int numOutputs;
  private final Activation activation;
  /** The activation kernels; null in models saved before they were recorded (scalar: {@link #kernels()}). */
  private final Kernels kernels;
  /** True for one linear output (a numeric target); false in models saved before regression existed. */
  private final boolean linearOutput;
  /** The kernel's view of the sizes, made again after loading (the fields above are what a model saves). */
  private transient Layout layout;

  /**
   * @param numInputs m, the number of inputs without the bias (≥ 0)
   * @param numHidden g, the number of hidden units (≥ 1)
   * @param numOutputs K: 1 for a sigmoid output (two classes), ≥ 3 for a softmax output
   * @param activation σ1
   */
  public NetworkShape(int numInputs, int numHidden, int numOutputs, Activation activation) {
    this(numInputs, numHidden, numOutputs, activation, Kernels.SCALAR);
  }

  /**
   * @param numInputs m, the number of inputs without the bias (≥ 0)
   * @param numHidden g, the number of hidden units (≥ 1)
   * @param numOutputs K: 1 for a sigmoid output (two classes), ≥ 3 for a softmax output
   * @param activation σ1
   * @param kernels the activation kernels every computation of this network uses
   */
  public NetworkShape(int numInputs, int numHidden, int numOutputs, Activation activation, Kernels kernels) {
    this(numInputs, numHidden, numOutputs, activation, kernels, false);
  }

  /**
   * The shape of a network for {@code numClasses} prediction values: a sigmoid output for two classes, softmax
   * outputs for more, and one linear output for 1 (a numeric target, as {@code DataMatrix} counts it).
   *
   * @param numInputs m
   * @param numHidden g
   * @param numClasses the number of class values, or 1 for a numeric target
   * @param activation σ1
   * @param kernels the activation kernels
   * @return the shape
   */
  public static NetworkShape forClasses(int numInputs, int numHidden, int numClasses, Activation activation,
      Kernels kernels) {
    return numClasses == 1 ? new NetworkShape(numInputs, numHidden, 1, activation, kernels, true)
        : new NetworkShape(numInputs, numHidden, outputsForClasses(numClasses), activation, kernels, false);
  }

  private NetworkShape(int numInputs, int numHidden, int numOutputs, Activation activation, Kernels kernels,
      boolean linearOutput) {
    Layout checked = new Layout(numInputs, numHidden, numOutputs, linearOutput);
    if (activation == null) {
      throw new IllegalArgumentException("activation must not be null");
    }
    if (kernels == null) {
      throw new IllegalArgumentException("kernels must not be null");
    }
    this.numInputs = numInputs;
    this.numHidden = numHidden;
    this.numOutputs = numOutputs;
    this.activation = activation;
    this.kernels = kernels;
    this.linearOutput = linearOutput;
    this.layout = checked;
  }

  /** A loaded shape is checked as a new one is: sizes in range, an activation. */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      layout = new Layout(numInputs, numHidden, numOutputs, linearOutput);
    } catch (IllegalArgumentException e) {
      throw new InvalidObjectException("the network's shape: " + e.getMessage());
    }
    if (activation == null) {
      throw new InvalidObjectException("the network's shape has no activation");
    }
  }

  /**
   * @param numClasses number of class values (≥ 2), or 1 for a numeric target
   * @return 1 for two classes (one sigmoid output) or a numeric target (one linear output), otherwise
   *     {@code numClasses} (softmax)
   */
  public static int outputsForClasses(int numClasses) {
    if (numClasses == 1) {
      return 1; // a numeric target: one linear output
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + numClasses);
    }
    return numClasses == 2 ? 1 : numClasses;
  }

  /** @return the sizes and the layout of the parameter vector, as the kernel takes them */
  public Layout layout() {
    Layout known = layout;
    if (known == null) {
      known = new Layout(numInputs, numHidden, numOutputs, linearOutput);
      layout = known; // immutable: a second copy made by a racing thread is equal
    }
    return known;
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

  /**
   * @return the number of values a prediction has: the classes the outputs describe (2 for one sigmoid output), or
   *     1 for a linear output
   */
  public int numClasses() {
    if (linearOutput) {
      return 1;
    }
    return numOutputs == 1 ? 2 : numOutputs;
  }

  /** @return true for one linear output p = w (a numeric target) */
  public boolean linearOutput() {
    return linearOutput;
  }

  /** @return σ1 */
  public Activation activation() {
    return activation;
  }

  /** @return the activation kernels (scalar for a model saved before they were recorded) */
  public Kernels kernels() {
    return kernels == null ? Kernels.SCALAR : kernels;
  }

  /** @return the offset of β in the parameter vector, (m + 1)·g */
  public int betaOffset() {
    return layout().betaOffset();
  }

  /** @return the length of the parameter vector */
  public int numParameters() {
    return layout().numParameters();
  }

  /**
   * @param i input index, 0 = bias
   * @param l hidden unit index, 0-based (unit l + 1 of the derivation)
   * @return the position of Θ_{l,i}
   */
  public int thetaIndex(int i, int l) {
    return layout().thetaIndex(i, l);
  }

  /**
   * @param c output index
   * @param j hidden activation index, 0 = bias
   * @return the position of β_{c,j}
   */
  public int betaIndex(int c, int j) {
    return layout().betaIndex(c, j);
  }

  /**
   * @param index a position in the parameter vector
   * @return true if that parameter multiplies a bias (x0 or a0)
   */
  public boolean isBias(int index) {
    return layout().isBias(index);
  }

  @Override
  public String toString() {
    return numInputs + " inputs, " + numHidden + " " + activation.optionName() + " hidden units, "
        + numOutputs + (linearOutput ? " linear output" : numOutputs == 1 ? " sigmoid output" : " softmax outputs");
  }
}
