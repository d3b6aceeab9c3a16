package weka.classifiers.functions.backprop.optim;

import java.util.Arrays;

/**
 * Gradient descent with momentum μ, classical or Nesterov's (in the form of Sutskever et al. 2013, as
 * scikit-learn writes it):
 * <pre>
 *   v ← μ v − η ∇J(θ)
 *   classical: θ ← θ + v
 *   Nesterov:  θ ← θ + μ v − η ∇J(θ)
 * </pre>
 * With μ = 0 both are plain gradient descent.
 */
public final class Momentum extends LearningRateOptimizer {

  private final double momentum;
  private final boolean nesterov;
  private final double[] velocity;

  /**
   * @param numParameters length of θ
   * @param learningRate η, finite and &gt; 0
   * @param momentum μ in [0, 1)
   * @param nesterov true for Nesterov's momentum
   */
  public Momentum(int numParameters, double learningRate, double momentum, boolean nesterov) {
    super(learningRate);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be a number in [0, 1), got " + momentum);
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.velocity = new double[numParameters];
  }

  @Override
  public void step(double[] params, double[] gradient) {
    double mu = momentum;
    double eta = learningRate;
    for (int i = 0; i < params.length; i++) {
      double g = gradient[i];
      double v = mu * velocity[i] - eta * g;
      velocity[i] = v;
      params[i] += nesterov ? mu * v - eta * g : v;
    }
  }

  @Override
  public void reset() {
    Arrays.fill(velocity, 0.0);
  }
}
