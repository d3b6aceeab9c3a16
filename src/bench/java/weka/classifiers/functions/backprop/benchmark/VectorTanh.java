package weka.classifiers.functions.backprop.benchmark;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import weka.classifiers.functions.backprop.kernel.ActivationFunction;

/**
 * The engine's tanh, sign(z)·(1 − e)/(1 + e) with e = exp(−2|z|), written with the JDK's incubating Vector API
 * (JDK 16+, {@code --add-modules jdk.incubator.vector}), with the API's own EXP, a vectorized intrinsic on x86.
 * Benchmark only, and dropped: that EXP rounds its last bit differently before and after the JIT compiles the loop,
 * so training with it was not reproducible; the engine's Vector API kernels build their exp from exactly rounded
 * operations instead (VectorActivationKernels).
 */
final class VectorTanh {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  private VectorTanh() {
  }

  /** out[i] = tanh(z[i]) for i &lt; n. */
  static void apply(double[] z, double[] out, int n) {
    int i = 0;
    for (; i <= n - SPECIES.length(); i += SPECIES.length()) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, z, i);
      DoubleVector e = v.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector t = DoubleVector.broadcast(SPECIES, 1.0).sub(e).div(e.add(1.0));
      t.blend(t.neg(), v.compare(VectorOperators.LT, 0.0)).intoArray(out, i);
    }
    for (; i < n; i++) {
      out[i] = ActivationFunction.TANH.value(z[i]);
    }
  }

  /** @return the vector shape in use, e.g. "Species[double, 8, S_512_BIT]" */
  static String species() {
    return SPECIES.toString();
  }
}
