package weka.classifiers.functions.backprop.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The activation kernels with the JDK's incubating Vector API (Java 17+ part of the multi-release jar, used
 * only when the JVM was started with {@code --add-modules jdk.incubator.vector}; see {@link ActivationKernels}).
 * The same formulas as {@link ActivationFunction}'s, lane by lane, with this class's own exp; the tail of a row
 * shorter than a vector runs {@link VectorFormula}, the same operations one value at a time, so that the results
 * do not depend on the machine's vector length and a JVM without the Vector API reproduces them exactly.
 *
 * <p>The exponential is computed here from exactly rounded operations only (Cody–Waite range reduction
 * x = k ln 2 + r, |r| ≤ ln 2 / 2, a degree-13 Taylor polynomial for e^r by fused multiply-adds, and 2^k built
 * from its exponent bits), not by the Vector API's EXP: that one is an intrinsic once the JIT has compiled the
 * loop but a different Java fallback before, so its last bit depends on timing, and training would no longer
 * be reproducible or bit-identical for any thread count. This exp is within about 1 ulp of e^x.
 */
public final class VectorActivationKernels extends ActivationKernels {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final double LOG2E = VectorFormula.LOG2E;
  private static final double ROUNDER = VectorFormula.ROUNDER;
  private static final double LOWEST = VectorFormula.LOWEST;
  private static final long ROUNDER_BITS = VectorFormula.ROUNDER_BITS;
  /** Below this |z|, tanh(z) = z − z³/3 (as {@link ActivationFunction#TANH}). */
  private static final double SERIES_BELOW = ActivationFunction.SERIES_BELOW;
  private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
  private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(SPECIES, -VectorFormula.LN2_HI);
  private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(SPECIES, -VectorFormula.LN2_LO);
  /** Cj = 1/j!, the Taylor coefficients of e^r. */
  private static final DoubleVector C2 = DoubleVector.broadcast(SPECIES, VectorFormula.C2);
  private static final DoubleVector C3 = DoubleVector.broadcast(SPECIES, VectorFormula.C3);
  private static final DoubleVector C4 = DoubleVector.broadcast(SPECIES, VectorFormula.C4);
  private static final DoubleVector C5 = DoubleVector.broadcast(SPECIES, VectorFormula.C5);
  private static final DoubleVector C6 = DoubleVector.broadcast(SPECIES, VectorFormula.C6);
  private static final DoubleVector C7 = DoubleVector.broadcast(SPECIES, VectorFormula.C7);
  private static final DoubleVector C8 = DoubleVector.broadcast(SPECIES, VectorFormula.C8);
  private static final DoubleVector C9 = DoubleVector.broadcast(SPECIES, VectorFormula.C9);
  private static final DoubleVector C10 = DoubleVector.broadcast(SPECIES, VectorFormula.C10);
  private static final DoubleVector C11 = DoubleVector.broadcast(SPECIES, VectorFormula.C11);
  private static final DoubleVector C12 = DoubleVector.broadcast(SPECIES, VectorFormula.C12);
  private static final DoubleVector C13 = DoubleVector.broadcast(SPECIES, VectorFormula.C13);

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
      z[l] = VectorFormula.tanh(z[l]); // the same formula, so no result depends on the vector length
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
      z[l] = VectorFormula.logistic(z[l]); // the same formula, so no result depends on the vector length
    }
  }

  @Override
  public String name() {
    return "vector (jdk.incubator.vector, " + SPECIES + ")";
  }
}
