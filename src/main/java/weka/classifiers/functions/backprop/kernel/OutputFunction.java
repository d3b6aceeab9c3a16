package weka.classifiers.functions.backprop.kernel;

/**
 * The output σ2 with, side by side, what prediction needs of it (the class probabilities p = σ2(w), or the
 * predicted number) and what training needs (the row's loss ℓ and the error term δ2 = p − y), both from the
 * logits w:
 * <pre>
 *   sigmoid, K = 1:  p = σ(w),                    ℓ = softplus(w) − y w,          δ2 = σ(w) − y
 *   softmax, K ≥ 3:  p_c = e^{w_c} / Σ_d e^{w_d},  ℓ = log Σ_d e^{w_d} − w_y,     δ2_c = p_c − [c = y]
 *   linear,  K = 1:  p = w,                       ℓ = ½ (w − t)²,                 δ2 = w − t
 * </pre>
 * The linear output predicts a numeric target t (standardized by the caller); its squared error pairs with it as the
 * cross-entropy pairs with the sigmoid and the softmax, so the error term is again p − y and the backward pass is
 * the same for all three.
 * Smile's {@code OutputFunction.SOFTMAX} notes the same pairing with the cross-entropy: the gradient is just
 * p − y. The logs are never taken of a probability: softplus(w) = max(w, 0) + log1p(e<sup>−|w|</sup>) and the
 * softmax subtracts the largest logit first, so neither overflows and no probability needs clamping.
 *
 * <p>The probabilities and the error term round differently, as they always have (saved models and training
 * runs stay bit-identical): the sigmoid's two probabilities are σ(±w) in the form whose exponent is never
 * positive (so that 1 − p is not rounded to 0), its error term uses σ1's branch-free form; the softmax
 * probabilities divide by the sum, its error term multiplies by the sum's inverse.
 */
enum OutputFunction {

  /** One output for two classes: p(class 1) = σ(w). */
  SIGMOID {
    @Override
    int numProbabilities(int k) {
      return 2;
    }

    @Override
    void probabilities(double[] w, int from, int k, double[] p, int to) {
      p[to] = probability(-w[from]);
      p[to + 1] = probability(w[from]);
    }

    @Override
    void error(double[] out, int at, int y, double t, double s) {
      out[at] = s * (ActivationFunction.SIGMOID.value(out[at]) - (y == 1 ? 1.0 : 0.0));
    }

    @Override
    double loss(double w, int y, double t) {
      return softplus(w) - (y == 1 ? 1.0 : 0.0) * w;
    }
  },

  /** One output per class. */
  SOFTMAX {
    @Override
    int numProbabilities(int k) {
      return k;
    }

    @Override
    void probabilities(double[] w, int from, int k, double[] p, int to) {
      double sum = exponentials(w, from, k, max(w, from, k), p, to);
      for (int c = 0; c < k; c++) {
        p[to + c] /= sum;
      }
    }

    @Override
    double lossAndError(double[] out, int from, int k, int y, double t, double s) {
      double max = max(out, from, k);
      double wy = out[from + y];
      double sum = exponentials(out, from, k, max, out, from);
      double inverse = 1.0 / sum;
      for (int c = 0; c < k; c++) {
        out[from + c] = s * (out[from + c] * inverse - (c == y ? 1.0 : 0.0));
      }
      return Math.log(sum) + max - wy;
    }
  },

  /** One output for a numeric target: p = w. */
  LINEAR {
    @Override
    int numProbabilities(int k) {
      return 1;
    }

    @Override
    void probabilities(double[] w, int from, int k, double[] p, int to) {
      p[to] = w[from];
    }

    @Override
    void error(double[] out, int at, int y, double t, double s) {
      out[at] = s * (out[at] - t);
    }

    @Override
    double loss(double w, int y, double t) {
      double e = w - t;
      return 0.5 * e * e;
    }
  };

  /**
   * @param layout the network's sizes and output
   * @return the output of the layout: linear if it says so, else the sigmoid for K = 1 and the softmax otherwise
   */
  static OutputFunction of(Layout layout) {
    if (layout.linearOutput()) {
      return LINEAR;
    }
    return layout.numOutputs() == 1 ? SIGMOID : SOFTMAX;
  }

  /**
   * @param k K
   * @return the number of values predicted: 2 class probabilities for the sigmoid, K for the softmax, 1 for the
   *     linear output
   */
  abstract int numProbabilities(int k);

  /**
   * p = σ2(w) for one row (the class probabilities, or the linear output's prediction).
   *
   * @param w logits; the row's K values start at {@code from} (not modified, unless p is w)
   * @param from the row's first logit
   * @param k K
   * @param p receives {@link #numProbabilities} probabilities from {@code to} on, summing to 1 (modified)
   * @param to where the row's probabilities start
   */
  abstract void probabilities(double[] w, int from, int k, double[] p, int to);

  /**
   * Turns one row's logits into the weighted error term δ2 = s (p − y) in place and returns ℓ.
   *
   * @param out logits; the row's K values from {@code from} on are replaced by s (p − y) (modified)
   * @param from the row's first logit
   * @param k K
   * @param y class index of the row (read by the sigmoid and the softmax)
   * @param t the row's numeric target (read by the linear output)
   * @param s weight of the row
   * @return ℓ, the row's cross-entropy or half squared error (not multiplied by s)
   */
  double lossAndError(double[] out, int from, int k, int y, double t, double s) {
    double w = out[from]; // one output (the sigmoid, the linear output): its two halves; the softmax overrides this
    error(out, from, y, t, s);
    return loss(w, y, t);
  }

  /**
   * The two halves of {@link #lossAndError} for an output function of one output (the sigmoid, the linear output),
   * each computed exactly as there: the error term, written in place of the logit ...
   *
   * @param out logits; the one at {@code at} is replaced by s (p − y) (modified)
   * @param at the row's logit
   * @param y class index of the row (read by the sigmoid)
   * @param t the row's numeric target (read by the linear output)
   * @param s weight of the row
   * @throws UnsupportedOperationException for the softmax, whose loss and error share their sum
   */
  void error(double[] out, int at, int y, double t, double s) {
    throw new UnsupportedOperationException("the softmax computes its loss and error together");
  }

  /**
   * ... and the loss, from the logit.
   *
   * @param w the row's logit
   * @param y class index of the row (read by the sigmoid)
   * @param t the row's numeric target (read by the linear output)
   * @return ℓ (not multiplied by the row's weight)
   * @throws UnsupportedOperationException for the softmax
   */
  double loss(double w, int y, double t) {
    throw new UnsupportedOperationException("the softmax computes its loss and error together");
  }

  /**
   * The logistic function without overflow: for z &ge; 0 it computes 1 / (1 + e<sup>−z</sup>), for z &lt; 0 the
   * equal form e<sup>z</sup> / (1 + e<sup>z</sup>), so the exponent is never positive.
   *
   * @param z any finite or infinite value
   * @return σ(z) in [0, 1]
   */
  static double probability(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /**
   * softplus(w) = log(1 + e<sup>w</sup>) = max(w, 0) + log1p(e<sup>−|w|</sup>), which never overflows.
   *
   * @param w a logit
   * @return log(1 + e<sup>w</sup>)
   */
  static double softplus(double w) {
    return Math.max(w, 0.0) + Math.log1p(Math.exp(-Math.abs(w)));
  }

  /** @return max_c w_c of the K logits from {@code from} on */
  private static double max(double[] w, int from, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, w[from + c]);
    }
    return max;
  }

  /**
   * e_c = e^{w_c − max} for the K logits from {@code from} on, into e from {@code to} on (e may be w itself).
   *
   * @return Σ_c e_c
   */
  private static double exponentials(double[] w, int from, int k, double max, double[] e, int to) {
    double sum = 0.0;
    for (int c = 0; c < k; c++) {
      double ec = Math.exp(w[from + c] - max);
      e[to + c] = ec;
      sum += ec;
    }
    return sum;
  }
}
