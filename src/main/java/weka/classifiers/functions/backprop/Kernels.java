package weka.classifiers.functions.backprop;

import weka.classifiers.functions.backprop.kernel.ActivationKernels;

/**
 * The activation kernels a network was trained with, as models save the choice (by name): part of the training
 * configuration, recorded in the network's shape, and used wherever the network computes (the threads of a local
 * run, the executors of a Spark cluster, prediction after loading), so a model never mixes kernels. Models saved
 * before the choice was recorded used the scalar kernels, and read so.
 */
public enum Kernels {

  /** The scalar loops over {@code Math.exp}: what every JVM runs by default. */
  SCALAR,
  /**
   * The Vector API kernels' formulas (their own exp from exactly rounded operations): computed with the Vector API
   * where the JVM has {@code jdk.incubator.vector}, else one value at a time, bit for bit the same.
   */
  VECTOR;

  /** @return the kernels that compute this choice in this JVM */
  public ActivationKernels implementation() {
    return this == SCALAR ? ActivationKernels.SCALAR : ActivationKernels.vector();
  }

  /**
   * @return this JVM's default for a new training run: VECTOR if it runs the Vector API kernels (started with
   *     {@code --add-modules jdk.incubator.vector}, and {@code -Dbackprop.vector} not false), else SCALAR
   */
  public static Kernels ofThisJvm() {
    return ActivationKernels.vectorSelected() ? VECTOR : SCALAR;
  }

  /** @return the lower-case name used on the command line ("scalar", "vector") */
  public String optionName() {
    return OptionNames.of(this);
  }

  /**
   * @param name "scalar" or "vector", any case
   * @return the choice
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Kernels fromOptionName(String name) {
    return OptionNames.parse(values(), name, "activation kernels");
  }
}
