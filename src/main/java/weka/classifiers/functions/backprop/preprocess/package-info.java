/**
 * Weka-free preprocessing statistics: {@link weka.classifiers.functions.backprop.preprocess.ColumnSummary} and
 * {@link weka.classifiers.functions.backprop.preprocess.ColumnMoments}, sums over raw rows that merge by addition
 * (so threads or the partitions of a cluster can summarize blocks of rows separately), and the
 * {@link weka.classifiers.functions.backprop.preprocess.InputEncoder} fitted from them, which turns a raw row into
 * the network's input row (1, x_1, …, x_m) as Weka's filter chain would; for a numeric class, the two passes
 * {@link weka.classifiers.functions.backprop.preprocess.TargetSums} and
 * {@link weka.classifiers.functions.backprop.preprocess.TargetDeviations}, which merge the same way, and the
 * {@link weka.classifiers.functions.backprop.preprocess.TargetScale} fitted from them.
 *
 * <p>Dependencies: none of the project's. The Weka face's preprocessing ({@code bridge}) and the Spark adapter use
 * it.
 */
package weka.classifiers.functions.backprop.preprocess;
