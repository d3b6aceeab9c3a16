package weka.classifiers.functions.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The L-BFGS minimiser on plain functions: a convex quadratic and Rosenbrock's function reach their minima,
 * every accepted step satisfies the sufficient-decrease (Armijo) condition, and a function that cannot be
 * lowered ends the iterations instead of failing.
 */
class LbfgsTest {

  /** Records every evaluation the minimiser asks for: θ, J(θ) and ∇J(θ). */
  private static final class Recorder implements DifferentiableFunction {
    final DifferentiableFunction function;
    final List<double[]> points = new ArrayList<>();
    final List<Double> values = new ArrayList<>();

    Recorder(DifferentiableFunction function) {
      this.function = function;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradientOut) {
      double value = function.valueAndGradient(theta, gradientOut);
      points.add(theta.clone());
      values.add(value);
      return value;
    }

    /** @return J at θ as evaluated, or fails if θ was never evaluated */
    double valueAt(double[] theta) {
      for (int k = points.size() - 1; k >= 0; k--) {
        if (Arrays.equals(points.get(k), theta)) {
          return values.get(k);
        }
      }
      throw new AssertionError("the minimiser moved to a point it never evaluated: " + Arrays.toString(theta));
    }
  }

  /**
   * J(θ) = ½ (θ − c)ᵀ A (θ − c) with A = Qᵀ diag(λ) Q symmetric positive definite, λ spread over [1, 10];
   * the minimum is c with J = 0.
   */
  private static final class Quadratic implements DifferentiableFunction {
    final double[][] a;
    final double[] c;

    Quadratic(int n, long seed) {
      Random random = new Random(seed);
      double[][] q = orthogonal(n, random);
      a = new double[n][n];
      for (int k = 0; k < n; k++) {
        double lambda = 1.0 + 9.0 * k / (n - 1);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            a[i][j] += q[k][i] * lambda * q[k][j];
          }
        }
      }
      c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = random.nextGaussian();
      }
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradientOut) {
      int n = c.length;
      double value = 0;
      for (int i = 0; i < n; i++) {
        double g = 0;
        for (int j = 0; j < n; j++) {
          g += a[i][j] * (theta[j] - c[j]);
        }
        gradientOut[i] = g;
        value += 0.5 * (theta[i] - c[i]) * g;
      }
      return value;
    }

    /** Rows of a random orthogonal matrix (Gram-Schmidt on Gaussian vectors). */
    private static double[][] orthogonal(int n, Random random) {
      double[][] q = new double[n][n];
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < n; i++) {
          q[k][i] = random.nextGaussian();
        }
        for (int j = 0; j < k; j++) {
          double dot = StrongWolfeLineSearch.dot(q[k], q[j]);
          for (int i = 0; i < n; i++) {
            q[k][i] -= dot * q[j][i];
          }
        }
        double norm = Math.sqrt(StrongWolfeLineSearch.dot(q[k], q[k]));
        for (int i = 0; i < n; i++) {
          q[k][i] /= norm;
        }
      }
      return q;
    }
  }

  /** J(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1). */
  private static double rosenbrock(double[] theta, double[] gradientOut) {
    double x = theta[0];
    double y = theta[1];
    gradientOut[0] = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x);
    gradientOut[1] = 200.0 * (y - x * x);
    return (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x);
  }

  /**
   * Runs until the minimiser stops or after {@code maxIterations}, checking sufficient decrease at every step:
   * J(θ') ≤ J(θ) + c1 ∇J(θ)ᵀ(θ' − θ), where θ' is a point the function was evaluated at.
   *
   * @return the number of iterations that moved θ
   */
  private static int minimise(Lbfgs lbfgs, Recorder recorder, int maxIterations) {
    int n = recorder.points.get(0).length;
    double[] theta = new double[n];
    double[] gradient = new double[n];
    double[] next = new double[n];
    int iterations = 0;
    while (iterations < maxIterations) {
      lbfgs.copyPosition(theta);
      lbfgs.copyGradient(gradient);
      double value = lbfgs.value();
      if (!lbfgs.iterate()) {
        lbfgs.copyPosition(next);
        assertArrayEquals(theta, next, 0.0, "a failed iteration must leave θ where it was");
        break;
      }
      iterations++;
      lbfgs.copyPosition(next);
      double directional = 0;
      for (int i = 0; i < n; i++) {
        directional += gradient[i] * (next[i] - theta[i]);
      }
      double nextValue = recorder.valueAt(next);
      assertEquals(nextValue, lbfgs.value(), 0.0);
      assertTrue(nextValue <= value + StrongWolfeLineSearch.C1 * directional,
          "Armijo fails at iteration " + iterations + ": " + nextValue + " > " + value + " + c1·" + directional);
    }
    return iterations;
  }

  @Test
  void convexQuadraticReachesItsMinimumWithinAFewTimesNIterations() {
    int n = 30;
    Quadratic quadratic = new Quadratic(n, 7);
    Recorder recorder = new Recorder(quadratic);
    Lbfgs lbfgs = new Lbfgs(n, recorder);
    lbfgs.start(new double[n]);
    int iterations = minimise(lbfgs, recorder, 1000);

    assertTrue(lbfgs.converged(), "should stop because the gradient vanished");
    assertTrue(iterations <= 3 * n, iterations + " iterations for n = " + n);
    double[] theta = new double[n];
    lbfgs.copyPosition(theta);
    assertArrayEquals(quadratic.c, theta, 1e-8);
    assertEquals(0.0, lbfgs.value(), 1e-15);
    assertEquals(recorder.points.size(), lbfgs.evaluations());
  }

  @Test
  void rosenbrockFromTheClassicStartReachesOneOne() {
    Recorder recorder = new Recorder(LbfgsTest::rosenbrock);
    Lbfgs lbfgs = new Lbfgs(2, recorder);
    lbfgs.start(new double[] {-1.2, 1.0});
    int iterations = minimise(lbfgs, recorder, 500);

    assertTrue(lbfgs.converged(), "should stop because the gradient vanished, after " + iterations);
    double[] theta = new double[2];
    lbfgs.copyPosition(theta);
    assertArrayEquals(new double[] {1.0, 1.0}, theta, 1e-6);
    assertTrue(iterations < 100, iterations + " iterations");
  }

  @Test
  void aFunctionThatCannotBeLoweredEndsTheIterationsWithoutMovingTheStart() {
    // J decreases along −∇J only in exact arithmetic: every trial point is NaN
    DifferentiableFunction cliff = (theta, gradientOut) -> {
      gradientOut[0] = 1.0;
      return theta[0] == 0.0 ? 0.0 : Double.NaN;
    };
    Lbfgs lbfgs = new Lbfgs(1, cliff);
    assertEquals(0.0, lbfgs.start(new double[] {0.0}));
    assertFalse(lbfgs.iterate());
    double[] theta = new double[1];
    lbfgs.copyPosition(theta);
    assertEquals(0.0, theta[0]);
    assertEquals(1 + StrongWolfeLineSearch.MAX_EVALUATIONS, lbfgs.evaluations(),
        "one start and one steepest-descent search (no history to drop first)");
  }

  @Test
  void aVanishingGradientStopsWithoutEvaluating() {
    DifferentiableFunction flat = (theta, gradientOut) -> {
      gradientOut[0] = 0.5 * Lbfgs.GRADIENT_TOLERANCE;
      return 0.25;
    };
    Lbfgs lbfgs = new Lbfgs(1, flat);
    lbfgs.start(new double[] {3.0});
    assertTrue(lbfgs.converged());
    assertFalse(lbfgs.iterate());
    assertEquals(1, lbfgs.evaluations());
  }

  @Test
  void theHistoryHoldsAtMostMPairs() {
    int n = 40;
    Lbfgs lbfgs = new Lbfgs(n, new Quadratic(n, 3));
    lbfgs.start(new double[n]);
    int maxHistory = 0;
    for (int k = 0; k < 25 && lbfgs.iterate(); k++) {
      maxHistory = Math.max(maxHistory, lbfgs.historySize());
    }
    assertEquals(Lbfgs.HISTORY, maxHistory);
  }

  @Test
  void cubicTrialStepIsTheMinimiserOfTheInterpolatingCubic() {
    // φ(α) = α³ − 3α (minimum at α = 1) on [0, 2]: φ(0) = 0, φ'(0) = −3, φ(2) = 2,
    // φ'(2) = 9; the interpolating cubic is φ itself
    assertEquals(1.0, StrongWolfeLineSearch.trialStep(0.0, 0.0, -3.0, 2.0, 2.0, 9.0), 1e-12);
    // the same interval given from the other end
    assertEquals(1.0, StrongWolfeLineSearch.trialStep(2.0, 2.0, 9.0, 0.0, 0.0, -3.0), 1e-12);
    // no real minimiser (a line): bisection
    assertEquals(0.5, StrongWolfeLineSearch.trialStep(0.0, 0.0, -1.0, 1.0, -1.0, -1.0), 0.0);
  }
}
