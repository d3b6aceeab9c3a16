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
 * <p>Performance: the kernels work on a workspace that holds Θ and β as one array per row (Θ_{i,:} and
 * β_{c,1:}, g values each), the tile's activations, δ1 and the gradient of Θ and β the same way. Every
 * inner loop then runs over the hidden units l with the same index l into every array it touches, which
 * is the form the HotSpot JIT's superword pass vectorizes: with flat arrays and different offsets
 * ({@code a[zo + l] += x * params[to + l]}) it cannot rule out that the two arrays overlap and keeps the
 * loop scalar. The loops are unrolled over four inputs (forward) or four rows (backward), so each
 * accumulator is loaded and stored once per four multiply-adds, and the forward pass computes two rows
 * at a time so that each loaded Θ value is used twice. The summation order is fixed by the row range
 * alone, so the result is a deterministic function of (parameters, rows).
 *
 * The logs are never taken of a probability: softplus(w) = max(w, 0) + log1p(e^{−|w|}) and the softmax
 * subtracts the maximum logit first, so neither overflows and no probability needs clamping.
 */
public final class Objective {

  /** Rows per tile: small enough that a tile's activations and δ1 stay in the first-level caches. */
  public static final int TILE_ROWS = 64;

  private Objective() {
  }

  /**
   * Scratch buffers for one tile and the partial gradient of the rows being accumulated; one per thread
   * (or chunk), reused across calls so that training allocates nothing per epoch. All row buffers are
   * separate {@code double[]}s of g values (see the class comment for why).
   */
  public static final class Workspace {
    final int numInputs;
    final int numHidden;
    final int numOutputs;
    /** Θ_{i,:}, i = 0 … m: (m + 1) × g, copied from the parameter vector by {@link #load}. */
    final double[][] theta;
    /** β_{c,1:}: K × g, the weights of the hidden units (the bias weight is in {@link #betaBias}). */
    final double[][] beta;
    /** β_{c,0}. */
    final double[] betaBias;
    /** σ1(z_r) of the tile's rows: TILE_ROWS × g (the bias a0 = 1 is implicit). */
    final double[][] a;
    /** Logits w_r, then δ2_r = s_r (p_r − y_r): TILE_ROWS × K, row-major. */
    final double[] out;
    /** δ1_r: TILE_ROWS × g. */
    final double[][] delta;
    /** Partial gradient of Θ: (m + 1) × g. */
    final double[][] gTheta;
    /** Partial gradient of β_{c,1:}: K × g. */
    final double[][] gBeta;
    /** Partial gradient of β_{c,0}: K. */
    final double[] gBetaBias;

    /**
     * @param shape the network shape the buffers are sized for
     */
    public Workspace(NetworkShape shape) {
      numInputs = shape.numInputs();
      numHidden = shape.numHidden();
      numOutputs = shape.numOutputs();
      int g = numHidden;
      int k = numOutputs;
      theta = new double[shape.rowWidth()][g];
      beta = new double[k][g];
      betaBias = new double[k];
      a = new double[TILE_ROWS][g];
      out = new double[TILE_ROWS * k];
      delta = new double[TILE_ROWS][g];
      gTheta = new double[shape.rowWidth()][g];
      gBeta = new double[k][g];
      gBetaBias = new double[k];
    }

    /** Throws if this workspace was made for a network of another size. */
    void check(NetworkShape shape) {
      if (shape.numInputs() != numInputs || shape.numHidden() != numHidden
          || shape.numOutputs() != numOutputs) {
        throw new IllegalArgumentException("workspace sized for " + numInputs + " inputs, " + numHidden
            + " hidden units and " + numOutputs + " outputs, used with " + shape);
      }
    }

    /** Copies Θ and β from the parameter vector into the per-row arrays. */
    void load(NetworkShape shape, double[] params) {
      int g = numHidden;
      for (int i = 0; i < theta.length; i++) {
        System.arraycopy(params, shape.thetaIndex(i, 0), theta[i], 0, g);
      }
      for (int c = 0; c < numOutputs; c++) {
        betaBias[c] = params[shape.betaIndex(c, 0)];
        System.arraycopy(params, shape.betaIndex(c, 1), beta[c], 0, g);
      }
    }

    /** Sets the partial gradient to zero. */
    void clearGradient() {
      for (double[] row : gTheta) {
        java.util.Arrays.fill(row, 0.0);
      }
      for (double[] row : gBeta) {
        java.util.Arrays.fill(row, 0.0);
      }
      java.util.Arrays.fill(gBetaBias, 0.0);
    }

    /** gradient += the partial gradient, in the parameter vector's layout. */
    void addGradientTo(NetworkShape shape, double[] gradient) {
      int g = numHidden;
      for (int i = 0; i < gTheta.length; i++) {
        double[] gi = gTheta[i];
        int to = shape.thetaIndex(i, 0);
        for (int l = 0; l < g; l++) {
          gradient[to + l] += gi[l];
        }
      }
      for (int c = 0; c < numOutputs; c++) {
        gradient[shape.betaIndex(c, 0)] += gBetaBias[c];
        double[] gc = gBeta[c];
        int co = shape.betaIndex(c, 1);
        for (int l = 0; l < g; l++) {
          gradient[co + l] += gc[l];
        }
      }
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
    ws.check(shape);
    ws.load(shape, params);
    ws.clearGradient();
    boolean sigmoid = shape.activation() == Activation.SIGMOID;
    int k = shape.numOutputs();
    double[] x = data.x();
    int[] y = data.y();
    double lossSum = 0.0;
    double weightSum = 0.0;
    for (int start = from; start < to; start += TILE_ROWS) {
      int rows = Math.min(TILE_ROWS, to - start);
      forward(ws, sigmoid, x, start, rows);
      logits(ws, rows);
      for (int r = 0; r < rows; r++) {
        double s = data.weight(start + r);
        lossSum += s * lossAndError(k, ws.out, r, y[start + r], s);
        weightSum += s;
      }
      backward(ws, sigmoid, x, start, rows);
    }
    ws.addGradientTo(shape, sums.gradient());
    sums.addLossAndWeight(lossSum, weightSum);
  }

  /**
   * Forward pass of the hidden layer for a tile: a_r = σ1(z_r), z_r = Σ_i x_{r,i} Θ_{i,:}, for
   * r = 0 … rows − 1 (the bias a0 = 1 is implicit). Θ must have been loaded into the workspace.
   *
   * @param ws holds Θ; receives the activations in {@code a} (modified)
   * @param sigmoid true for σ1 = the logistic function, false for tanh
   * @param x row-major data with the bias column
   * @param firstRow the tile's first row in x
   * @param rows number of rows in the tile (≤ {@link #TILE_ROWS})
   */
  static void forward(Workspace ws, boolean sigmoid, double[] x, int firstRow, int rows) {
    int d = ws.numInputs + 1;
    int g = ws.numHidden;
    double[][] theta = ws.theta;
    double[][] a = ws.a;
    int r = 0;
    for (; r + 1 < rows; r += 2) {
      preActivations2(theta, x, (firstRow + r) * d, d, g, a[r], a[r + 1]);
    }
    for (; r < rows; r++) {
      preActivations(theta, x, (firstRow + r) * d, d, g, a[r]);
    }
    ActivationKernels kernels = ActivationKernels.SELECTED;
    for (r = 0; r < rows; r++) {
      if (sigmoid) {
        kernels.logistic(a[r], g);
      } else {
        kernels.tanh(a[r], g);
      }
    }
  }

  /** z = Σ_i x_i Θ_{i,:} for one row (x at xo), four inputs per pass over z. */
  private static void preActivations(double[][] theta, double[] x, int xo, int d, int g, double[] z) {
    java.util.Arrays.fill(z, 0, g, 0.0);
    int i = 0;
    for (; i + 3 < d; i += 4) {
      double x0 = x[xo + i];
      double x1 = x[xo + i + 1];
      double x2 = x[xo + i + 2];
      double x3 = x[xo + i + 3];
      double[] t0 = theta[i];
      double[] t1 = theta[i + 1];
      double[] t2 = theta[i + 2];
      double[] t3 = theta[i + 3];
      for (int l = 0; l < g; l++) {
        z[l] += x0 * t0[l] + x1 * t1[l] + x2 * t2[l] + x3 * t3[l];
      }
    }
    for (; i < d; i++) {
      double xi = x[xo + i];
      double[] ti = theta[i];
      for (int l = 0; l < g; l++) {
        z[l] += xi * ti[l];
      }
    }
  }

  /**
   * z and u for two consecutive rows (x at xo and xo + d), sharing each loaded Θ value; the same
   * operations in the same order as {@link #preActivations} on each row.
   */
  private static void preActivations2(double[][] theta, double[] x, int xo, int d, int g, double[] z,
      double[] u) {
    java.util.Arrays.fill(z, 0, g, 0.0);
    java.util.Arrays.fill(u, 0, g, 0.0);
    int xo1 = xo + d;
    int i = 0;
    for (; i + 3 < d; i += 4) {
      double x0 = x[xo + i];
      double x1 = x[xo + i + 1];
      double x2 = x[xo + i + 2];
      double x3 = x[xo + i + 3];
      double y0 = x[xo1 + i];
      double y1 = x[xo1 + i + 1];
      double y2 = x[xo1 + i + 2];
      double y3 = x[xo1 + i + 3];
      double[] t0 = theta[i];
      double[] t1 = theta[i + 1];
      double[] t2 = theta[i + 2];
      double[] t3 = theta[i + 3];
      for (int l = 0; l < g; l++) {
        double p0 = t0[l];
        double p1 = t1[l];
        double p2 = t2[l];
        double p3 = t3[l];
        z[l] += x0 * p0 + x1 * p1 + x2 * p2 + x3 * p3;
        u[l] += y0 * p0 + y1 * p1 + y2 * p2 + y3 * p3;
      }
    }
    for (; i < d; i++) {
      double xi = x[xo + i];
      double yi = x[xo1 + i];
      double[] ti = theta[i];
      for (int l = 0; l < g; l++) {
        z[l] += xi * ti[l];
        u[l] += yi * ti[l];
      }
    }
  }

  /**
   * σ(z) = 1 / (1 + e^{−z}) without a branch: for z → −∞, e^{−z} overflows to +∞ and the quotient is 0,
   * the correct limit; for finite z the result has the relative accuracy of exp. (A sign test as in
   * {@link Activation#sigmoid} costs a mispredicted branch on about half of the hidden units.)
   *
   * @param z the pre-activation
   * @return σ(z)
   */
  static double logistic(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /**
   * Output logits for a tile: W = A βᵀ, w_rc = β_{c,0} + Σ_l β_{c,l} a_rl, into {@code ws.out}.
   *
   * @param ws holds β and the activations; receives rows × K logits in {@code out} (modified)
   * @param rows number of rows
   */
  static void logits(Workspace ws, int rows) {
    int g = ws.numHidden;
    int k = ws.numOutputs;
    for (int r = 0; r < rows; r++) {
      double[] ar = ws.a[r];
      for (int c = 0; c < k; c++) {
        double[] bc = ws.beta[c];
        // four partial sums: a chain of dependent additions would cost the adder's latency per unit
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int l = 0;
        for (; l + 3 < g; l += 4) {
          s0 += bc[l] * ar[l];
          s1 += bc[l + 1] * ar[l + 1];
          s2 += bc[l + 2] * ar[l + 2];
          s3 += bc[l + 3] * ar[l + 3];
        }
        for (; l < g; l++) {
          s0 += bc[l] * ar[l];
        }
        ws.out[r * k + c] = ws.betaBias[c] + ((s0 + s1) + (s2 + s3));
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
      out[r] = s * (logistic(w) - target);
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
   * Backward pass for a tile: Gβ += D2ᵀ A, D1 = (D2 β_{:,1:}) ⊙ σ1'(Z), GΘ += X_tᵀ D1, into the
   * workspace's partial gradient.
   *
   * <p>Both gradient products run over rows in groups of four: each gradient value is loaded and stored once
   * per four rows (gΘ_{i,:} += x_{r,i} δ1_r + x_{r+1,i} δ1_{r+1} + x_{r+2,i} δ1_{r+2} + x_{r+3,i} δ1_{r+3}).
   *
   * @param ws holds β, A (activations) and D2 (in {@code out}); D1 is written to {@code delta} and the
   *        gradient added to {@code gTheta}, {@code gBeta}, {@code gBetaBias} (modified)
   * @param sigmoid true for σ1 = the logistic function, false for tanh
   * @param x row-major data with the bias column
   * @param firstRow the tile's first row in x
   * @param rows number of rows in the tile
   */
  static void backward(Workspace ws, boolean sigmoid, double[] x, int firstRow, int rows) {
    int d = ws.numInputs + 1;
    int g = ws.numHidden;
    int k = ws.numOutputs;
    double[][] a = ws.a;
    double[] d2 = ws.out;
    double[][] d1 = ws.delta;
    // Gβ += D2ᵀ A: gβ_{c,:} += Σ_r δ2_{r,c} a_r, gβ_{c,0} += Σ_r δ2_{r,c}
    for (int c = 0; c < k; c++) {
      double[] gc = ws.gBeta[c];
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
      ws.gBetaBias[c] += biasSum;
    }
    // D1 = (D2 β_{:,1:}) ⊙ σ1'(Z), σ1' from the activations: a (1 − a) or 1 − a²
    double[] b0 = ws.beta[0];
    for (int r = 0; r < rows; r++) {
      double[] ar = a[r];
      double[] dr = d1[r];
      double e = d2[r * k];
      for (int l = 0; l < g; l++) {
        dr[l] = e * b0[l];
      }
      for (int c = 1; c < k; c++) {
        double ec = d2[r * k + c];
        double[] bc = ws.beta[c];
        for (int l = 0; l < g; l++) {
          dr[l] += ec * bc[l];
        }
      }
      if (sigmoid) {
        for (int l = 0; l < g; l++) {
          dr[l] *= ar[l] * (1.0 - ar[l]);
        }
      } else {
        for (int l = 0; l < g; l++) {
          dr[l] *= 1.0 - ar[l] * ar[l];
        }
      }
    }
    // GΘ += X_tᵀ D1: gΘ_{i,:} += Σ_r x_{r,i} δ1_r
    double[][] gTheta = ws.gTheta;
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
