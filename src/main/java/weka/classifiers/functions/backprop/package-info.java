/**
 * The model: what a trained network and a saved model are made of. {@link
 * weka.classifiers.functions.backprop.NetworkShape} (m inputs, g hidden units with activation σ1, K outputs),
 * {@link weka.classifiers.functions.backprop.Network} (the shape and the parameters θ, predicting through the
 * kernel's forward pass), {@link weka.classifiers.functions.backprop.TrainingResult} (the network with its loss
 * curves), and the choices a model records: {@link weka.classifiers.functions.backprop.Activation},
 * {@link weka.classifiers.functions.backprop.UpdateRule}, {@link weka.classifiers.functions.backprop.StopReason}.
 * Saved models hold these classes, so their names, fields and serialVersionUIDs stay as they are (a field may be
 * added: the {@link weka.classifiers.functions.backprop.Checksum} of a network's and a result's numbers reads as
 * "none" from a model saved before it, and each class checks what it reads).
 *
 * <p>Dependencies point one way: this package uses only {@code kernel} (and the JDK). {@code train} builds the
 * model; the Weka face ({@code bridge}, {@code BackpropOneHidden}) and the Spark adapter use it. Nothing here
 * knows Weka, the training loop or the optimizers; {@code EngineArchitectureTest} checks this.
 */
package weka.classifiers.functions.backprop;
