package weka.classifiers.functions.backprop.kernel;

import java.util.Arrays;

/**
 * The training objective over a block of rows: the sums from which the mean cross-entropy and its gradient follow,
 * as a pure function of θ and the rows.
 *
 * <p>For row k with weight s_k, class y_k and logits w = β a, the output function ({@link OutputFunction}) gives
 * the loss ℓ_k and the error term δ2 = p − y (y one-hot for the softmax), and J = Σ s_k ℓ_k / Σ s_k. In the
 * derivation's notation
 * <pre>
 *   ∂J/∂β_{c,j}  = (1/S) Σ_k s_k (p_kc − y_kc) a_kj
 *   ∂J/∂Θ_{l,i}  = (1/S) Σ_k s_k [Σ_c (p_kc − y_kc) β_{c,l}] σ1'(z_kl) x_ki
 * </pre>
 * The sums over rows are computed tile by tile in matrix form, for a tile of rows X_t:
 * <pre>
 *   A  = [1, σ1(X_t Θ)],  W = A βᵀ   the forward pass ({@link ForwardPass})
 *   D2 = diag(s) (P − Y)             the derivation's (p − y), weighted
 *   Gβ += D2ᵀ A
 *   D1 = (D2 β_{:,1:}) ⊙ σ1'(Z)      the derivation's temp = (p − y) β_l a_l (1 − a_l)
 *   GΘ += X_tᵀ D1                    the derivation's T_l * X, summed over rows
 * </pre>
 * δ1 and the partial gradient are held one array per row, as the forward pass holds Θ and β, and both gradient
 * products run over four rows at a time. The summation order is fixed by the row range alone, so the sums are a
 * deterministic function of (θ, rows).
 *
 * <p>Holds scratch buffers: one instance per thread (or chunk of rows), reused so that training allocates
 * nothing per epoch.
 */
public final class Objective {

  private final Layout layout;
  /** The forward pass whose buffers the backward pass reads. */
  final ForwardPass forward;
  private final ActivationFunction sigma1;
  /** δ1_r: TILE_ROWS × g. */
  private final double[][] delta;
  /** Partial gradient of Θ: (m + 1) × g. */
  private final double[][] gTheta;
  /** Partial gradient of β_{c,1:}: K × g. */
  private final double[][] gBeta;
  /** Partial gradient of β_{c,0}: K. */
  private final double[] gBetaBias;
  private double lossSum;
  private double weightSum;

  /**
   * @param layout the sizes and the layout of θ
   * @param sigma1 the hidden activation
   * @param kernels the kernels that apply σ1 (the network's: {@link ActivationKernels#SCALAR} or
   *        {@link ActivationKernels#vector()})
   */
  public Objective(Layout layout, ActivationFunction sigma1, ActivationKernels kernels) {
    this.layout = layout;
    this.forward = new ForwardPass(layout, sigma1, kernels);
    this.sigma1 = sigma1;
    int g = layout.numHidden();
    int k = layout.numOutputs();
    delta = new double[ForwardPass.TILE_ROWS][g];
    gTheta = new double[layout.rowWidth()][g];
    gBeta = new double[k][g];
    gBetaBias = new double[k];
  }

  /**
   * Adds the gradient sum of rows {@code from} … {@code to − 1} to {@code gradient}, G += Σ s_k ∇ℓ_k, and keeps
   * their loss and weight sums L = Σ s_k ℓ_k and S = Σ s_k for {@link #lossSum()} and {@link #weightSum()}.
   *
   * @param params θ in the {@link Layout}'s layout (not modified)
   * @param x row-major rows, each m + 1 wide with x0 = 1 (not modified)
   * @param y the class index of each row (not modified)
   * @param weights the weight s_k of each row, or null for all ones (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param gradient receives G, added in θ's layout (modified)
   */
  public void accumulate(double[] params, double[] x, int[] y, double[] weights, int from, int to,
      double[] gradient) {
    compute(params, x, y, weights, from, to);
    addGradientTo(gradient);
  }

  /**
   * Computes the sums of rows {@code from} … {@code to − 1} into this objective's partial gradient (added to a
   * gradient by {@link #addGradientTo}), and their loss and weight sums ({@link #lossSum()}, {@link #weightSum()}):
   * {@link #accumulate} in two steps, so that a caller can add partial sums in an order of its choosing.
   *
   * @param params θ in the {@link Layout}'s layout (not modified)
   * @param x row-major rows, each m + 1 wide with x0 = 1 (not modified)
   * @param y the class index of each row (not modified)
   * @param weights the weight s_k of each row, or null for all ones (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive
   */
  public void compute(double[] params, double[] x, int[] y, double[] weights, int from, int to) {
    forward.load(params);
    clearGradient();
    int k = layout.numOutputs();
    OutputFunction sigma2 = forward.sigma2;
    double[] out = forward.out;
    double loss = 0.0;
    double weight = 0.0;
    for (int start = from; start < to; start += ForwardPass.TILE_ROWS) {
      int rows = Math.min(ForwardPass.TILE_ROWS, to - start);
      forward.hidden(x, start, rows);
      forward.logits(rows);
      for (int r = 0; r < rows; r++) {
        double s = weights == null ? 1.0 : weights[start + r];
        loss += s * sigma2.lossAndError(out, r * k, k, y[start + r], s);
        weight += s;
      }
      backward(x, start, rows);
    }
    lossSum = loss;
    weightSum = weight;
  }

  /** @return L = Σ s_k ℓ_k of the rows of the last {@link #accumulate} */
  public double lossSum() {
    return lossSum;
  }

  /** @return S = Σ s_k of the rows of the last {@link #accumulate} */
  public double weightSum() {
    return weightSum;
  }

  /**
   * The backward pass for a tile: Gβ += D2ᵀ A, D1 = (D2 β_{:,1:}) ⊙ σ1'(Z), GΘ += X_tᵀ D1, into the partial
   * gradient. Both gradient products run over rows in groups of four: each gradient value is loaded and stored
   * once per four rows (gΘ_{i,:} += x_{r,i} δ1_r + x_{r+1,i} δ1_{r+1} + x_{r+2,i} δ1_{r+2} + x_{r+3,i} δ1_{r+3}).
   *
   * @param x row-major data with the bias column
   * @param firstRow the tile's first row in x
   * @param rows number of rows in the tile; the forward pass holds their activations and D2
   */
  void backward(double[] x, int firstRow, int rows) {
    int d = forward.numInputs + 1;
    int g = forward.numHidden;
    int k = forward.numOutputs;
    double[][] a = forward.a;
    double[] d2 = forward.out;
    double[][] d1 = delta;
    // Gβ += D2ᵀ A: gβ_{c,:} += Σ_r δ2_{r,c} a_r, gβ_{c,0} += Σ_r δ2_{r,c}
    for (int c = 0; c < k; c++) {
      double[] gc = gBeta[c];
      double biasSum = 0.0;
      int r = 0;
      for (; r + 3 < rows; r += 4) {
        double e0 = d2[r * k + c];
        double e1 = d2[(r + 1) * k + c];
        double e2 = d2[(r + 2) * k + c];
        double e3 = d2[(r + 3) * k + c];
        double[] a0 = a[r];
        double[] a1 = a[r + 1];
        double[] a2 = a[r + 2];
        double[] a3 = a[r + 3];
        for (int l = 0; l < g; l++) {
          gc[l] += e0 * a0[l] + e1 * a1[l] + e2 * a2[l] + e3 * a3[l];
        }
        biasSum += e0 + e1 + e2 + e3;
      }
      for (; r < rows; r++) {
        double e = d2[r * k + c];
        double[] ar = a[r];
        for (int l = 0; l < g; l++) {
          gc[l] += e * ar[l];
        }
        biasSum += e;
      }
      gBetaBias[c] += biasSum;
    }
    // D1 = (D2 β_{:,1:}) ⊙ σ1'(Z), σ1' from the activations: a (1 − a) or 1 − a²
    double[] b0 = forward.beta[0];
    for (int r = 0; r < rows; r++) {
      double[] ar = a[r];
      double[] dr = d1[r];
      double e = d2[r * k];
      for (int l = 0; l < g; l++) {
        dr[l] = e * b0[l];
      }
      for (int c = 1; c < k; c++) {
        double ec = d2[r * k + c];
        double[] bc = forward.beta[c];
        for (int l = 0; l < g; l++) {
          dr[l] += ec * bc[l];
        }
      }
      sigma1.multiplyByDerivative(dr, ar, g);
    }
    // GΘ += X_tᵀ D1: gΘ_{i,:} += Σ_r x_{r,i} δ1_r
    double[][] gTheta = this.gTheta;
    int r = 0;
    for (; r + 3 < rows; r += 4) {
      int xo0 = (firstRow + r) * d;
      int xo1 = xo0 + d;
      int xo2 = xo1 + d;
      int xo3 = xo2 + d;
      double[] e0 = d1[r];
      double[] e1 = d1[r + 1];
      double[] e2 = d1[r + 2];
      double[] e3 = d1[r + 3];
      for (int i = 0; i < d; i++) {
        double x0 = x[xo0 + i];
        double x1 = x[xo1 + i];
        double x2 = x[xo2 + i];
        double x3 = x[xo3 + i];
        double[] gi = gTheta[i];
        for (int l = 0; l < g; l++) {
          gi[l] += x0 * e0[l] + x1 * e1[l] + x2 * e2[l] + x3 * e3[l];
        }
      }
    }
    for (; r < rows; r++) {
      int xo = (firstRow + r) * d;
      double[] er = d1[r];
      for (int i = 0; i < d; i++) {
        double xi = x[xo + i];
        double[] gi = gTheta[i];
        for (int l = 0; l < g; l++) {
          gi[l] += xi * er[l];
        }
      }
    }
  }

  /** Sets the partial gradient to zero. */
  private void clearGradient() {
    for (double[] row : gTheta) {
      Arrays.fill(row, 0.0);
    }
    for (double[] row : gBeta) {
      Arrays.fill(row, 0.0);
    }
    Arrays.fill(gBetaBias, 0.0);
  }

  /**
   * gradient += the partial gradient of the last {@link #compute}, in θ's layout.
   *
   * @param gradient a gradient in θ's layout (modified)
   */
  public void addGradientTo(double[] gradient) {
    int g = layout.numHidden();
    for (int i = 0; i < gTheta.length; i++) {
      double[] gi = gTheta[i];
      int to = layout.thetaIndex(i, 0);
      for (int l = 0; l < g; l++) {
        gradient[to + l] += gi[l];
      }
    }
    for (int c = 0; c < layout.numOutputs(); c++) {
      gradient[layout.betaIndex(c, 0)] += gBetaBias[c];
      double[] gc = gBeta[c];
      int co = layout.betaIndex(c, 1);
      for (int l = 0; l < g; l++) {
        gradient[co + l] += gc[l];
      }
    }
  }
}
