package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;

/**
 * The L2 penalty on the non-bias weights, added once to the mean data loss:
 * <pre>
 *   J(θ) = (1/S) Σ_k s_k ℓ_k + (λ/2) Σ_{w not a bias} w²,    ∂/∂w of the penalty = λ w
 * </pre>
 * It does not depend on the number of rows or on the batch size.
 */
final class WeightDecay {

  private WeightDecay() {
  }

  /**
   * Adds λw to the gradient of every non-bias weight and returns the penalty.
   *
   * @param shape the parameter layout (which entries are biases)
   * @param params θ (not modified)
   * @param lambda λ ≥ 0
   * @param gradient the mean data gradient (modified: λw added)
   * @return (λ/2) Σ w², 0 when λ = 0
   */
  static double apply(NetworkShape shape, double[] params, double lambda, double[] gradient) {
    if (lambda == 0.0) {
      return 0.0;
    }
    double sumOfSquares = 0.0;
    for (int i = 0; i < params.length; i++) {
      if (!shape.isBias(i)) {
        double w = params[i];
        sumOfSquares += w * w;
        gradient[i] += lambda * w;
      }
    }
    return 0.5 * lambda * sumOfSquares;
  }
}
