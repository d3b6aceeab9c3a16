package weka.classifiers.functions.backprop.benchmark;

import java.util.Arrays;
import java.util.Random;

import weka.classifiers.functions.backprop.kernel.ActivationFunction;
import weka.classifiers.functions.backprop.kernel.ActivationKernels;

/**
 * The cost of the hidden activation, side by side in one JVM (BENCHMARKS.md, "Tried and dropped"):
 * {@link Math#tanh} (not a HotSpot intrinsic), the engine's {@link ActivationFunction#TANH} (through the intrinsic
 * {@link Math#exp}), and a polynomial expm1 that was tried as a vectorizable replacement and dropped. Prints
 * the median nanoseconds per value of 7 repetitions, and the largest difference of each from {@link Math#tanh};
 * the same tanh with the Vector API's own EXP ({@link VectorTanh}, dropped: its last bit depends on JIT timing);
 * and the engine's activation kernels (scalar, the one-loop form of 1.3.1, {@code Math.exp} alone, Vector API) on
 * rows of 16 and 64 values.
 *
 * <pre>mvn -B -Pbenchmark test-compile exec:exec -Dbench.main=weka.classifiers.functions.backprop.benchmark.ActivationBench</pre>
 */
public final class ActivationBench {

  private static final int VALUES = 4096;
  private static final int PASSES = 3000;
  private static final double[] TAYLOR = new double[18];

  static {
    double factorial = 1;
    for (int k = 1; k < TAYLOR.length; k++) {
      factorial *= k;
      TAYLOR[k] = 1.0 / factorial;
    }
  }

  private ActivationBench() {
  }

  /** The dropped variant: expm1 of t/64 by its Taylor series, then (1 + q)² − 1 = q (2 + q) six times. */
  static double polynomialTanh(double z) {
    double u = Math.max(-2.0 * Math.abs(z), -40.0) / 64.0;
    double p = TAYLOR[17];
    for (int k = 16; k >= 1; k--) {
      p = p * u + TAYLOR[k];
    }
    double q = p * u;
    for (int doubling = 0; doubling < 6; doubling++) {
      q = q * (2 + q);
    }
    double t = -q / (2.0 + q);
    return z < 0 ? -t : t;
  }

  public static void main(String[] args) {
    Random random = new Random(3);
    double[] z = new double[VALUES];
    double[] out = new double[VALUES];
    for (int i = 0; i < VALUES; i++) {
      z[i] = 2 * random.nextGaussian();
    }
    String[] names = {"Math.tanh", "Activation.tanh (exp-based, the engine's)", "polynomial expm1 (dropped)",
        "Vector API EXP tanh (dropped: not reproducible)"};
    double[][] times = new double[4][7];
    for (int rep = 0; rep < 7; rep++) {
      for (int variant = 0; variant < 4; variant++) {
        long start = System.nanoTime();
        for (int pass = 0; pass < PASSES; pass++) {
          if (variant == 3) {
            VectorTanh.apply(z, out, VALUES);
            continue;
          }
          for (int i = 0; i < VALUES; i++) {
            out[i] = variant == 0 ? Math.tanh(z[i]) : variant == 1 ? ActivationFunction.TANH.value(z[i]) : polynomialTanh(z[i]);
          }
        }
        times[variant][rep] = (System.nanoTime() - start) / ((double) PASSES * VALUES);
      }
    }
    double[] maxDifference = new double[4];
    double[] probe = new double[1_000_000];
    double[] vectorOut = new double[probe.length];
    for (int i = 0; i < probe.length; i++) {
      probe[i] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 7);
    }
    VectorTanh.apply(probe, vectorOut, probe.length);
    for (int i = 0; i < probe.length; i++) {
      double v = probe[i];
      double exact = Math.tanh(v);
      maxDifference[1] = Math.max(maxDifference[1], Math.abs(ActivationFunction.TANH.value(v) - exact));
      maxDifference[2] = Math.max(maxDifference[2], Math.abs(polynomialTanh(v) - exact));
      maxDifference[3] = Math.max(maxDifference[3], Math.abs(vectorOut[i] - exact));
    }
    System.out.println("# Hidden activation cost, ns per value (median of 7), " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.vm.version"));
    double base = median(times[0]);
    System.out.println("vector species: " + VectorTanh.species());
    for (int variant = 0; variant < 4; variant++) {
      System.out.printf("%-44s %7.2f ns   %.2fx Math.tanh's time   max |difference from Math.tanh| %.1e%n",
          names[variant], median(times[variant]), median(times[variant]) / base, maxDifference[variant]);
    }
    System.out.println("(checksum " + out[VALUES / 2] + ")");
    kernelCosts(random);
  }

  /**
   * The engine's activation kernels as the forward pass calls them, on rows of g pre-activations: the scalar
   * kernels, the same formulas one value at a time in one loop (the scalar kernels of version 1.3.1, the same bits),
   * {@code Math.exp} alone (the part of tanh the JIT cannot vectorize) and the Vector API kernels of the multi-release
   * jar (src/main/java17, on the class path of the benchmark profile), ns per value, median of 7.
   */
  private static void kernelCosts(Random random) {
    ActivationKernels[] kernels = {ActivationKernels.SCALAR, ONE_LOOP, EXP_ALONE,
        new weka.classifiers.functions.backprop.kernel.VectorActivationKernels()};
    System.out.println("# The engine's activation kernels on rows of g values, ns per value (median of 7)");
    for (boolean tanh : new boolean[] {true, false}) {
      for (int g : new int[] {16, 64}) {
        int rows = VALUES * 4 / g;
        double[][] z = new double[rows][g];
        double[][] work = new double[rows][g];
        double[] buffer = new double[g];
        for (double[] row : z) {
          for (int l = 0; l < g; l++) {
            row[l] = 2 * random.nextGaussian();
          }
        }
        StringBuilder line = new StringBuilder((tanh ? "tanh" : "sigmoid") + ", g = " + g + ":");
        for (ActivationKernels kernel : kernels) {
          double[] times = new double[7];
          for (int rep = -3; rep < times.length; rep++) {
            long start = System.nanoTime();
            for (int pass = 0; pass < PASSES / 4; pass++) {
              for (int r = 0; r < rows; r++) {
                System.arraycopy(z[r], 0, work[r], 0, g);
                if (tanh) {
                  kernel.tanh(work[r], g, buffer);
                } else {
                  kernel.logistic(work[r], g);
                }
              }
            }
            if (rep >= 0) {
              times[rep] = (System.nanoTime() - start) / ((double) (PASSES / 4) * rows * g);
            }
          }
          line.append(String.format("   %s %.2f ns", kernel.name(), median(times)));
        }
        System.out.println(line);
      }
    }
  }

  /** The scalar kernels of version 1.3.1: each value through {@link ActivationFunction#value} in one loop. */
  private static final ActivationKernels ONE_LOOP = new ActivationKernels() {
    @Override
    public void tanh(double[] z, int n) {
      for (int l = 0; l < n; l++) {
        z[l] = ActivationFunction.TANH.value(z[l]);
      }
    }

    @Override
    public void logistic(double[] z, int n) {
      for (int l = 0; l < n; l++) {
        z[l] = ActivationFunction.SIGMOID.value(z[l]);
      }
    }

    @Override
    public String name() {
      return "one loop (1.3.1)";
    }
  };

  /** Only the exponentials of the scalar kernels (not an activation): e^{−2|z|} for tanh, e^{−z} for the sigmoid. */
  private static final ActivationKernels EXP_ALONE = new ActivationKernels() {
    @Override
    public void tanh(double[] z, int n) {
      for (int l = 0; l < n; l++) {
        z[l] = Math.exp(-2.0 * Math.abs(z[l]));
      }
    }

    @Override
    public void logistic(double[] z, int n) {
      for (int l = 0; l < n; l++) {
        z[l] = Math.exp(-z[l]);
      }
    }

    @Override
    public String name() {
      return "Math.exp alone";
    }
  };

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
