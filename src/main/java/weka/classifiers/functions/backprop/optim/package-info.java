/**
 * The optimizers, knowing nothing of networks or data: the step rules behind
 * {@link weka.classifiers.functions.backprop.optim.Optimizer} (gradient descent, classical and Nesterov momentum,
 * Adam), which move θ given ∇J(θ), and {@link weka.classifiers.functions.backprop.optim.Lbfgs} with its strong
 * Wolfe line search, which evaluates a {@link weka.classifiers.functions.backprop.optim.DifferentiableFunction}
 * where it chooses.
 *
 * <p>Dependencies: none of the project's. {@code train} uses this package (its {@code EpochUpdate}s wrap these
 * rules for the training loop).
 */
package weka.classifiers.functions.backprop.optim;
