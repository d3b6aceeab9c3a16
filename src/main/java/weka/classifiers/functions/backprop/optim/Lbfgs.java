package weka.classifiers.functions.backprop.optim;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Algorithms 7.4 and 7.5) for a
 * {@link DifferentiableFunction}, one iteration per {@link #iterate()} call. Knows nothing of networks or data.
 *
 * <p>From the last m = {@link #HISTORY} pairs s_i = θ_{i+1} − θ_i, y_i = ∇J(θ_{i+1}) − ∇J(θ_i),
 * ρ_i = 1 / (y_iᵀ s_i), the two-loop recursion computes the direction d = −H∇J:
 * <pre>
 *   q = ∇J(θ)
 *   for i = newest … oldest:   α_i = ρ_i s_iᵀ q,   q ← q − α_i y_i
 *   r = γ q,                   γ = sᵀy / yᵀy of the newest pair (the initial Hessian scaling)
 *   for i = oldest … newest:   b = ρ_i y_iᵀ r,     r ← r + (α_i − b) s_i
 *   d = −r
 * </pre>
 * then θ ← θ + α d with α from a {@link StrongWolfeLineSearch} (c1 = 10⁻⁴, c2 = 0.9) whose first trial is
 * α = 1, or α = 1 / ‖∇J‖₂ along d = −∇J when there is no history (the first iteration moves θ by at most 1).
 * The new pair is stored unless sᵀy ≤ {@link #CURVATURE_TOLERANCE}·‖s‖‖y‖ (then H would not stay positive
 * definite).
 *
 * <p>When the line search finds no step that lowers J (within its evaluation budget, NaN and infinite values
 * counting as too high), the history is dropped and steepest descent d = −∇J is tried once; if that fails too,
 * {@link #iterate()} returns false and θ stays where it was. It also returns false, without evaluating, once
 * {@link #converged()}: ‖∇J‖∞ ≤ {@link #GRADIENT_TOLERANCE}·max(1, |J|).
 *
 * <p>Deterministic: the same function and start give the same iterates. Memory: 2m + 7 vectors of n values
 * (with the line search's).
 */
public final class Lbfgs {

  /** m: the number of (s, y) pairs kept. */
  public static final int HISTORY = 10;
  /** Converged when ‖∇J‖∞ ≤ this · max(1, |J|). */
  public static final double GRADIENT_TOLERANCE = 1e-8;
  /** ε: a pair is stored only if sᵀy &gt; ε ‖s‖₂ ‖y‖₂. */
  public static final double CURVATURE_TOLERANCE = 1e-10;

  private final DifferentiableFunction function;
  private final StrongWolfeLineSearch lineSearch;
  private final double[][] s;
  private final double[][] y;
  private final double[] rho = new double[HISTORY];
  private final double[] alpha = new double[HISTORY];
  private int historySize;
  private int newest;
  private final double[] theta;
  private final double[] gradient;
  private final double[] direction;
  private double value = Double.NaN;
  private int startEvaluations;

  /**
   * @param numParameters n ≥ 1
   * @param function J and ∇J
   */
  public Lbfgs(int numParameters, DifferentiableFunction function) {
    if (numParameters < 1) {
      throw new IllegalArgumentException("need at least one parameter, got " + numParameters);
    }
    this.function = function;
    this.lineSearch = new StrongWolfeLineSearch(numParameters, function);
    this.s = new double[HISTORY][numParameters];
    this.y = new double[HISTORY][numParameters];
    this.theta = new double[numParameters];
    this.gradient = new double[numParameters];
    this.direction = new double[numParameters];
  }

  /**
   * Starts (or restarts) at θ₀: evaluates J(θ₀) and ∇J(θ₀) and forgets the history.
   *
   * @param start θ₀ (copied)
   * @return J(θ₀), possibly NaN or infinite (then {@link #iterate()} makes no step)
   */
  public double start(double[] start) {
    System.arraycopy(start, 0, theta, 0, theta.length);
    value = function.valueAndGradient(theta, gradient);
    startEvaluations++;
    historySize = 0;
    return value;
  }

  /**
   * One iteration: direction, line search, history update.
   *
   * @return true if θ moved to a point where J is no higher (J lower, unless the step was too small to
   *         change it); false if {@link #converged()} or no step lowered J, and θ is unchanged
   */
  public boolean iterate() {
    if (converged() || !isFinite(value)) {
      return false;
    }
    boolean fromHistory = historySize > 0 && historyDirection();
    boolean found;
    if (fromHistory) {
      found = lineSearch.search(theta, value, gradient, direction, 1.0);
      if (!found) {
        historySize = 0;
      }
    } else {
      historySize = 0;
      found = false;
    }
    if (!found) {
      found = lineSearch.search(theta, value, gradient, steepestDescent(), 1.0 / norm(gradient));
    }
    if (!found) {
      return false;
    }
    remember(lineSearch.point(), lineSearch.gradient());
    System.arraycopy(lineSearch.point(), 0, theta, 0, theta.length);
    System.arraycopy(lineSearch.gradient(), 0, gradient, 0, gradient.length);
    value = lineSearch.value();
    return true;
  }

  /**
   * The two-loop recursion (see the class comment) into {@link #direction}.
   *
   * @return true if d is a descent direction, ∇Jᵀd &lt; 0
   */
  private boolean historyDirection() {
    double[] q = direction;
    System.arraycopy(gradient, 0, q, 0, q.length);
    for (int k = 0; k < historySize; k++) {
      int i = slot(newest - k);
      alpha[i] = rho[i] * StrongWolfeLineSearch.dot(s[i], q);
      axpy(-alpha[i], y[i], q);
    }
    double gamma = 1.0 / (rho[newest] * StrongWolfeLineSearch.dot(y[newest], y[newest]));
    for (int j = 0; j < q.length; j++) {
      q[j] *= gamma;
    }
    for (int k = historySize - 1; k >= 0; k--) {
      int i = slot(newest - k);
      double b = rho[i] * StrongWolfeLineSearch.dot(y[i], q);
      axpy(alpha[i] - b, s[i], q);
    }
    for (int j = 0; j < q.length; j++) {
      q[j] = -q[j];
    }
    return StrongWolfeLineSearch.dot(gradient, direction) < 0;
  }

  /** @return d = −∇J, in {@link #direction} */
  private double[] steepestDescent() {
    for (int j = 0; j < direction.length; j++) {
      direction[j] = -gradient[j];
    }
    return direction;
  }

  /** Stores s = θ' − θ, y = ∇J(θ') − ∇J(θ), ρ = 1 / sᵀy in the next slot if sᵀy &gt; ε‖s‖‖y‖. */
  private void remember(double[] nextTheta, double[] nextGradient) {
    int i = slot(newest + 1);
    double[] si = s[i];
    double[] yi = y[i];
    for (int j = 0; j < si.length; j++) {
      si[j] = nextTheta[j] - theta[j];
      yi[j] = nextGradient[j] - gradient[j];
    }
    double sy = StrongWolfeLineSearch.dot(si, yi);
    if (sy > CURVATURE_TOLERANCE * norm(si) * norm(yi)) {
      rho[i] = 1.0 / sy;
      newest = i;
      historySize = Math.min(HISTORY, historySize + 1);
    }
  }

  private static int slot(int index) {
    return Math.floorMod(index, HISTORY);
  }

  private static void axpy(double a, double[] x, double[] target) {
    for (int j = 0; j < target.length; j++) {
      target[j] += a * x[j];
    }
  }

  private static double norm(double[] v) {
    return Math.sqrt(StrongWolfeLineSearch.dot(v, v));
  }

  private static boolean isFinite(double value) {
    return value > Double.NEGATIVE_INFINITY && value < Double.POSITIVE_INFINITY;
  }

  /** @return true if ‖∇J(θ)‖∞ ≤ {@link #GRADIENT_TOLERANCE}·max(1, |J(θ)|) at the current θ */
  public boolean converged() {
    double largest = 0.0;
    for (double g : gradient) {
      largest = Math.max(largest, Math.abs(g));
    }
    return largest <= GRADIENT_TOLERANCE * Math.max(1.0, Math.abs(value));
  }

  /** @return J at the current θ */
  public double value() {
    return value;
  }

  /**
   * @param out receives the current θ
   */
  public void copyPosition(double[] out) {
    System.arraycopy(theta, 0, out, 0, theta.length);
  }

  /**
   * @param out receives ∇J at the current θ
   */
  public void copyGradient(double[] out) {
    System.arraycopy(gradient, 0, out, 0, gradient.length);
  }

  /** @return the number of (s, y) pairs the next direction will use, 0 … {@link #HISTORY} */
  public int historySize() {
    return historySize;
  }

  /** @return evaluations of J and ∇J so far (starts and line searches) */
  public int evaluations() {
    return startEvaluations + lineSearch.evaluations();
  }
}
