package weka.classifiers.functions.backprop.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;

/**
 * The vector kernels' formulas for one value at a time: the same operations, in the same order, with the same
 * roundings as {@code VectorActivationKernels} computes them lane by lane (Cody–Waite reduction, a degree-13
 * Taylor polynomial by fused multiply-adds, 2^k from its exponent bits; see that class). Every step is an exactly
 * rounded IEEE operation, so these give the vector kernels' results bit for bit on any JVM: the vector kernels
 * use them for the tail of a row shorter than a vector (so a result never depends on the machine's vector
 * length), and a JVM that cannot run the Vector API (Java 8, or started without
 * {@code --add-modules jdk.incubator.vector}) computes a vector-kernel model's activations with them, slower but
 * identical ({@link ActivationKernels#vector()}).
 *
 * <p>The fused multiply-add is {@code Math.fma} (Java 9+, an intrinsic where the CPU has one); on Java 8 it is
 * computed exactly with {@link BigDecimal} and rounded once.
 */
final class VectorFormula {

  static final double LOG2E = 1.4426950408889634;
  /** ln 2 in two parts (fdlibm's): k·LN2_HI is exact for the k used here. */
  static final double LN2_HI = 6.93147180369123816490e-01;
  static final double LN2_LO = 1.90821492927058770002e-10;
  /** Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to the nearest integer. */
  static final double ROUNDER = 0x1.8p52;
  /** e^x for x below this is taken at this x (2^k stays a normal number). */
  static final double LOWEST = -708.0;
  static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  /** Cj = 1/j!, j = 2 … 13: the Taylor coefficients of e^r. */
  static final double C2 = 1.0 / 2;
  static final double C3 = 1.0 / 6;
  static final double C4 = 1.0 / 24;
  static final double C5 = 1.0 / 120;
  static final double C6 = 1.0 / 720;
  static final double C7 = 1.0 / 5040;
  static final double C8 = 1.0 / 40320;
  static final double C9 = 1.0 / 362880;
  static final double C10 = 1.0 / 3628800;
  static final double C11 = 1.0 / 39916800;
  static final double C12 = 1.0 / 479001600;
  static final double C13 = 1.0 / 6227020800.0;

  /** Math.fma(double, double, double) where the JDK has it (9+), else null. */
  private static final MethodHandle FMA = fmaHandle();

  private VectorFormula() {
  }

  private static MethodHandle fmaHandle() {
    try {
      return MethodHandles.publicLookup().findStatic(Math.class, "fma",
          MethodType.methodType(double.class, double.class, double.class, double.class));
    } catch (ReflectiveOperationException e) {
      return null; // Java 8
    }
  }

  /** @return a·b + c rounded once */
  static double fma(double a, double b, double c) {
    if (FMA != null) {
      try {
        return (double) FMA.invokeExact(a, b, c);
      } catch (Throwable e) {
        throw new IllegalStateException("Math.fma failed", e);
      }
    }
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isInfinite(a) || Double.isInfinite(b)
        || Double.isInfinite(c)) {
      return a * b + c; // NaN or infinity either way
    }
    BigDecimal exact = new BigDecimal(a).multiply(new BigDecimal(b)).add(new BigDecimal(c));
    if (exact.signum() == 0) {
      return a * b == 0.0 && c == 0.0 ? a * b + c : 0.0; // an exact zero: -0 only for -0 + -0, as IEEE says
    }
    return exact.doubleValue();
  }

  /** e^x for x ≤ 0, as the vector kernels compute it (x below {@link #LOWEST} is taken as LOWEST). */
  static double expNonPositive(double x) {
    double clamped = Math.max(x, LOWEST);
    double shifted = clamped * LOG2E + ROUNDER;
    double k = shifted - ROUNDER;
    double r = fma(k, -LN2_HI, clamped);
    r = fma(k, -LN2_LO, r);
    double p = fma(r, C13, C12);
    p = fma(p, r, C11);
    p = fma(p, r, C10);
    p = fma(p, r, C9);
    p = fma(p, r, C8);
    p = fma(p, r, C7);
    p = fma(p, r, C6);
    p = fma(p, r, C5);
    p = fma(p, r, C4);
    p = fma(p, r, C3);
    p = fma(p, r, C2);
    p = fma(p, r, 1.0);
    p = fma(p, r, 1.0);
    double twoToK = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + (1023L - ROUNDER_BITS)) << 52);
    return p * twoToK;
  }

  /** tanh(z) = sign(z) (1 − e) / (1 + e), e = exp(−2|z|); z − z³/3 below |z| = 2^-13. */
  static double tanh(double z) {
    double m = Math.abs(z);
    if (m < ActivationFunction.SERIES_BELOW) {
      return z - z * z * z / 3.0;
    }
    double e = expNonPositive(m * -2.0);
    double t = (-e + 1.0) / (e + 1.0);
    return z < 0.0 ? -t : t;
  }

  /** 1 / (1 + exp(−z)), as 1 / (1 + e) for z ≥ 0 and e / (1 + e) for z &lt; 0, e = exp(−|z|). */
  static double logistic(double z) {
    double e = expNonPositive(-Math.abs(z));
    double denominator = e + 1.0;
    return z < 0.0 ? e / denominator : 1.0 / denominator;
  }

  /** The formulas one value at a time: the kernels of a JVM without the Vector API. */
  static final class Kernels extends ActivationKernels {

    @Override
    public void tanh(double[] z, int n) {
      for (int l = 0; l < n; l++) {
        z[l] = VectorFormula.tanh(z[l]);
      }
    }

    @Override
    public void logistic(double[] z, int n) {
      for (int l = 0; l < n; l++) {
        z[l] = VectorFormula.logistic(z[l]);
      }
    }

    @Override
    public String name() {
      return "vector (the Vector API kernels' formulas, one value at a time: this JVM runs no Vector API)";
    }
  }
}
