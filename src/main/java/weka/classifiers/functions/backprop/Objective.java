package weka.classifiers.functions.backprop;

/**
 * The training objective: mean cross-entropy and its gradient, as a pure function of the parameters and
 * a block of rows.
 *
 * <p>For row k with weight s_k, class y_k and output logits w = β a:
 * <pre>
 *   two classes (K = 1):  p = σ(w),  ℓ = −(y log p + (1 − y) log(1 − p)) = softplus(w) − y·w
 *   K &gt; 2 classes:        p_c = e^{w_c} / Σ_d e^{w_d},  ℓ = log Σ_d e^{w_d} − w_y
 *   J = Σ s_k ℓ_k / Σ s_k
 * </pre>
 * Both outputs give the same error term δ2 = p − y (y one-hot for softmax), so, in the derivation's
 * notation,
 * <pre>
 *   ∂J/∂β_{c,j}  = (1/S) Σ_k s_k (p_kc − y_kc) a_kj
 *   ∂J/∂Θ_{l,i}  = (1/S) Σ_k s_k [Σ_c (p_kc − y_kc) β_{c,l}] σ1'(z_kl) x_ki
 * </pre>
 * The sums over rows are computed block by block in matrix form, for a tile of rows X_t:
 * <pre>
 *   A  = [1, σ1(X_t Θ)]           forward, tile × (g+1)
 *   W  = A βᵀ,  P = σ2(W)          tile × K
 *   D2 = diag(s) (P − Y)           the derivation's (p − y), weighted
 *   Gβ += D2ᵀ A
 *   D1 = (D2 β_{:,1:}) ⊙ σ1'(Z)    the derivation's temp = (p − y) β_l a_l (1 − a_l)
 *   GΘ += X_tᵀ D1                  the derivation's T_l * X, summed over rows
 * </pre>
 * The logs are never taken of a probability: softplus(w) = max(w, 0) + log1p(e^{−|w|}) and the softmax
 * subtracts the maximum logit first, so neither overflows and no probability needs clamping.
 */
public final class Objective {

  /** Rows per tile: small enough that a tile's activations stay in the first-level caches. */
  public static final int TILE_ROWS = 64;

  private Objective() {
  }

  /**
   * Scratch buffers for one tile; one per thread, reused across calls so that training allocates
   * nothing per epoch.
   */
  public static final class Workspace {
    final double[] a;
    final double[] out;
    final double[] delta;

    /**
     * @param shape the network shape the buffers are sized for
     */
    public Workspace(NetworkShape shape) {
      a = new double[TILE_ROWS * (shape.numHidden() + 1)];
      out = new double[TILE_ROWS * shape.numOutputs()];
      delta = new double[TILE_ROWS * shape.numHidden()];
    }
  }

  /**
   * Adds the sums of rows {@code from} … {@code to − 1}: sums.G += Σ s_k ∇ℓ_k, sums.L += Σ s_k ℓ_k,
   * sums.S += Σ s_k.
   *
   * @param shape the architecture; its row width must equal the data's
   * @param params the parameter vector (not modified)
   * @param data the rows
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param sums receives the sums (modified)
   * @param ws scratch buffers (modified)
   */
  public static void accumulate(NetworkShape shape, double[] params, DataMatrix data, int from, int to,
      GradientSums sums, Workspace ws) {
    if (data.rowWidth() != shape.rowWidth()) {
      throw new IllegalArgumentException("data has " + data.numInputs() + " inputs, network "
          + shape.numInputs());
    }
    double lossSum = 0.0;
    double weightSum = 0.0;
    for (int start = from; start < to; start += TILE_ROWS) {
      int rows = Math.min(TILE_ROWS, to - start);
      forward(shape, params, data.x(), start, rows, ws.a);
      logits(shape, params, ws.a, rows, ws.out);
      for (int r = 0; r < rows; r++) {
        double s = data.weight(start + r);
        lossSum += s * lossAndError(shape.numOutputs(), ws.out, r, data.y()[start + r], s);
        weightSum += s;
      }
      backward(shape, params, data.x(), start, rows, ws, sums.gradient());
    }
    sums.addLossAndWeight(lossSum, weightSum);
  }

  /**
   * Forward pass of the hidden layer for a tile: a_r = (1, σ1(Θ x_r)) for r = 0 … rows − 1.
   *
   * @param shape the architecture
   * @param params the parameter vector (not modified)
   * @param x row-major data with the bias column
   * @param firstRow the tile's first row in x
   * @param rows number of rows in the tile (≤ {@link #TILE_ROWS} unless a is larger)
   * @param a receives rows × (g + 1) activations, bias first (modified)
   */
  static void forward(NetworkShape shape, double[] params, double[] x, int firstRow, int rows, double[] a) {
    int d = shape.rowWidth();
    int g = shape.numHidden();
    int ga = g + 1;
    for (int r = 0; r < rows; r++) {
      int ao = r * ga;
      a[ao] = 1.0;
      int zo = ao + 1;
      java.util.Arrays.fill(a, zo, zo + g, 0.0);
      int xo = (firstRow + r) * d;
      for (int i = 0; i < d; i++) {
        double xi = x[xo + i];
        int to = i * g;
        for (int l = 0; l < g; l++) {
          a[zo + l] += xi * params[to + l];
        }
      }
    }
    if (shape.activation() == Activation.SIGMOID) {
      for (int r = 0; r < rows; r++) {
        int zo = r * ga + 1;
        for (int l = 0; l < g; l++) {
          a[zo + l] = Activation.sigmoid(a[zo + l]);
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        int zo = r * ga + 1;
        for (int l = 0; l < g; l++) {
          a[zo + l] = Math.tanh(a[zo + l]);
        }
      }
    }
  }

  /**
   * Output logits for a tile: W = A βᵀ, w_rc = Σ_j β_{c,j} a_rj.
   *
   * @param shape the architecture
   * @param params the parameter vector (not modified)
   * @param a rows × (g + 1) activations
   * @param rows number of rows
   * @param out receives rows × K logits (modified)
   */
  static void logits(NetworkShape shape, double[] params, double[] a, int rows, double[] out) {
    int ga = shape.numHidden() + 1;
    int k = shape.numOutputs();
    int bo = shape.betaOffset();
    for (int r = 0; r < rows; r++) {
      int ao = r * ga;
      for (int c = 0; c < k; c++) {
        int co = bo + c * ga;
        double w = 0.0;
        for (int j = 0; j < ga; j++) {
          w += params[co + j] * a[ao + j];
        }
        out[r * k + c] = w;
      }
    }
  }

  /**
   * Turns one row's logits into the weighted error term δ2 = s (p − y) in place and returns ℓ.
   *
   * @param k number of outputs
   * @param out logits of the tile; row r is replaced by s (p − y) (modified)
   * @param r row within the tile
   * @param y class index of the row
   * @param s weight of the row
   * @return ℓ, the row's cross-entropy (not multiplied by s)
   */
  static double lossAndError(int k, double[] out, int r, int y, double s) {
    if (k == 1) {
      double w = out[r];
      double target = y == 1 ? 1.0 : 0.0;
      out[r] = s * (Activation.sigmoid(w) - target);
      return softplus(w) - target * w;
    }
    int o = r * k;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, out[o + c]);
    }
    double wy = out[o + y];
    double sum = 0.0;
    for (int c = 0; c < k; c++) {
      double e = Math.exp(out[o + c] - max);
      out[o + c] = e;
      sum += e;
    }
    double inverse = 1.0 / sum;
    for (int c = 0; c < k; c++) {
      out[o + c] = s * (out[o + c] * inverse - (c == y ? 1.0 : 0.0));
    }
    return Math.log(sum) + max - wy;
  }

  /**
   * Backward pass for a tile: Gβ += D2ᵀ A, D1 = (D2 β_{:,1:}) ⊙ σ1'(Z), GΘ += X_tᵀ D1.
   *
   * @param shape the architecture
   * @param params the parameter vector (not modified)
   * @param x row-major data with the bias column
   * @param firstRow the tile's first row in x
   * @param rows number of rows in the tile
   * @param ws holds A (activations) and D2 (in {@code out}); D1 is written to {@code delta}
   * @param gradient receives the summed gradient (modified)
   */
  static void backward(NetworkShape shape, double[] params, double[] x, int firstRow, int rows,
      Workspace ws, double[] gradient) {
    int d = shape.rowWidth();
    int g = shape.numHidden();
    int ga = g + 1;
    int k = shape.numOutputs();
    int bo = shape.betaOffset();
    double[] a = ws.a;
    double[] d2 = ws.out;
    double[] d1 = ws.delta;
    boolean sigmoid = shape.activation() == Activation.SIGMOID;
    for (int r = 0; r < rows; r++) {
      int ao = r * ga;
      int oo = r * k;
      int deltaOffset = r * g;
      java.util.Arrays.fill(d1, deltaOffset, deltaOffset + g, 0.0);
      for (int c = 0; c < k; c++) {
        double e = d2[oo + c];
        int co = bo + c * ga;
        for (int j = 0; j < ga; j++) {
          gradient[co + j] += e * a[ao + j];
        }
        for (int l = 0; l < g; l++) {
          d1[deltaOffset + l] += e * params[co + 1 + l];
        }
      }
      if (sigmoid) {
        for (int l = 0; l < g; l++) {
          double al = a[ao + 1 + l];
          d1[deltaOffset + l] *= al * (1.0 - al);
        }
      } else {
        for (int l = 0; l < g; l++) {
          double al = a[ao + 1 + l];
          d1[deltaOffset + l] *= 1.0 - al * al;
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      int xo = (firstRow + r) * d;
      int deltaOffset = r * g;
      for (int i = 0; i < d; i++) {
        double xi = x[xo + i];
        int to = i * g;
        for (int l = 0; l < g; l++) {
          gradient[to + l] += xi * d1[deltaOffset + l];
        }
      }
    }
  }

  /**
   * softplus(w) = log(1 + e^w) = max(w, 0) + log1p(e^{−|w|}), which never overflows.
   *
   * @param w a logit
   * @return log(1 + e^w)
   */
  static double softplus(double w) {
    return Math.max(w, 0.0) + Math.log1p(Math.exp(-Math.abs(w)));
  }
}
