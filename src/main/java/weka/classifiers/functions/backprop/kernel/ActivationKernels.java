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
      return "scalar";
    }
  };

  /** The kernels this JVM uses, chosen once. */
  static final ActivationKernels SELECTED = select();

  /**
   * z[l] ← tanh(z[l]) for l &lt; n.
   *
   * @param z pre-activations (modified)
   * @param n how many
   */
  public abstract void tanh(double[] z, int n);

  /**
   * z[l] ← 1 / (1 + e^{−z[l]}) for l &lt; n.
   *
   * @param z pre-activations (modified)
   * @param n how many
   */
  public abstract void logistic(double[] z, int n);

  /** @return "scalar" or a description of the vector kernels */
  public abstract String name();

  /** @return the kernels in use in this JVM */
  public static ActivationKernels selected() {
    return SELECTED;
  }

  /** The vector kernels if this JVM has the Vector API module and the property does not say false. */
  private static ActivationKernels select() {
    if ("false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY))) {
      return SCALAR;
    }
    try {
      // ModuleLayer.boot().findModule(VECTOR_MODULE), through reflection: this class is compiled for Java 8
      Class<?> layer = Class.forName("java.lang.ModuleLayer");
      Object boot = layer.getMethod("boot").invoke(null);
      Optional<?> module = (Optional<?>) layer.getMethod("findModule", String.class).invoke(boot, VECTOR_MODULE);
      if (!module.isPresent()) {
        return SCALAR;
      }
      return (ActivationKernels) Class.forName(VECTOR_KERNELS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return SCALAR; // Java 8, or the vector kernels absent (run from a class folder), or they failed to load
    }
  }
}
