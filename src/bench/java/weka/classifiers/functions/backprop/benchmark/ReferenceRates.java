package weka.classifiers.functions.backprop.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Same-run reference rates: a plain Java matrix multiply, and numpy's if python3 has it. */
public final class ReferenceRates {

  private ReferenceRates() {
  }

  /**
   * C = A B for n × n row-major double matrices in i-k-j order (the inner loop is an axpy over a row of B
   * and C, which the JIT vectorizes), blocked over k and j so that a block of B stays in cache.
   *
   * @return the median GFLOP/s (2 n³ FLOP per multiply) over the repetitions, after one warm-up
   */
  public static double javaMatmulGflops(int n, int reps) {
    return javaMatmulGflops(n, reps, false);
  }

  /**
   * As {@link #javaMatmulGflops(int, int)}; with {@code flat} true the matrices are single arrays indexed
   * with offsets (c[ci + j] += aik * b[bk + j]), which C2 does not vectorize (it cannot rule out overlap).
   */
  public static double javaMatmulGflops(int n, int reps, boolean flat) {
    double[][] a2 = new double[n][n];
    double[][] b2 = new double[n][n];
    double[][] c2 = new double[n][n];
    Random random = new Random(7);
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    double[] c = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble();
      b[i] = random.nextDouble();
    }
    double[] rates = new double[reps];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, a2[i], 0, n);
      System.arraycopy(b, i * n, b2[i], 0, n);
    }
    for (int rep = -2; rep < reps; rep++) {
      Arrays.fill(c, 0.0);
      for (double[] row : c2) {
        Arrays.fill(row, 0.0);
      }
      long t0 = System.nanoTime();
      if (flat) {
        multiply(a, b, c, n);
      } else {
        multiply(a2, b2, c2, n);
      }
      double seconds = (System.nanoTime() - t0) * 1e-9;
      if (rep >= 0) {
        rates[rep] = 2.0 * n * n * n / seconds * 1e-9;
      }
    }
    Arrays.sort(rates);
    return rates[reps / 2];
  }

  private static final int BLOCK = 256;

  static void multiply(double[][] a, double[][] b, double[][] c, int n) {
    for (int kk = 0; kk < n; kk += BLOCK) {
      int kEnd = Math.min(n, kk + BLOCK);
      for (int jj = 0; jj < n; jj += BLOCK) {
        int jEnd = Math.min(n, jj + BLOCK);
        for (int i = 0; i < n; i++) {
          double[] ci = c[i];
          double[] ai = a[i];
          for (int k = kk; k < kEnd; k++) {
            double aik = ai[k];
            double[] bk = b[k];
            for (int j = jj; j < jEnd; j++) {
              ci[j] += aik * bk[j];
            }
          }
        }
      }
    }
  }

  static void multiply(double[] a, double[] b, double[] c, int n) {
    for (int kk = 0; kk < n; kk += BLOCK) {
      int kEnd = Math.min(n, kk + BLOCK);
      for (int jj = 0; jj < n; jj += BLOCK) {
        int jEnd = Math.min(n, jj + BLOCK);
        for (int i = 0; i < n; i++) {
          int ci = i * n;
          for (int k = kk; k < kEnd; k++) {
            double aik = a[ci + k];
            int bk = k * n;
            for (int j = jj; j < jEnd; j++) {
              c[ci + j] += aik * b[bk + j];
            }
          }
        }
      }
    }
  }

  /**
   * numpy's float64 matmul rate (n × n, median of reps) with the given number of BLAS threads, or NaN if
   * python3 or numpy is missing.
   */
  public static double numpyGflops(int n, int reps, int threads) {
    String script = "import time, numpy as np\n"
        + "n=" + n + "\n"
        + "a=np.random.rand(n,n); b=np.random.rand(n,n); a@b\n"
        + "ts=[]\n"
        + "for _ in range(" + reps + "):\n"
        + "  t=time.perf_counter(); a@b; ts.append(time.perf_counter()-t)\n"
        + "ts.sort(); print(2*n**3/ts[len(ts)//2]*1e-9)\n";
    try {
      ProcessBuilder builder = new ProcessBuilder("python3", "-c", script);
      String t = Integer.toString(threads);
      builder.environment().put("OPENBLAS_NUM_THREADS", t);
      builder.environment().put("OMP_NUM_THREADS", t);
      builder.environment().put("MKL_NUM_THREADS", t);
      builder.redirectErrorStream(true);
      Process process = builder.start();
      String last = null;
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          last = line;
        }
      }
      if (process.waitFor() != 0 || last == null) {
        return Double.NaN;
      }
      return Double.parseDouble(last.trim());
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  public static void main(String[] args) {
    System.out.printf("java ikj 1000: %.2f GFLOP/s%n", javaMatmulGflops(1000, 3));
    System.out.printf("java ikj 1000 flat: %.2f GFLOP/s%n", javaMatmulGflops(1000, 3, true));
    System.out.printf("numpy 2000 1t: %.2f GFLOP/s%n", numpyGflops(2000, 3, 1));
    System.out.printf("numpy 2000 2t: %.2f GFLOP/s%n", numpyGflops(2000, 3, 2));
  }
}
