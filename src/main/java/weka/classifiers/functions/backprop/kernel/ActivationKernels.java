package weka.classifiers.functions.backprop.kernel;

import java.util.Optional;

/**
 * σ1 applied in place to pre-activations (one hidden unit over the rows of a tile), a = σ1(z): the scalar loops over
 * {@link ActivationFunction#value} every JVM runs, or, when the
 * JVM offers the JDK's incubating Vector API (Java 16+, started with {@code --add-modules jdk.incubator.vector}),
 * the same formulas with a vectorized exp, two to five times faster per value (ActivationBench). The vector
 * kernels live in the package jar for Java 17+ only (a multi-release jar), so Java 8 never sees them.
 *
 * <p>Both compute tanh(z) = sign(z)(1 − e)/(1 + e), e = e^{−2|z|} (z − z³/3 below |z| = 2^-13), and
 * 1/(1 + e^{−z}); the vector exp may differ from {@link Math#exp} in the last bit, so a model trained with the
 * vector kernels can differ from the scalar one by rounding (measured: 1e-9 or less in predictions), while each
 * remains bit-identical for any thread count. {@code -Dbackprop.vector=false} keeps the scalar kernels.
 *
 * <p>Which kernels a network uses is part of its training configuration and recorded in the model (the model's
 * {@code Kernels}), so a model never mixes them: {@link #selected()} is only this JVM's default for a new training
 * run. A model trained with the vector kernels computes the same formulas wherever it runs ({@link #vector()}): with
 * the Vector API where the JVM has it, else one value at a time ({@link VectorFormula}), bit for bit the same.
 */
public abstract class ActivationKernels {

  /** System property that, set to "false", keeps the scalar kernels even where the vector ones could run. */
  public static final String VECTOR_PROPERTY = "backprop.vector";

  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final String VECTOR_KERNELS = "weka.classifiers.functions.backprop.kernel.VectorActivationKernels";

  /** The scalar kernels. */
  public static final ActivationKernels SCALAR = new ActivationKernels() {
    @Override
    public void tanh(double[] z, int n) {
      tanh(z, n, new double[n]);
    }

    /**
     * {@link ActivationFunction#TANH}'s formula in three loops: the exponentials (the intrinsic {@link Math#exp},
     * one call per value), the quotients t = (1 − e) / (1 + e) (a loop of divisions alone, which C2 vectorizes),
     * then the signs (and the series below 2^-13). The same operations on each value as
     * {@link ActivationFunction#value}, so the same bits, in 80 % of the time of one loop on rows of 64
     * (7.2 against 9.0 ns a value, ActivationBench: the divisions no longer wait behind the calls).
     */
    @Override
    public void tanh(double[] z, int n, double[] work) {
      for (int l = 0; l < n; l++) {
        work[l] = Math.exp(-2.0 * Math.abs(z[l]));
      }
      tanhQuotients(work, n);
      tanhSigns(z, work, n);
    }

    /**
     * The same formula as {@link ActivationFunction#SIGMOID}, the exponentials first, then the quotients in a loop
     * that C2 vectorizes: the same bits in 85 % of the time on rows of 64 (ActivationBench).
     */
    @Override
    public void logistic(double[] z, int n) {
      for (int l = 0; l < n; l++) {
        z[l] = Math.exp(-z[l]);
      }
      for (int l = 0; l < n; l++) {
        z[l] = 1.0 / (1.0 + z[l]);
      }
    }

    @Override
    public String name() {
      return "scalar";
    }
  };

  /** The Vector API kernels if this JVM can run them (whatever the property says), else null. */
  private static final ActivationKernels VECTOR_API = loadVectorApi();

  /** The vector kernels' formulas: with the Vector API where this JVM has it, else one value at a time. */
  private static final ActivationKernels VECTOR = VECTOR_API != null ? VECTOR_API : new VectorFormula.Kernels();

  /** This JVM's default for a new training run, chosen once. */
  static final ActivationKernels SELECTED =
      "false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY)) || VECTOR_API == null ? SCALAR : VECTOR_API;

  /**
   * z[l] ← tanh(z[l]) for l &lt; n.
   *
   * @param z pre-activations (modified)
   * @param n how many
   */
  public abstract void tanh(double[] z, int n);

  /**
   * z[l] ← tanh(z[l]) for l &lt; n, with a buffer the kernel may use (the forward pass's, so that no call
   * allocates); the same bits as {@link #tanh(double[], int)}.
   *
   * @param z pre-activations (modified)
   * @param n how many
   * @param work at least n values (overwritten)
   */
  public void tanh(double[] z, int n, double[] work) {
    tanh(z, n);
  }

  /** t[l] ← (1 − t[l]) / (1 + t[l]): a loop of its own, so that C2 vectorizes it. */
  private static void tanhQuotients(double[] t, int n) {
    for (int l = 0; l < n; l++) {
      double e = t[l];
      t[l] = (1.0 - e) / (1.0 + e);
    }
  }

  /** z[l] ← sign(z[l]) t[l], or z − z³/3 below |z| = 2^-13 ({@link ActivationFunction#TANH}). */
  private static void tanhSigns(double[] z, double[] t, int n) {
    for (int l = 0; l < n; l++) {
      double x = z[l];
      z[l] = Math.abs(x) < ActivationFunction.SERIES_BELOW ? x - x * x * x / 3.0 : Math.copySign(t[l], x);
    }
  }

  /**
   * z[l] ← 1 / (1 + e^{−z[l]}) for l &lt; n.
   *
   * @param z pre-activations (modified)
   * @param n how many
   */
  public abstract void logistic(double[] z, int n);

  /** @return "scalar" or a description of the vector kernels */
  public abstract String name();

  /**
   * @return this JVM's default for a new training run: the Vector API kernels if the JVM has the module and
   *     {@value #VECTOR_PROPERTY} is not "false", else the scalar ones
   */
  public static ActivationKernels selected() {
    return SELECTED;
  }

  /** @return true if {@link #selected()} are the vector kernels */
  public static boolean vectorSelected() {
    return SELECTED != SCALAR;
  }

  /**
   * @return the vector kernels' formulas as this JVM computes them fastest: the Vector API kernels if it runs them,
   *     else {@link VectorFormula} one value at a time; the results are the same bits either way
   */
  public static ActivationKernels vector() {
    return VECTOR;
  }

  /** The Vector API kernels if this JVM has the module, else null. */
  private static ActivationKernels loadVectorApi() {
    try {
      // ModuleLayer.boot().findModule(VECTOR_MODULE), through reflection: this class is compiled for Java 8
      Class<?> layer = Class.forName("java.lang.ModuleLayer");
      Object boot = layer.getMethod("boot").invoke(null);
      Optional<?> module = (Optional<?>) layer.getMethod("findModule", String.class).invoke(boot, VECTOR_MODULE);
      if (!module.isPresent()) {
        return null;
      }
      return (ActivationKernels) Class.forName(VECTOR_KERNELS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null; // Java 8, or the vector kernels absent (run from a class folder), or they failed to load
    }
  }
}
