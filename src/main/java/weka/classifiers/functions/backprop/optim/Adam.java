package weka.classifiers.functions.backprop.optim;

import java.util.Arrays;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015):
 * <pre>
 *   t ← t + 1
 *   m ← β1 m + (1 − β1) g
 *   v ← β2 v + (1 − β2) g²
 *   θ ← θ − η · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)
 * </pre>
 * with the paper's constants β1 = 0.9, β2 = 0.999, ε = 1e-8.
 */
public final class Adam extends LearningRateOptimizer {

  /** Decay of the first-moment estimate. */
  public static final double BETA1 = 0.9;
  /** Decay of the second-moment estimate. */
  public static final double BETA2 = 0.999;
  /** Added to the root of the second moment so that no step divides by zero. */
  public static final double EPSILON = 1e-8;

  private final double[] m;
  private final double[] v;
  private double beta1Power = 1.0;
  private double beta2Power = 1.0;

  /**
   * @param numParameters length of θ
   * @param learningRate η, finite and &gt; 0
   */
  public Adam(int numParameters, double learningRate) {
    super(learningRate);
    this.m = new double[numParameters];
    this.v = new double[numParameters];
  }

  @Override
  public void step(double[] params, double[] gradient) {
    beta1Power *= BETA1;
    beta2Power *= BETA2;
    double stepSize = learningRate / (1.0 - beta1Power);
    double secondCorrection = 1.0 / (1.0 - beta2Power);
    for (int i = 0; i < params.length; i++) {
      double g = gradient[i];
      double mi = BETA1 * m[i] + (1.0 - BETA1) * g;
      double vi = BETA2 * v[i] + (1.0 - BETA2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= stepSize * mi / (Math.sqrt(vi * secondCorrection) + EPSILON);
    }
  }

  @Override
  public void reset() {
    Arrays.fill(m, 0.0);
    Arrays.fill(v, 0.0);
    beta1Power = 1.0;
    beta2Power = 1.0;
  }
}
