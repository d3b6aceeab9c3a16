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
    // the non-bias weights are runs of consecutive indices: Θ_{:,1:} after the g biases, then each β_{c,1:} after
    // its bias; visited in index order (the sum's order), without a bias test per index
    int g = shape.numHidden();
    double sumOfSquares = addDecay(params, g, shape.betaOffset(), lambda, gradient, 0.0);
    for (int c = 0; c < shape.numOutputs(); c++) {
      int from = shape.betaOffset() + c * (g + 1) + 1;
      sumOfSquares = addDecay(params, from, from + g, lambda, gradient, sumOfSquares);
    }
    return 0.5 * lambda * sumOfSquares;
  }

  /** gradient[i] += λ θ_i for i in from … to − 1; returns sum + Σ θ_i², added in index order. */
  private static double addDecay(double[] params, int from, int to, double lambda, double[] gradient, double sum) {
    for (int i = from; i < to; i++) {
      double w = params[i];
      sum += w * w;
      gradient[i] += lambda * w;
    }
    return sum;
  }
}
