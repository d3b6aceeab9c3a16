/**
 * The training run: {@link weka.classifiers.functions.backprop.train.Trainer} (the loop over epochs) with the parts
 * it is made of: the immutable {@link weka.classifiers.functions.backprop.train.TrainingConfig} and its
 * {@link weka.classifiers.functions.backprop.train.Rule}s, one {@code EpochUpdate} per kind of update (full batch,
 * mini-batches, L-BFGS), {@code EarlyStopping}, the {@code LossHistory}, the one
 * {@link weka.classifiers.functions.backprop.train.ValidationSplit} path, and the rows: a
 * {@link weka.classifiers.functions.backprop.train.DataMatrix} in this JVM, or any
 * {@link weka.classifiers.functions.backprop.train.RowSums} (the seam that lets the Spark adapter run the same
 * trainer), summed into {@link weka.classifiers.functions.backprop.train.GradientSums} by the kernel on fixed
 * chunks of rows ({@code BatchGradient}: the chunks depend on the number of rows alone; a mini-batch is one, read
 * in place) that the run's threads ({@code ChunkWorkers}: the caller and spinning helpers, no queue) compute in
 * waves of one chunk per thread, in one set of kernel buffers per thread ({@code GradientWorkers}), added in chunk
 * order, so that the result is bit-identical for any number of threads; a chunk too short to cut (a mini-batch) is
 * computed by two of those threads split by hidden units (the kernel's {@code HiddenSplit}), with the same bits;
 * {@link weka.classifiers.functions.backprop.train.TrainingMemory} says what a run will hold before it starts, and
 * {@link weka.classifiers.functions.backprop.train.FixedTree} merges blocks' values in one fixed tree (for Spark).
 *
 * <p>Dependencies point one way: this package uses the model (the root package), the {@code kernel} and
 * {@code optim}, never Weka; the Weka face ({@code bridge}, {@code BackpropOneHidden}) and the Spark adapter use it.
 */
package weka.classifiers.functions.backprop.train;
