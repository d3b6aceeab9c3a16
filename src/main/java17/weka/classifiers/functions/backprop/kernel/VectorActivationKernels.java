package weka.classifiers.functions.backprop.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The activation kernels with the JDK's incubating Vector API (Java 17+ part of the multi-release jar, used
 * only when the JVM was started with {@code --add-modules jdk.incubator.vector}; see {@link ActivationKernels}).
 * The same formulas as {@link ActivationFunction}'s, lane by lane; the tail of a row shorter than a vector runs
 * the scalar ones.
 *
 * <p>The exponential is computed here from exactly rounded operations only (Cody–Waite range reduction
 * x = k ln 2 + r, |r| ≤ ln 2 / 2, a degree-13 Taylor polynomial for e^r by fused multiply-adds, and 2^k built
 * from its exponent bits), not by the Vector API's EXP: that one is an intrinsic once the JIT has compiled the
 * loop but a different Java fallback before, so its last bit depends on timing, and training would no longer
 * be reproducible or bit-identical for any thread count. This exp is within about 1 ulp of e^x.
 */
public final class VectorActivationKernels extends ActivationKernels {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final double LOG2E = 1.4426950408889634;
  /** ln 2 in two parts (fdlibm's): k·LN2_HI is exact for the k used here. */
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  /** Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to the nearest integer. */
  private static final double ROUNDER = 0x1.8p52;
  /** e^x for x below this is taken at this x (2^k stays a normal number). */
  private static final double LOWEST = -708.0;
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  /** Below this |z|, tanh(z) = z − z³/3 (as {@link ActivationFunction#TANH}). */
  private static final double SERIES_BELOW = ActivationFunction.SERIES_BELOW;
  private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
  private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(SPECIES, -LN2_HI);
  private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(SPECIES, -LN2_LO);
  /** Cj = 1/j!, the Taylor coefficients of e^r. */
  private static final DoubleVector C2 = DoubleVector.broadcast(SPECIES, 1.0 / 2);
  private static final DoubleVector C3 = DoubleVector.broadcast(SPECIES, 1.0 / 6);
  private static final DoubleVector C4 = DoubleVector.broadcast(SPECIES, 1.0 / 24);
  private static final DoubleVector C5 = DoubleVector.broadcast(SPECIES, 1.0 / 120);
  private static final DoubleVector C6 = DoubleVector.broadcast(SPECIES, 1.0 / 720);
  private static final DoubleVector C7 = DoubleVector.broadcast(SPECIES, 1.0 / 5040);
  private static final DoubleVector C8 = DoubleVector.broadcast(SPECIES, 1.0 / 40320);
  private static final DoubleVector C9 = DoubleVector.broadcast(SPECIES, 1.0 / 362880);
  private static final DoubleVector C10 = DoubleVector.broadcast(SPECIES, 1.0 / 3628800);
  private static final DoubleVector C11 = DoubleVector.broadcast(SPECIES, 1.0 / 39916800);
  private static final DoubleVector C12 = DoubleVector.broadcast(SPECIES, 1.0 / 479001600);
  private static final DoubleVector C13 = DoubleVector.broadcast(SPECIES, 1.0 / 6227020800.0);

  /** Loaded by {@link ActivationKernels} through reflection. */
  public VectorActivationKernels() {
    // probe once, so that a JVM without working vector support fails here and falls back to the scalar kernels
    tanh(new double[SPECIES.length()], SPECIES.length());
  }

  /**
   * e^x for x ≤ 0 (x below {@link #LOWEST} is taken as LOWEST; NaN stays NaN): x = k ln 2 + r, e^x = 2^k e^r.
   */
  static DoubleVector expNonPositive(DoubleVector x) {
    DoubleVector shifted = x.max(LOWEST).mul(LOG2E).add(ROUNDER); // 1.5·2^52 + k: k sits in the low bits
    DoubleVector k = shifted.sub(ROUNDER);
    DoubleVector r = k.fma(MINUS_LN2_HI, x.max(LOWEST));
    r = k.fma(MINUS_LN2_LO, r);
    DoubleVector p = r.fma(C13, C12);
    p = p.fma(r, C11);
    p = p.fma(r, C10);
    p = p.fma(r, C9);
    p = p.fma(r, C8);
    p = p.fma(r, C7);
    p = p.fma(r, C6);
    p = p.fma(r, C5);
    p = p.fma(r, C4);
    p = p.fma(r, C3);
    p = p.fma(r, C2);
    p = p.fma(r, ONE);
    p = p.fma(r, ONE);
    // 2^k from its exponent bits: (k + 1023) << 52, with k read from the low bits of 1.5·2^52 + k
    DoubleVector twoToK = shifted.reinterpretAsLongs().add(1023L - ROUNDER_BITS).lanewise(VectorOperators.LSHL, 52)
        .reinterpretAsDoubles();
    return p.mul(twoToK);
  }

  /** tanh(z) = sign(z) (1 − e) / (1 + e), e = exp(−2|z|); z − z³/3 below |z| = 2^-13. */
  @Override
  public void tanh(double[] z, int n) {
    int step = SPECIES.length();
    int l = 0;
    for (; l <= n - step; l += step) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, z, l);
      DoubleVector m = v.abs();
      DoubleVector e = expNonPositive(m.mul(-2.0));
      DoubleVector t = e.neg().add(1.0).div(e.add(1.0));
      t = t.blend(t.neg(), v.compare(VectorOperators.LT, 0.0));
      VectorMask<Double> small = m.compare(VectorOperators.LT, SERIES_BELOW);
      if (small.anyTrue()) {
        t = t.blend(v.sub(v.mul(v).mul(v).div(3.0)), small);
      }
      t.intoArray(z, l);
    }
    for (; l < n; l++) {
      z[l] = ActivationFunction.TANH.value(z[l]);
    }
  }

  /** 1 / (1 + exp(−z)), as 1 / (1 + e) for z ≥ 0 and e / (1 + e) for z &lt; 0, e = exp(−|z|). */
  @Override
  public void logistic(double[] z, int n) {
    int step = SPECIES.length();
    int l = 0;
    for (; l <= n - step; l += step) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, z, l);
      DoubleVector e = expNonPositive(v.abs().neg());
      DoubleVector denominator = e.add(1.0);
      DoubleVector.broadcast(SPECIES, 1.0).div(denominator)
          .blend(e.div(denominator), v.compare(VectorOperators.LT, 0.0)).intoArray(z, l);
    }
    for (; l < n; l++) {
      z[l] = ActivationFunction.SIGMOID.value(z[l]);
    }
  }

  @Override
  public String name() {
    return "vector (jdk.incubator.vector, " + SPECIES + ")";
  }
}
