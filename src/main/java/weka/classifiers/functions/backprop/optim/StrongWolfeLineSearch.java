package weka.classifiers.functions.backprop.optim;

/**
 * A line search for a step α along a descent direction d from θ that satisfies the strong Wolfe conditions
 * on φ(α) = J(θ + α d):
 * <pre>
 *   φ(α) ≤ φ(0) + c1 α φ'(0)          sufficient decrease (Armijo)
 *   |φ'(α)| ≤ c2 |φ'(0)|              curvature,    φ'(α) = ∇J(θ + α d)ᵀ d,   0 &lt; c1 &lt; c2 &lt; 1
 * </pre>
 * Nocedal &amp; Wright, Numerical Optimization (2nd ed.), Algorithm 3.5 (bracketing: α grows by
 * {@link #EXTRAPOLATION} until an interval holds an acceptable step) and Algorithm 3.6 (zoom: the interval
 * shrinks by the minimiser of the cubic through φ and φ' at its ends, eq. 3.59, kept
 * {@link #INTERPOLATION_MARGIN} of the interval away from both ends, or by bisection).
 *
 * <p>A NaN or infinite φ(α) or φ'(α) counts as "too high": the step shrinks. At most
 * {@link #MAX_EVALUATIONS} evaluations are made; if they run out (or the interval shrinks to neighbouring
 * doubles), the lowest point found with sufficient decrease and φ(α) &lt; φ(0) is accepted (the curvature
 * condition may then fail), and if there is none the search fails. Deterministic: the same inputs give the
 * same evaluations.
 */
final class StrongWolfeLineSearch {

  /** c1 of the sufficient-decrease condition. */
  static final double C1 = 1e-4;
  /** c2 of the curvature condition (the usual value for quasi-Newton methods). */
  static final double C2 = 0.9;
  /** Most evaluations of J and ∇J in one search. */
  static final int MAX_EVALUATIONS = 20;
  /** Bracketing: the factor by which the trial step grows while J still falls steeply. */
  static final double EXTRAPOLATION = 2.0;
  /** Zoom: an interpolated trial step keeps at least this fraction of the interval from either end. */
  static final double INTERPOLATION_MARGIN = 0.1;

  private final DifferentiableFunction function;
  private double[] trialPoint;
  private double[] trialGradient;
  private double[] lowPoint;
  private double[] lowGradient;
  private double[] acceptedPoint;
  private double[] acceptedGradient;
  private double acceptedValue;
  private int evaluations;
  private int searchEvaluations;

  // the search in progress: θ, d, φ(0), φ'(0), and the trial point's φ, φ'
  private double[] origin;
  private double[] direction;
  private double phi0;
  private double slope0;
  private double trialPhi;
  private double trialSlope;

  /**
   * @param numParameters n
   * @param function J and ∇J
   */
  StrongWolfeLineSearch(int numParameters, DifferentiableFunction function) {
    this.function = function;
    this.trialPoint = new double[numParameters];
    this.trialGradient = new double[numParameters];
    this.lowPoint = new double[numParameters];
    this.lowGradient = new double[numParameters];
  }

  /**
   * Searches along d from θ.
   *
   * @param theta θ (not modified)
   * @param value J(θ), finite
   * @param gradient ∇J(θ) (not modified)
   * @param d the direction, with ∇J(θ)ᵀ d &lt; 0 (not modified)
   * @param initialStep the first trial α &gt; 0
   * @return true if a step was accepted ({@link #point()}, {@link #value()}, {@link #gradient()} hold it);
   *         false if no step with sufficient decrease was found within {@link #MAX_EVALUATIONS}
   */
  boolean search(double[] theta, double value, double[] gradient, double[] d, double initialStep) {
    origin = theta;
    direction = d;
    phi0 = value;
    slope0 = dot(gradient, d);
    searchEvaluations = 0;
    if (!(slope0 < 0)) {
      return false;
    }
    double previousStep = 0.0;
    double previousPhi = phi0;
    double previousSlope = slope0;
    double step = initialStep;
    while (searchEvaluations < MAX_EVALUATIONS) {
      evaluate(step);
      if (tooHigh(step, trialPhi) || (previousStep > 0 && trialPhi >= previousPhi)) {
        return zoom(previousStep, previousPhi, previousSlope, step, trialPhi, trialSlope);
      }
      if (Math.abs(trialSlope) <= -C2 * slope0) {
        return accept(trialPoint, trialGradient, trialPhi);
      }
      if (trialSlope >= 0) {
        keepTrialAsLow();
        return zoom(step, trialPhi, trialSlope, previousStep, previousPhi, previousSlope);
      }
      keepTrialAsLow();
      previousStep = step;
      previousPhi = trialPhi;
      previousSlope = trialSlope;
      step *= EXTRAPOLATION;
    }
    return acceptLow(previousStep, previousPhi);
  }

  /**
   * Algorithm 3.6: the interval between αlo (the lowest point so far with sufficient decrease; its point is in
   * the low buffers when αlo &gt; 0) and αhi holds an acceptable step.
   */
  private boolean zoom(double lowStep, double lowPhi, double lowSlope, double highStep, double highPhi,
      double highSlope) {
    while (searchEvaluations < MAX_EVALUATIONS) {
      double step = trialStep(lowStep, lowPhi, lowSlope, highStep, highPhi, highSlope);
      if (step == lowStep || step == highStep) {
        break; // the interval is as small as the doubles allow
      }
      evaluate(step);
      if (tooHigh(step, trialPhi) || trialPhi >= lowPhi) {
        highStep = step;
        highPhi = trialPhi;
        highSlope = trialSlope;
      } else {
        if (Math.abs(trialSlope) <= -C2 * slope0) {
          return accept(trialPoint, trialGradient, trialPhi);
        }
        if (trialSlope * (highStep - lowStep) >= 0) {
          highStep = lowStep;
          highPhi = lowPhi;
          highSlope = lowSlope;
        }
        keepTrialAsLow();
        lowStep = step;
        lowPhi = trialPhi;
        lowSlope = trialSlope;
      }
    }
    return acceptLow(lowStep, lowPhi);
  }

  /**
   * The minimiser of the cubic through (αlo, φlo, φ'lo) and (αhi, φhi, φ'hi) (Nocedal &amp; Wright eq. 3.59):
   * <pre>
   *   d1 = φ'lo + φ'hi − 3 (φlo − φhi) / (αlo − αhi),   d2 = sign(αhi − αlo) √(d1² − φ'lo φ'hi)
   *   α  = αhi − (αhi − αlo) (φ'hi + d2 − d1) / (φ'hi − φ'lo + 2 d2)
   * </pre>
   * or the midpoint when that is undefined, not finite, or within {@link #INTERPOLATION_MARGIN} of an end.
   */
  static double trialStep(double lowStep, double lowPhi, double lowSlope, double highStep, double highPhi,
      double highSlope) {
    double middle = 0.5 * (lowStep + highStep);
    double d1 = lowSlope + highSlope - 3.0 * (lowPhi - highPhi) / (lowStep - highStep);
    double radicand = d1 * d1 - lowSlope * highSlope;
    if (!(radicand >= 0) || Double.isInfinite(radicand)) {
      return middle;
    }
    double d2 = Math.copySign(Math.sqrt(radicand), highStep - lowStep);
    double step = highStep - (highStep - lowStep) * (highSlope + d2 - d1) / (highSlope - lowSlope + 2.0 * d2);
    double lower = Math.min(lowStep, highStep);
    double upper = Math.max(lowStep, highStep);
    double margin = INTERPOLATION_MARGIN * (upper - lower);
    return step >= lower + margin && step <= upper - margin ? step : middle;
  }

  /** Evaluates φ and φ' at θ + α d into the trial buffers. */
  private void evaluate(double step) {
    for (int i = 0; i < trialPoint.length; i++) {
      trialPoint[i] = origin[i] + step * direction[i];
    }
    trialPhi = function.valueAndGradient(trialPoint, trialGradient);
    trialSlope = isFinite(trialPhi) ? dot(trialGradient, direction) : Double.NaN;
    evaluations++;
    searchEvaluations++;
  }

  /** @return true unless the trial's φ(α) and φ'(α) are finite and φ(α) satisfies sufficient decrease */
  private boolean tooHigh(double step, double phi) {
    return !isFinite(phi) || !isFinite(trialSlope) || phi > phi0 + C1 * step * slope0;
  }

  private void keepTrialAsLow() {
    double[] swap = lowPoint;
    lowPoint = trialPoint;
    trialPoint = swap;
    swap = lowGradient;
    lowGradient = trialGradient;
    trialGradient = swap;
  }

  /** Out of evaluations, or the interval cannot shrink: accepts the low point if it is a step that lowered J. */
  private boolean acceptLow(double lowStep, double lowPhi) {
    if (lowStep > 0 && lowPhi < phi0) {
      return accept(lowPoint, lowGradient, lowPhi);
    }
    return false;
  }

  private boolean accept(double[] point, double[] gradient, double value) {
    acceptedPoint = point;
    acceptedGradient = gradient;
    acceptedValue = value;
    return true;
  }

  /** @return θ + α d of the accepted step (a view, valid until the next search) */
  double[] point() {
    return acceptedPoint;
  }

  /** @return ∇J at the accepted point (a view, valid until the next search) */
  double[] gradient() {
    return acceptedGradient;
  }

  /** @return J at the accepted point */
  double value() {
    return acceptedValue;
  }

  /** @return evaluations of J and ∇J in all searches so far */
  int evaluations() {
    return evaluations;
  }

  /** @return aᵀb, summed in index order */
  static double dot(double[] a, double[] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static boolean isFinite(double value) {
    return value > Double.NEGATIVE_INFINITY && value < Double.POSITIVE_INFINITY;
  }
}
