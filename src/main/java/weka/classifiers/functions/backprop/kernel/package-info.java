/**
 * The kernel: the forward and backward pass over a block of rows, shared by prediction and training. Its own small
 * vocabulary: {@link weka.classifiers.functions.backprop.kernel.Layout} (the sizes m, g, K and the layout of the
 * flat parameter vector θ), {@link weka.classifiers.functions.backprop.kernel.ActivationFunction} (σ1, each written
 * once with its derivative), the output function (sigmoid or softmax: probabilities and loss/error term side by
 * side), {@link weka.classifiers.functions.backprop.kernel.ForwardPass} (class probabilities for prediction) and
 * {@link weka.classifiers.functions.backprop.kernel.Objective} (the sums of the loss and its gradient for
 * training), and the {@link weka.classifiers.functions.backprop.kernel.ActivationKernels} that apply σ1 to a
 * hidden unit's values over a tile (scalar, or with the JDK's Vector API from the multi-release jar's Java 17
 * part, src/main/java17). Tiles of up to 64 rows are held transposed (one array per input and per hidden unit), so
 * that the JIT vectorizes the loops over rows even at 16 hidden units.
 * {@link weka.classifiers.functions.backprop.kernel.HiddenSplit} computes one block's sums on two threads, each for
 * half of the hidden units, with the bits of one thread (the only place the kernel knows of threads: two counters
 * the two halves wait on).
 *
 * <p>Dependencies: none of the project's: the kernel sees only arrays of doubles and ints. The model (the root
 * package) and {@code train} use it.
 */
package weka.classifiers.functions.backprop.kernel;
