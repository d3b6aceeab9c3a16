package weka.classifiers.functions.backprop.kernel;

/**
 * The hidden-layer activation σ1, each written once with its derivative next to it (as Smile's
 * {@code ActivationFunction} has f and g side by side).
 *
 * <p>The derivatives are expressed through the activation's own output a = σ1(z), so the backward pass needs only
 * the stored activations:
 * <ul>
 *   <li>sigmoid: σ(z) = 1 / (1 + e<sup>−z</sup>), σ'(z) = a (1 − a)</li>
 *   <li>tanh: tanh(z) = sign(z) (1 − e) / (1 + e) with e = e<sup>−2|z|</sup>, tanh'(z) = 1 − a²</li>
 * </ul>
 * On a row of hidden units the forward pass applies σ1 through {@link ActivationKernels} (the scalar loops over
 * {@link #value}, or the same formulas in the JDK's Vector API), the backward pass multiplies δ1 by σ1'.
 */
public enum ActivationFunction {

  /** The logistic function. */
  SIGMOID {
    /**
     * σ(z) = 1 / (1 + e<sup>−z</sup>) without a branch: for z → −∞, e<sup>−z</sup> overflows to +∞ and the
     * quotient is 0, the correct limit; for finite z the result has the relative accuracy of exp. (A sign test
     * costs a mispredicted branch on about half of the hidden units.)
     */
    @Override
    public double value(double z) {
      return 1.0 / (1.0 + Math.exp(-z));
    }

    /** σ'(z) = a (1 − a). */
    @Override
    public double derivative(double a) {
      return a * (1.0 - a);
    }

    @Override
    void apply(ActivationKernels kernels, double[] z, int n, double[] work) {
      kernels.logistic(z, n);
    }

    @Override
    void multiplyByDerivative(double[] delta, double[] a, int n) {
      for (int l = 0; l < n; l++) {
        delta[l] *= derivative(a[l]);
      }
    }
  },

  /** The hyperbolic tangent. */
  TANH {
    /**
     * tanh(z) through one call of the intrinsic {@link Math#exp} ({@link Math#tanh} is not a HotSpot intrinsic
     * and costs about three times as much: ActivationBench): tanh(z) = sign(z) (1 − e) / (1 + e) with
     * e = e<sup>−2|z|</sup>, which never overflows. Below |z| = 2<sup>−13</sup> the series z − z³/3 keeps the
     * relative accuracy that the quotient would lose to cancellation. The absolute error is below 2e-16
     * everywhere; NaN stays NaN.
     */
    @Override
    public double value(double z) {
      double m = Math.abs(z);
      if (m < SERIES_BELOW) {
        return z - z * z * z / 3.0;
      }
      double e = Math.exp(-2.0 * m);
      return Math.copySign((1.0 - e) / (1.0 + e), z);
    }

    /** tanh'(z) = 1 − a². */
    @Override
    public double derivative(double a) {
      return 1.0 - a * a;
    }

    @Override
    void apply(ActivationKernels kernels, double[] z, int n, double[] work) {
      kernels.tanh(z, n, work);
    }

    @Override
    void multiplyByDerivative(double[] delta, double[] a, int n) {
      for (int l = 0; l < n; l++) {
        delta[l] *= derivative(a[l]);
      }
    }
  };

  /** Below this |z|, tanh(z) = z − z³/3 (the vector kernels use the same bound). */
  static final double SERIES_BELOW = 0x1p-13;

  /**
   * @param z a pre-activation
   * @return a = σ1(z)
   */
  public abstract double value(double z);

  /**
   * @param a an activation a = σ1(z)
   * @return σ1'(z), expressed through a
   */
  public abstract double derivative(double a);

  /**
   * z[l] ← σ1(z[l]) for l &lt; n.
   *
   * @param kernels the scalar or vector kernels
   * @param z pre-activations (modified: the activations)
   * @param n how many
   * @param work at least n values the kernels may overwrite
   */
  abstract void apply(ActivationKernels kernels, double[] z, int n, double[] work);

  /**
   * δ[l] ← δ[l] · σ1'(z_l), from the activations a[l], for l &lt; n.
   *
   * @param delta the back-propagated error (modified)
   * @param a the activations of the same row (not modified)
   * @param n how many
   */
  abstract void multiplyByDerivative(double[] delta, double[] a, int n);
}
