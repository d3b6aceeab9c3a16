package weka.classifiers.functions.backprop.kernel;

import java.util.Arrays;

/**
 * The training objective over a block of rows: the sums from which the mean cross-entropy (or, for a numeric target,
 * the mean half squared error) and its gradient follow, as a pure function of θ and the rows.
 *
 * <p>For row k with weight s_k, class y_k (or numeric target t_k) and logits w = β a, the output function
 * ({@link OutputFunction}) gives the loss ℓ_k and the error term δ2 = p − y (y one-hot for the softmax, y = t for
 * the linear output), and J = Σ s_k ℓ_k / Σ s_k. In the
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
 * Like the forward pass, A and D1 are held transposed (one array per hidden unit over the tile's rows), so D1 is
 * computed with vector loops over rows. The two reductions over rows run as follows, each in an order fixed by the
 * rows alone:
 * <ul>
 *   <li>Gβ (K·g sums per tile, a small part of the work): for each β_{c,l} the tile's rows in four interleaved
 *       partial sums (rows r ≡ 0, 1, 2, 3 mod 4), added as ((s0 + s1) + (s2 + s3));</li>
 *   <li>GΘ: one array per hidden unit over the inputs (GΘᵀ), so that the inner loop runs over the m + 1 inputs of a
 *       row of the row-major data; four hidden units from two rows per pass:
 *       gΘ_{l,i} += x_{r,i} δ1_l[r] + x_{r+1,i} δ1_l[r+1] for the row pairs of the tile, then the last row alone
 *       when the tile has an odd number of rows (the rows as packed by the forward pass, padded with zeros).</li>
 * </ul>
 * The rows of a block are either consecutive or listed by index (a shuffled mini-batch); either way they are read
 * once, into the tile buffers of the forward pass: a mini-batch is never gathered into a copy of its own.
 *
 * <p>A block's sums are computed in two steps, {@link #compute} and then {@link #addGradientTo}, so that a caller
 * computing blocks on several threads can add their partial gradients to a total in an order of its choosing (the
 * block order); {@link #accumulate} does both.
 *
 * <p>Holds scratch buffers ({@link #bufferValues}: about two arrays the size of θ, the copy of θ the forward pass
 * reads and the partial gradient, and tiles of rows: the inputs twice, the activations and δ1): one instance per
 * thread, reused so that training allocates nothing per epoch.
 */
public final class Objective {

  private final Layout layout;
  /** The forward pass whose buffers the backward pass reads. */
  final ForwardPass forward;
  private final ActivationFunction sigma1;
  /** δ1 over the tile's rows: g × TILE_ROWS. */
  private final double[][] delta;
  /** δ2 of each output over the tile's rows: K × TILE_ROWS (K = 1: the forward pass's logits, turned into δ2). */
  private final double[][] errors;
  /** Partial gradient of Θ, transposed: g × (m + 1), each row padded as the forward pass pads a data row. */
  private final double[][] gThetaT;
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
    delta = new double[g][ForwardPass.TILE_ROWS];
    // one sigmoid output: δ2 is the forward pass's output array itself
    errors = k == 1 ? new double[][] {forward.out} : new double[k][ForwardPass.TILE_ROWS];
    gThetaT = new double[g][forward.paddedWidth];
    gBeta = new double[k][g];
    gBetaBias = new double[k];
  }

  /**
   * The doubles an objective holds: its forward pass's ({@link ForwardPass#bufferValues}), δ1 and δ2 over a tile,
   * and the partial gradient (GΘᵀ with padded rows, β's); for the memory estimate of a training run.
   *
   * @param numInputs m
   * @param numHidden g
   * @param numOutputs K
   * @return the number of doubles
   */
  public static long bufferValues(long numInputs, long numHidden, long numOutputs) {
    long t = ForwardPass.TILE_ROWS;
    long errors = numOutputs == 1 ? 0 : numOutputs * t;
    return ForwardPass.bufferValues(numInputs, numHidden, numOutputs) + numHidden * t + errors
        + numHidden * ForwardPass.paddedWidth(numInputs + 1) + numOutputs * numHidden + numOutputs;
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
    compute(params, x, y, null, weights, null, from, to);
    addGradientTo(gradient);
  }

  /**
   * {@link #accumulate(double[], double[], int[], double[], int, int, double[])} for rows with a numeric target (a
   * network with a linear output).
   *
   * @param params θ (not modified)
   * @param x row-major rows, each m + 1 wide with x0 = 1 (not modified)
   * @param t the numeric target of each row (not modified)
   * @param weights the weight s_k of each row, or null for all ones (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param gradient receives G, added in θ's layout (modified)
   */
  public void accumulateNumeric(double[] params, double[] x, double[] t, double[] weights, int from, int to,
      double[] gradient) {
    compute(params, x, null, t, weights, null, from, to);
    addGradientTo(gradient);
  }

  /**
   * The sums of rows with class labels: {@link #compute(double[], double[], int[], double[], double[], int[], int,
   * int)} without numeric targets.
   */
  public void compute(double[] params, double[] x, int[] y, double[] weights, int[] rowIndex, int from, int to) {
    compute(params, x, y, null, weights, rowIndex, from, to);
  }

  /**
   * Computes the sums of the rows {@code rowIndex[from]} … {@code rowIndex[to − 1]} (e.g. a shuffled mini-batch,
   * read in place), or of rows {@code from} … {@code to − 1} when rowIndex is null, into this objective's partial
   * gradient (added to a gradient by {@link #addGradientTo}), with their loss and weight sums ({@link #lossSum()},
   * {@link #weightSum()}).
   *
   * @param params θ in the {@link Layout}'s layout (not modified)
   * @param x row-major rows, each m + 1 wide with x0 = 1 (not modified)
   * @param y the class index of each row, or null for a numeric target (not modified)
   * @param t the numeric target of each row for a linear output, or null for class labels (not modified)
   * @param weights the weight s_k of each row, or null for all ones (not modified)
   * @param rowIndex row indices, or null for the rows from … to − 1 themselves (not modified)
   * @param from first position, inclusive
   * @param to last position, exclusive
   */
  public void compute(double[] params, double[] x, int[] y, double[] t, double[] weights, int[] rowIndex, int from,
      int to) {
    begin(params);
    for (int start = from; start < to; start += ForwardPass.TILE_ROWS) {
      int rows = Math.min(ForwardPass.TILE_ROWS, to - start);
      forward.pack(x, rowIndex, start, rows);
      forward.hidden(rows);
      forward.logits(rows);
      lossAndErrors(rows, y, t, weights, rowIndex, start);
      backward(rows);
    }
  }

  /** Starts the sums of a block: θ loaded, the partial gradient and the loss and weight sums set to zero. */
  void begin(double[] params) {
    begin(params, 0, layout.numHidden());
  }

  /**
   * {@link #begin(double[])} for the sums of hidden units {@code unitFrom} … {@code unitTo − 1} only (and β's): their
   * rows of Θ loaded and of the partial gradient cleared.
   *
   * @param params θ (not modified)
   * @param unitFrom first hidden unit, inclusive
   * @param unitTo last hidden unit, exclusive
   */
  void begin(double[] params, int unitFrom, int unitTo) {
    forward.load(params, unitFrom, unitTo);
    for (int l = unitFrom; l < unitTo; l++) {
      Arrays.fill(gThetaT[l], 0.0);
    }
    for (double[] row : gBeta) {
      Arrays.fill(row, 0.0);
    }
    Arrays.fill(gBetaBias, 0.0);
    lossSum = 0.0;
    weightSum = 0.0;
  }

  /**
   * Turns the tile's logits into δ2 = s (p − y) and adds the rows' weighted losses and weights to the sums
   * (row after row).
   *
   * @param rows number of rows in the tile
   * @param y the class indices, or null (not modified)
   * @param t the numeric targets, or null (not modified)
   * @param weights the row weights, or null for all ones (not modified)
   * @param rowIndex row indices, or null (not modified)
   * @param start the tile's first position
   */
  void lossAndErrors(int rows, int[] y, double[] t, double[] weights, int[] rowIndex, int start) {
    int k = layout.numOutputs();
    OutputFunction sigma2 = forward.sigma2;
    double[] out = forward.out;
    double loss = lossSum;
    double weight = weightSum;
    for (int r = 0; r < rows; r++) {
      int row = rowIndex == null ? start + r : rowIndex[start + r];
      double s = weights == null ? 1.0 : weights[row];
      loss += s * sigma2.lossAndError(out, r * k, k, y == null ? 0 : y[row], t == null ? 0.0 : t[row], s);
      weight += s;
    }
    lossSum = loss;
    weightSum = weight;
    if (k > 1) {
      double[][] e = errors;
      for (int c = 0; c < k; c++) {
        double[] ec = e[c];
        for (int r = 0; r < rows; r++) {
          ec[r] = out[r * k + c];
        }
      }
    }
  }

  /** @return L = Σ s_k ℓ_k of the rows of the last {@link #compute} */
  public double lossSum() {
    return lossSum;
  }

  /** @return S = Σ s_k of the rows of the last {@link #compute} */
  public double weightSum() {
    return weightSum;
  }

  /**
   * The backward pass for the packed tile: Gβ += D2ᵀ A, D1 = (D2 β_{:,1:}) ⊙ σ1'(Z), GΘ += X_tᵀ D1, into the
   * partial gradient (in the orders of the class comment).
   *
   * @param rows number of rows in the tile; the forward pass holds their rows, activations and D2
   */
  void backward(int rows) {
    backward(rows, 0, forward.numHidden, errors, true);
  }

  /**
   * The backward pass of hidden units {@code unitFrom} … {@code unitTo − 1}: their columns of Gβ (and β's bias
   * column if asked), their δ1 and their rows of GΘ, each unit by the same operations whatever the range.
   *
   * @param rows number of rows in the tile
   * @param unitFrom first hidden unit, inclusive
   * @param unitTo last hidden unit, exclusive
   * @param e δ2 of each output over the tile's rows (this objective's, or the one that computed the logits)
   * @param bias true to add the bias column of Gβ, Σ_r δ2_c[r]
   */
  void backward(int rows, int unitFrom, int unitTo, double[][] e, boolean bias) {
    int k = forward.numOutputs;
    double[][] a = forward.a;
    double[][] beta = forward.beta;
    // Gβ += D2ᵀ A: gβ_{c,l} += Σ_r δ2_c[r] a_l[r], gβ_{c,0} += Σ_r δ2_c[r]
    for (int c = 0; c < k; c++) {
      double[] ec = e[c];
      double[] gc = gBeta[c];
      for (int l = unitFrom; l < unitTo; l++) {
        gc[l] += dot(ec, a[l], rows);
      }
      if (bias) {
        gBetaBias[c] += sum(ec, rows);
      }
    }
    // D1 = (D2 β_{:,1:}) ⊙ σ1'(Z), σ1' from the activations: a (1 − a) or 1 − a²
    for (int l = unitFrom; l < unitTo; l++) {
      double[] dl = delta[l];
      double b0 = beta[0][l];
      double[] e0 = e[0];
      for (int r = 0; r < rows; r++) {
        dl[r] = e0[r] * b0;
      }
      for (int c = 1; c < k; c++) {
        double bc = beta[c][l];
        double[] ec = e[c];
        for (int r = 0; r < rows; r++) {
          dl[r] += ec[r] * bc;
        }
      }
      sigma1.multiplyByDerivative(dl, a[l], rows);
    }
    // GΘ += X_tᵀ D1: gΘ_{l,:} += Σ_r δ1_l[r] x_r
    double[][] xR = forward.xR;
    int width = forward.paddedWidth;
    int l = unitFrom;
    for (; l + 3 < unitTo; l += 4) {
      thetaGradient4(xR, rows, width, delta, gThetaT, l);
    }
    for (; l < unitTo; l++) {
      thetaGradient1(xR, rows, width, delta[l], gThetaT[l]);
    }
  }

  /**
   * The first half of {@link #lossAndErrors} for one output (the sigmoid or the linear output): δ2 = s (p − y) in
   * place of the tile's logits, which are kept for {@link #losses}, so that another thread can use δ2 while the
   * losses are summed.
   *
   * @param rows number of rows in the tile
   * @param y the class indices, or null (not modified)
   * @param t the numeric targets, or null (not modified)
   * @param weights the row weights, or null for all ones (not modified)
   * @param rowIndex row indices, or null (not modified)
   * @param start the tile's first position
   */
  void errors(int rows, int[] y, double[] t, double[] weights, int[] rowIndex, int start) {
    OutputFunction sigma2 = forward.sigma2;
    double[] out = forward.out;
    System.arraycopy(out, 0, forward.logit, 0, rows);
    for (int r = 0; r < rows; r++) {
      int row = rowIndex == null ? start + r : rowIndex[start + r];
      sigma2.error(out, r, y == null ? 0 : y[row], t == null ? 0.0 : t[row], weights == null ? 1.0 : weights[row]);
    }
  }

  /**
   * The second half: adds the tile's weighted losses, from the logits {@link #errors} kept, and weights to the sums
   * (row after row, as {@link #lossAndErrors} does).
   *
   * @param rows number of rows in the tile
   * @param y the class indices, or null (not modified)
   * @param t the numeric targets, or null (not modified)
   * @param weights the row weights, or null for all ones (not modified)
   * @param rowIndex row indices, or null (not modified)
   * @param start the tile's first position
   */
  void losses(int rows, int[] y, double[] t, double[] weights, int[] rowIndex, int start) {
    OutputFunction sigma2 = forward.sigma2;
    double[] w = forward.logit;
    double loss = lossSum;
    double weight = weightSum;
    for (int r = 0; r < rows; r++) {
      int row = rowIndex == null ? start + r : rowIndex[start + r];
      double s = weights == null ? 1.0 : weights[row];
      loss += s * sigma2.loss(w[r], y == null ? 0 : y[row], t == null ? 0.0 : t[row]);
      weight += s;
    }
    lossSum = loss;
    weightSum = weight;
  }

  /** @return δ2 of each output over the tile's rows, as {@link #lossAndErrors} leaves them */
  double[][] errors() {
    return errors;
  }

  /** Σ_r u[r] v[r] in four interleaved partial sums, ((s0 + s1) + (s2 + s3)). */
  private static double dot(double[] u, double[] v, int rows) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int r = 0;
    for (; r + 3 < rows; r += 4) {
      s0 += u[r] * v[r];
      s1 += u[r + 1] * v[r + 1];
      s2 += u[r + 2] * v[r + 2];
      s3 += u[r + 3] * v[r + 3];
    }
    for (; r < rows; r++) {
      s0 += u[r] * v[r];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ_r u[r] in the partial sums of {@link #dot}. */
  private static double sum(double[] u, int rows) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int r = 0;
    for (; r + 3 < rows; r += 4) {
      s0 += u[r];
      s1 += u[r + 1];
      s2 += u[r + 2];
      s3 += u[r + 3];
    }
    for (; r < rows; r++) {
      s0 += u[r];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * gΘ_{l,:} … gΘ_{l+3,:}, two rows per pass over the (padded) inputs; the arrays are looked up here rather than
   * passed one by one, as in the forward pass.
   */
  private static void thetaGradient4(double[][] xR, int rows, int width, double[][] delta, double[][] gT, int l) {
    double[] e0 = delta[l];
    double[] e1 = delta[l + 1];
    double[] e2 = delta[l + 2];
    double[] e3 = delta[l + 3];
    double[] g0 = gT[l];
    double[] g1 = gT[l + 1];
    double[] g2 = gT[l + 2];
    double[] g3 = gT[l + 3];
    int r = 0;
    for (; r + 1 < rows; r += 2) {
      double[] xa = xR[r];
      double[] xb = xR[r + 1];
      double a0 = e0[r];
      double b0 = e0[r + 1];
      double a1 = e1[r];
      double b1 = e1[r + 1];
      double a2 = e2[r];
      double b2 = e2[r + 1];
      double a3 = e3[r];
      double b3 = e3[r + 1];
      for (int i = 0; i < width; i++) {
        double u = xa[i];
        double v = xb[i];
        g0[i] += u * a0 + v * b0;
        g1[i] += u * a1 + v * b1;
        g2[i] += u * a2 + v * b2;
        g3[i] += u * a3 + v * b3;
      }
    }
    if (r < rows) {
      lastRow4(xR[r], width, delta, r, gT, l);
    }
  }

  /**
   * gΘ_{l,:} … gΘ_{l+3,:} += δ1_l[r] x_r for the tile's last row r. (A loop of its own: in the same method as the
   * pairs' loop, C2 vectorizes neither; see {@link ForwardPass}.)
   */
  private static void lastRow4(double[] xa, int width, double[][] delta, int r, double[][] gT, int l) {
    double a0 = delta[l][r];
    double a1 = delta[l + 1][r];
    double a2 = delta[l + 2][r];
    double a3 = delta[l + 3][r];
    double[] g0 = gT[l];
    double[] g1 = gT[l + 1];
    double[] g2 = gT[l + 2];
    double[] g3 = gT[l + 3];
    for (int i = 0; i < width; i++) {
      double u = xa[i];
      g0[i] += u * a0;
      g1[i] += u * a1;
      g2[i] += u * a2;
      g3[i] += u * a3;
    }
  }

  /** gΘ_{l,:} for one hidden unit: the same operations as {@link #thetaGradient4} on each unit. */
  private static void thetaGradient1(double[][] xR, int rows, int width, double[] e, double[] gl) {
    int r = 0;
    for (; r + 1 < rows; r += 2) {
      double[] xa = xR[r];
      double[] xb = xR[r + 1];
      double a = e[r];
      double b = e[r + 1];
      for (int i = 0; i < width; i++) {
        gl[i] += xa[i] * a + xb[i] * b;
      }
    }
    if (r < rows) {
      lastRow1(xR[r], width, e[r], gl);
    }
  }

  /** gΘ_{l,:} += δ1_l[r] x_r for the tile's last row (a loop of its own, see {@link #lastRow4}). */
  private static void lastRow1(double[] xa, int width, double a, double[] gl) {
    for (int i = 0; i < width; i++) {
      gl[i] += xa[i] * a;
    }
  }

  /**
   * gradient += the partial gradient of the last {@link #compute}, in θ's layout.
   *
   * @param gradient a gradient in θ's layout (modified)
   */
  public void addGradientTo(double[] gradient) {
    addGradientTo(gradient, 0, layout.numHidden(), true);
  }

  /**
   * gradient += the partial gradient of hidden units {@code unitFrom} … {@code unitTo − 1} (their Θ rows and β
   * columns), and of β's bias column if asked, in θ's layout.
   *
   * @param gradient a gradient in θ's layout (modified)
   * @param unitFrom first hidden unit, inclusive
   * @param unitTo last hidden unit, exclusive
   * @param bias true to add β's bias column
   */
  void addGradientTo(double[] gradient, int unitFrom, int unitTo, boolean bias) {
    int d = layout.rowWidth();
    for (int i = 0; i < d; i++) {
      int to = layout.thetaIndex(i, 0);
      for (int l = unitFrom; l < unitTo; l++) {
        gradient[to + l] += gThetaT[l][i];
      }
    }
    for (int c = 0; c < layout.numOutputs(); c++) {
      if (bias) {
        gradient[layout.betaIndex(c, 0)] += gBetaBias[c];
      }
      double[] gc = gBeta[c];
      int co = layout.betaIndex(c, 1);
      for (int l = unitFrom; l < unitTo; l++) {
        gradient[co + l] += gc[l];
      }
    }
  }
}
