package weka.classifiers.functions.backprop.kernel;

import java.util.Arrays;

/**
 * The forward pass over a block of rows, shared by prediction and training: for a tile of rows X_t (each with
 * the bias x0 = 1),
 * <pre>
 *   Zᵀ = Θᵀ X_tᵀ            the pre-activations, g × tile: z_l[r] = Σ_i Θ_{l,i} x_{r,i}
 *   Aᵀ = σ1(Zᵀ)             the hidden activations (the bias a0 = 1 is implicit)
 *   W = A βᵀ                the logits, tile × K
 *   P = σ2(W)               the class probabilities (prediction; training turns W into δ2 instead: {@link Objective})
 * </pre>
 *
 * <p>Performance: the tile is held transposed, one array per hidden unit over the tile's rows (Zᵀ, Aᵀ) and one per
 * input (X_tᵀ, packed from the rows by {@link #pack}), so that every inner loop runs over up to
 * {@link #TILE_ROWS} rows with the same index r into every array it touches: the form the HotSpot JIT's superword
 * pass vectorizes. Looping over the g hidden units instead, as a row-major tile would, gives loops of 16 at the
 * default g = 16, which C2 leaves mostly to its scalar pre- and post-loops. The product computes four hidden units
 * from two inputs per pass over the rows (each loaded x value used four times, eight Θ values held in registers):
 * <pre>
 *   z_l[r] = (…((x_{r,0} Θ_{l,0} + x_{r,1} Θ_{l,1}) + (x_{r,2} Θ_{l,2} + x_{r,3} Θ_{l,3})) + …) [+ x_{r,m} Θ_{l,m}]
 * </pre>
 * i.e. z starts at 0 and adds one product pair after another, then the last input alone when m + 1 is odd. This
 * order depends on nothing but the row's values, so predictions and training sums are the same for any tile,
 * block or thread count. The activation runs on whole unit rows of the tile.
 *
 * <p>Holds scratch buffers: one instance per thread. Not modified by a call: the parameters and the rows.
 */
public final class ForwardPass {

  /** Rows per tile: a tile's inputs (transposed) and activations stay in the first- and second-level caches. */
  public static final int TILE_ROWS = 64;

  /**
   * Row buffers are padded to a multiple of this many doubles, so that C2's unrolled vector loop covers a row
   * instead of leaving up to 15 of its values to the scalar post-loop (51 inputs: 4.7 GMAC/s; padded to 64:
   * 10 GMAC/s, in a probe on the project's machine).
   */
  static final int PAD = 16;

  /** Rows per tile of this instance's buffers (at most {@link #TILE_ROWS}). */
  final int tileRows;
  final int numInputs;
  final int numHidden;
  final int numOutputs;
  final Layout layout;
  final ActivationFunction sigma1;
  /** The kernels applying σ1 to the tile: the network's, never chosen here. */
  final ActivationKernels kernels;
  final OutputFunction sigma2;
  /** Θ_{l,:}, l = 0 … g − 1: g × (m + 1), copied from θ by {@link #load}. */
  final double[][] thetaT;
  /** β_{c,1:}: K × g, the weights of the hidden units (the bias weight is in {@link #betaBias}). */
  final double[][] beta;
  /** β_{c,0}. */
  final double[] betaBias;
  /** X_tᵀ: (m + 1) × TILE_ROWS, the tile's inputs, one array per input. */
  final double[][] xT;
  /**
   * The tile's rows, row-major, each padded with zeros to {@link #paddedWidth} (for the backward pass, whose loops
   * run over a row's inputs).
   */
  final double[][] xR;
  /** m + 1 rounded up to a multiple of {@link #PAD}. */
  final int paddedWidth;
  /** σ1(z_l) over the tile's rows: g × TILE_ROWS (the bias a0 = 1 is implicit). */
  final double[][] a;
  /** Logits w_r (training then turns them into δ2_r = s_r (p_r − y_r)): TILE_ROWS × K, row-major. */
  final double[] out;
  /**
   * One output's logits over the tile's rows (of a softmax, while the logits are computed; of one output, kept by
   * {@link Objective#errors} for {@link Objective#losses}).
   */
  final double[] logit;
  /** A row of the tile's length for the activation kernels. */
  private final double[] work;
  /** Where {@link #touch} leaves its sum, so that the JIT keeps its loads. */
  private double touched;
  /** The matrix of the rows {@link #prePack} packed, or null when the buffers hold no rows packed ahead. */
  private double[] prePackedX;
  /** The indices of the rows packed ahead (a copy, so that later changes to the index array cannot mislead). */
  private final int[] prePackedRows;
  private int prePackedCount;

  /**
   * @param layout the sizes and the layout of θ
   * @param sigma1 the hidden activation
   * @param kernels the kernels that apply σ1 (the network's: {@link ActivationKernels#SCALAR} or
   *        {@link ActivationKernels#vector()})
   */
  public ForwardPass(Layout layout, ActivationFunction sigma1, ActivationKernels kernels) {
    this(layout, sigma1, kernels, TILE_ROWS);
  }

  /**
   * A forward pass whose tiles hold at most {@code tileRows} rows: for predicting a few rows (one instance), whose
   * buffers then stay as small as the rows. The probabilities do not depend on the tile size.
   *
   * @param layout the sizes and the layout of θ
   * @param sigma1 the hidden activation
   * @param kernels the kernels that apply σ1 (the network's)
   * @param tileRows rows per tile, 1 … {@link #TILE_ROWS}
   */
  public ForwardPass(Layout layout, ActivationFunction sigma1, ActivationKernels kernels, int tileRows) {
    if (tileRows < 1 || tileRows > TILE_ROWS) {
      throw new IllegalArgumentException("rows per tile must be 1 to " + TILE_ROWS + ", got " + tileRows);
    }
    if (kernels == null) {
      throw new IllegalArgumentException("no activation kernels");
    }
    this.tileRows = tileRows;
    this.layout = layout;
    this.sigma1 = sigma1;
    this.kernels = kernels;
    this.sigma2 = OutputFunction.of(layout);
    numInputs = layout.numInputs();
    numHidden = layout.numHidden();
    numOutputs = layout.numOutputs();
    thetaT = new double[numHidden][layout.rowWidth()];
    beta = new double[numOutputs][numHidden];
    betaBias = new double[numOutputs];
    xT = new double[layout.rowWidth()][tileRows];
    paddedWidth = (int) paddedWidth(layout.rowWidth());
    xR = new double[tileRows][paddedWidth];
    a = new double[numHidden][tileRows];
    out = new double[tileRows * numOutputs];
    logit = new double[tileRows];
    work = new double[tileRows];
    prePackedRows = new int[tileRows];
  }

  /**
   * The doubles a forward pass with full tiles holds (Θᵀ and β, the tile's inputs twice, its activations,
   * logits and a row for the activation kernels), for the memory estimate of a training run: about one array the size of θ and two tiles of rows.
   *
   * @param numInputs m
   * @param numHidden g
   * @param numOutputs K
   * @return g (m + 1) + K g + K + (m + 1) T + T w + g T + T K + 2 T, T = {@link #TILE_ROWS}, w = m + 1 padded
   */
  public static long bufferValues(long numInputs, long numHidden, long numOutputs) {
    long d = numInputs + 1;
    long t = TILE_ROWS;
    return numHidden * d + numOutputs * numHidden + numOutputs + d * t + t * paddedWidth(d) + numHidden * t
        + t * numOutputs + 2 * t;
  }

  /**
   * @param width a row's values
   * @return width rounded up to a multiple of {@link #PAD}
   */
  static long paddedWidth(long width) {
    return (width + PAD - 1) / PAD * PAD;
  }

  /**
   * @return the number of values predicted per row: 2 class probabilities for one sigmoid output, K for a softmax,
   *     1 (the prediction itself) for a linear output
   */
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
    for (int start = 0; start < rows; start += tileRows) {
      int tile = Math.min(tileRows, rows - start);
      pack(x, null, firstRow + start, tile);
      hidden(tile);
      logits(tile);
      for (int r = 0; r < tile; r++) {
        sigma2.probabilities(out, r * k, k, p, (start + r) * width);
      }
    }
  }

  /** Copies Θ (transposed: one array per hidden unit) and β from θ. */
  void load(double[] params) {
    load(params, 0, numHidden);
  }

  /**
   * Copies the rows of Θ of hidden units {@code unitFrom} … {@code unitTo − 1} (the others are left as they are)
   * and all of β from θ.
   *
   * @param params θ (not modified)
   * @param unitFrom first hidden unit, inclusive
   * @param unitTo last hidden unit, exclusive
   */
  void load(double[] params, int unitFrom, int unitTo) {
    int g = numHidden;
    int d = layout.rowWidth();
    for (int l = unitFrom; l < unitTo; l++) {
      double[] row = thetaT[l];
      for (int i = 0, from = layout.thetaIndex(0, l); i < d; i++, from += g) {
        row[i] = params[from];
      }
    }
    for (int c = 0; c < numOutputs; c++) {
      betaBias[c] = params[layout.betaIndex(c, 0)];
      System.arraycopy(params, layout.betaIndex(c, 1), beta[c], 0, g);
    }
  }

  /**
   * Packs a tile: its rows from the row-major data into {@link #xR} and, transposed, into {@link #xT}.
   *
   * @param x row-major data with the bias column
   * @param rowIndex the rows' indices (the tile's rows are rowIndex[first] …), or null for the consecutive rows
   *        first, first + 1, …
   * @param first the tile's first row, or its first position in rowIndex
   * @param rows number of rows in the tile (&le; {@link #TILE_ROWS})
   */
  void pack(double[] x, int[] rowIndex, int first, int rows) {
    prePackedX = null;
    int d = numInputs + 1;
    if (rowIndex != null) {
      touch(x, rowIndex, first, rows, d);
    }
    double[][] xT = this.xT;
    for (int r = 0; r < rows; r++) {
      int offset = (rowIndex == null ? first + r : rowIndex[first + r]) * d;
      double[] row = xR[r];
      System.arraycopy(x, offset, row, 0, d);
      for (int i = 0; i < d; i++) {
        xT[i][r] = row[i];
      }
    }
  }

  /**
   * Packs the listed rows ahead of the call that needs them ({@link #holdsPrePacked}), e.g. while another thread
   * finishes the step before.
   *
   * @param x row-major data with the bias column (not modified, and not to be modified before the rows are used)
   * @param rowIndex the rows' indices: rowIndex[first] … (copied)
   * @param first the first position in rowIndex
   * @param rows number of rows (&le; this pass's tile rows)
   */
  void prePack(double[] x, int[] rowIndex, int first, int rows) {
    System.arraycopy(rowIndex, first, prePackedRows, 0, rows);
    pack(x, prePackedRows, 0, rows);
    prePackedX = x;
    prePackedCount = rows;
  }

  /**
   * @param x row-major data with the bias column
   * @param rowIndex the rows' indices, or null for consecutive rows
   * @param first the tile's first position in rowIndex
   * @param rows number of rows in the tile
   * @return true if the tile buffers hold exactly these rows of this matrix, packed by {@link #prePack} (and not
   *     replaced by a {@link #pack} since)
   */
  boolean holdsPrePacked(double[] x, int[] rowIndex, int first, int rows) {
    if (prePackedX != x || x == null || rowIndex == null || prePackedCount != rows) {
      return false;
    }
    for (int r = 0; r < rows; r++) {
      if (prePackedRows[r] != rowIndex[first + r]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Copies a packed tile from another forward pass of the same layout (which packed it ahead, on another thread).
   *
   * @param other the forward pass holding the tile (not modified)
   * @param rows number of rows in the tile
   */
  void copyTile(ForwardPass other, int rows) {
    prePackedX = null;
    int d = numInputs + 1;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(other.xR[r], 0, xR[r], 0, d);
    }
    for (int i = 0; i < d; i++) {
      System.arraycopy(other.xT[i], 0, xT[i], 0, rows);
    }
  }

  /**
   * Reads the listed rows into the cache ({@link #touch}), ahead of a {@link #prePack} of them.
   *
   * @param x row-major data with the bias column (not modified)
   * @param rowIndex the rows' indices (not modified)
   * @param first the first position in rowIndex
   * @param rows number of rows
   */
  void fetch(double[] x, int[] rowIndex, int first, int rows) {
    touch(x, rowIndex, first, rows, numInputs + 1);
  }

  /**
   * Reads one value of every cache line of the listed rows before they are copied. Rows drawn at random from a
   * large matrix are not in the caches; the copy fetches them one after another, each row costing about one
   * memory latency, while these loads are independent of each other, so the processor has many of them in flight
   * at once. (Java has no prefetch instruction; this is the nearest thing.)
   */
  private void touch(double[] x, int[] rowIndex, int first, int rows, int d) {
    double sum = 0.0;
    for (int r = 0; r < rows; r++) {
      int offset = rowIndex[first + r] * d;
      for (int i = 0; i < d; i += 8) {
        sum += x[offset + i];
      }
      sum += x[offset + d - 1];
    }
    touched = sum;
  }

  /**
   * The hidden layer for the packed tile: a_l = σ1(z_l), z_l = Σ_i Θ_{l,i} x_i (in the order of the class comment),
   * into {@link #a}. Θ must have been loaded.
   *
   * @param rows number of rows in the tile
   */
  void hidden(int rows) {
    hidden(rows, 0, numHidden);
  }

  /**
   * {@link #hidden(int)} for hidden units {@code unitFrom} … {@code unitTo − 1} only (the other units' activations
   * are left as they are). Each unit's activations are computed by the same operations whatever the range: a unit's
   * z is the same bits in a group of four as alone (see the class comment).
   *
   * @param rows number of rows in the tile
   * @param unitFrom first hidden unit, inclusive
   * @param unitTo last hidden unit, exclusive
   */
  void hidden(int rows, int unitFrom, int unitTo) {
    int d = numInputs + 1;
    double[][] xT = this.xT;
    int l = unitFrom;
    for (; l + 3 < unitTo; l += 4) {
      preActivations4(thetaT, xT, d, rows, a, l);
    }
    for (; l < unitTo; l++) {
      preActivations1(thetaT[l], xT, d, rows, a[l]);
    }
    for (l = unitFrom; l < unitTo; l++) {
      sigma1.apply(kernels, a[l], rows, work);
    }
  }

  /**
   * z_l … z_{l+3} over the tile's rows, two inputs per pass. (The arrays are looked up here rather than passed one
   * by one: with eleven array arguments C2 leaves the loop scalar, 4.3 against 12 GMAC/s in a probe.)
   */
  private static void preActivations4(double[][] thetaT, double[][] xT, int d, int rows, double[][] z, int l) {
    double[] t0 = thetaT[l];
    double[] t1 = thetaT[l + 1];
    double[] t2 = thetaT[l + 2];
    double[] t3 = thetaT[l + 3];
    double[] z0 = z[l];
    double[] z1 = z[l + 1];
    double[] z2 = z[l + 2];
    double[] z3 = z[l + 3];
    Arrays.fill(z0, 0, rows, 0.0);
    Arrays.fill(z1, 0, rows, 0.0);
    Arrays.fill(z2, 0, rows, 0.0);
    Arrays.fill(z3, 0, rows, 0.0);
    int i = 0;
    for (; i + 1 < d; i += 2) {
      double[] u = xT[i];
      double[] v = xT[i + 1];
      double p0 = t0[i];
      double q0 = t0[i + 1];
      double p1 = t1[i];
      double q1 = t1[i + 1];
      double p2 = t2[i];
      double q2 = t2[i + 1];
      double p3 = t3[i];
      double q3 = t3[i + 1];
      for (int r = 0; r < rows; r++) {
        double ur = u[r];
        double vr = v[r];
        z0[r] += ur * p0 + vr * q0;
        z1[r] += ur * p1 + vr * q1;
        z2[r] += ur * p2 + vr * q2;
        z3[r] += ur * p3 + vr * q3;
      }
    }
    if (i < d) {
      lastInput4(thetaT, xT[i], i, rows, z, l);
    }
  }

  /**
   * z_l … z_{l+3} += x_i Θ_{l,i} for the last input i. (A loop of its own: with this loop in the same method as
   * the pairs' loop, C2 vectorized neither, 4.7 against 10 GMAC/s in a probe.)
   */
  private static void lastInput4(double[][] thetaT, double[] u, int i, int rows, double[][] z, int l) {
    double p0 = thetaT[l][i];
    double p1 = thetaT[l + 1][i];
    double p2 = thetaT[l + 2][i];
    double p3 = thetaT[l + 3][i];
    double[] z0 = z[l];
    double[] z1 = z[l + 1];
    double[] z2 = z[l + 2];
    double[] z3 = z[l + 3];
    for (int r = 0; r < rows; r++) {
      double ur = u[r];
      z0[r] += ur * p0;
      z1[r] += ur * p1;
      z2[r] += ur * p2;
      z3[r] += ur * p3;
    }
  }

  /** z_l for one hidden unit: the same operations as {@link #preActivations4} on each unit. */
  private static void preActivations1(double[] t, double[][] xT, int d, int rows, double[] z) {
    Arrays.fill(z, 0, rows, 0.0);
    int i = 0;
    for (; i + 1 < d; i += 2) {
      double[] u = xT[i];
      double[] v = xT[i + 1];
      double p = t[i];
      double q = t[i + 1];
      for (int r = 0; r < rows; r++) {
        z[r] += u[r] * p + v[r] * q;
      }
    }
    if (i < d) {
      lastInput1(t[i], xT[i], rows, z);
    }
  }

  /** z += x_i Θ_{l,i} for the last input i (a loop of its own, see {@link #lastInput4}). */
  private static void lastInput1(double p, double[] u, int rows, double[] z) {
    for (int r = 0; r < rows; r++) {
      z[r] += u[r] * p;
    }
  }

  /**
   * The logits for the tile: W = A βᵀ, w_rc = β_{c,0} + Σ_l β_{c,l} a_l[r] (the units added one after another,
   * the bias first), into {@link #out}.
   *
   * @param rows number of rows
   */
  void logits(int rows) {
    logits(rows, a);
  }

  /**
   * {@link #logits(int)} from activations held elsewhere (row l of {@code a} is hidden unit l over the tile's rows),
   * e.g. half of them computed by another thread's forward pass.
   *
   * @param rows number of rows
   * @param a the activations, g × tile (not modified)
   */
  void logits(int rows, double[][] a) {
    int g = numHidden;
    int k = numOutputs;
    double[] w = k == 1 ? out : logit;
    for (int c = 0; c < k; c++) {
      double[] bc = beta[c];
      Arrays.fill(w, 0, rows, betaBias[c]);
      for (int l = 0; l < g; l++) {
        double[] al = a[l];
        double b = bc[l];
        for (int r = 0; r < rows; r++) {
          w[r] += b * al[r];
        }
      }
      if (k > 1) {
        for (int r = 0; r < rows; r++) {
          out[r * k + c] = w[r];
        }
      }
    }
  }
}
