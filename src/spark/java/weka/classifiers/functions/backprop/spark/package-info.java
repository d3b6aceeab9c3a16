/**
 * The Spark adapter: trains BackpropOneHidden on a cluster's data with the same engine, options and training-data
 * rules as the classifier, each evaluation of the loss and gradient one distributed pass over blocks of rows fixed
 * by their positions ({@link weka.classifiers.functions.backprop.spark.FixedBlocks}), whose sums merge in one fixed
 * tree ({@link weka.classifiers.functions.backprop.spark.SparkRowSums} behind the engine's {@code RowSums}), so any
 * run and any partitioning gives the same model. {@link weka.classifiers.functions.backprop.spark.SparkTrainer}
 * reads the classifier's {@code settings()} and hands the trained network over as a {@code bridge.NetworkModel}
 * (for a numeric class that does not vary, its mean as a {@code bridge.PriorModel}), which the classifier adopts; {@link weka.classifiers.functions.backprop.spark.SparkMain} is the command line for
 * spark-submit.
 * Dependencies point one way: this package uses the classifier, {@code bridge} and the engine; nothing outside it
 * uses Spark.
 */
package weka.classifiers.functions.backprop.spark;
