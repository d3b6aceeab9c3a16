package weka.classifiers.functions.backprop.kernel;

import java.util.Arrays;

/**
 * The forward pass over a block of rows, shared by prediction and training: for a tile of rows X_t (each with
 * the bias x0 = 1),
 * <pre>
 *   A = [1, σ1(X_t Θ)]      the hidden activations, tile × (g+1)
 *   W = A βᵀ                the logits, tile × K
 *   P = σ2(W)               the class probabilities (prediction; training turns W into δ2 instead: {@link Objective})
 * </pre>
 * <p>Performance: the pass works on buffers that hold Θ and β as one array per row (Θ_{i,:} and β_{c,1:}, g
 * values each) and the tile's activations the same way. Every inner loop then runs over the hidden units l with
 * the same index l into every array it touches, which is the form the HotSpot JIT's superword pass vectorizes:
 * with flat arrays and different offsets ({@code a[zo + l] += x * params[to + l]}) it cannot rule out that the two
 * arrays overlap and keeps the loop scalar. The product is unrolled over four inputs, so each accumulator is
 * loaded and stored once per four multiply-adds, and two rows are computed at a time so that each loaded Θ value
 * is used twice. The summation order is fixed by the rows alone.
 *
 * <p>Holds scratch buffers: one instance per thread. Not modified by a call: the parameters and the rows.
 */
public final class ForwardPass {

  /** Rows per tile: small enough that a tile's activations and δ1 stay in the first-level caches. */
  public static final int TILE_ROWS = 64;

  final int numInputs;
  final int numHidden;
  final int numOutputs;
  final Layout layout;
  final ActivationFunction sigma1;
  /** The kernels applying σ1 to a row: the network's, never chosen here. */
  final ActivationKernels kernels;
  final OutputFunction sigma2;
  /** Θ_{i,:}, i = 0 … m: (m + 1) × g, copied from θ by {@link #load}. */
  final double[][] theta;
  /** β_{c,1:}: K × g, the weights of the hidden units (the bias weight is in {@link #betaBias}). */
  final double[][] beta;
  /** β_{c,0}. */
  final double[] betaBias;
  /** σ1(z_r) of the tile's rows: TILE_ROWS × g (the bias a0 = 1 is implicit). */
  final double[][] a;
  /** Logits w_r (training then turns them into δ2_r = s_r (p_r − y_r)): TILE_ROWS × K, row-major. */
  final double[] out;

  /**
   * @param layout the sizes and the layout of θ
   * @param sigma1 the hidden activation
   * @param kernels the kernels that apply σ1 (the network's: {@link ActivationKernels#SCALAR} or
   *        {@link ActivationKernels#vector()})
   */
  public ForwardPass(Layout layout, ActivationFunction sigma1, ActivationKernels kernels) {
    if (kernels == null) {
      throw new IllegalArgumentException("no activation kernels");
    }
    this.layout = layout;
    this.sigma1 = sigma1;
    this.kernels = kernels;
    this.sigma2 = OutputFunction.of(layout.numOutputs());
    numInputs = layout.numInputs();
    numHidden = layout.numHidden();
    numOutputs = layout.numOutputs();
    theta = new double[layout.rowWidth()][numHidden];
    beta = new double[numOutputs][numHidden];
    betaBias = new double[numOutputs];
    a = new double[TILE_ROWS][numHidden];
    out = new double[TILE_ROWS * numOutputs];
  }

  /** @return the number of class probabilities per row: 2 for one sigmoid output, K for a softmax */
  public int numProbabilities() {
    return sigma2.numProbabilities(numOutputs);
  }

  /**
   * Class probabilities P = σ2(β (1, σ1(Θ x))) for rows of a row-major matrix.
   *
   * @param params θ in the {@link Layout}'s layout (not modified)
   * @param x row-major rows, each {@code m + 1} wide, column 0 equal to 1 (not modified)
   * @param firstRow first row to predict
   * @param rows number of rows
   * @param p receives rows × {@link #numProbabilities()} probabilities, each row summing to 1 (modified)
   */
  public void probabilities(double[] params, double[] x, int firstRow, int rows, double[] p) {
    int k = numOutputs;
    int width = numProbabilities();
    load(params);
    for (int start = 0; start < rows; start += TILE_ROWS) {
      int tile = Math.min(TILE_ROWS, rows - start);
      hidden(x, firstRow + start, tile);
      logits(tile);
      for (int r = 0; r < tile; r++) {
        sigma2.probabilities(out, r * k, k, p, (start + r) * width);
      }
    }
  }

  /** Copies Θ and β from θ into the per-row arrays. */
  void load(double[] params) {
    int g = numHidden;
    for (int i = 0; i < theta.length; i++) {
      System.arraycopy(params, layout.thetaIndex(i, 0), theta[i], 0, g);
    }
    for (int c = 0; c < numOutputs; c++) {
      betaBias[c] = params[layout.betaIndex(c, 0)];
      System.arraycopy(params, layout.betaIndex(c, 1), beta[c], 0, g);
    }
  }

  /**
   * The hidden layer for a tile: a_r = σ1(z_r), z_r = Σ_i x_{r,i} Θ_{i,:}, for r = 0 … rows − 1 (the bias a0 = 1
   * is implicit), into {@link #a}. Θ must have been loaded.
   *
   * @param x row-major data with the bias column
   * @param firstRow the tile's first row in x
   * @param rows number of rows in the tile (&le; {@link #TILE_ROWS})
   */
  void hidden(double[] x, int firstRow, int rows) {
    int d = numInputs + 1;
    int g = numHidden;
    int r = 0;
    for (; r + 1 < rows; r += 2) {
      preActivations2(theta, x, (firstRow + r) * d, d, g, a[r], a[r + 1]);
    }
    for (; r < rows; r++) {
      preActivations(theta, x, (firstRow + r) * d, d, g, a[r]);
    }
    for (r = 0; r < rows; r++) {
      sigma1.apply(kernels, a[r], g);
    }
  }

  /** z = Σ_i x_i Θ_{i,:} for one row (x at xo), four inputs per pass over z. */
  private static void preActivations(double[][] theta, double[] x, int xo, int d, int g, double[] z) {
    Arrays.fill(z, 0, g, 0.0);
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
    Arrays.fill(z, 0, g, 0.0);
    Arrays.fill(u, 0, g, 0.0);
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
   * The logits for a tile: W = A βᵀ, w_rc = β_{c,0} + Σ_l β_{c,l} a_rl, into {@link #out}.
   *
   * @param rows number of rows
   */
  void logits(int rows) {
    int g = numHidden;
    int k = numOutputs;
    for (int r = 0; r < rows; r++) {
      double[] ar = a[r];
      for (int c = 0; c < k; c++) {
        double[] bc = beta[c];
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
        out[r * k + c] = betaBias[c] + ((s0 + s1) + (s2 + s3));
      }
    }
  }
}
