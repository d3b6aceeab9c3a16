/**
 * Model selection inside training (-tune cv): a {@link weka.classifiers.functions.backprop.tune.TuningPlan} (how
 * many folds, which candidates of hidden units and weight decay, the patience, from the data's size and the
 * configured settings), stratified {@link weka.classifiers.functions.backprop.tune.Folds}, and the
 * {@link weka.classifiers.functions.backprop.tune.CrossValidationSearch} that trains the k fold networks of each
 * candidate in lockstep, scores every epoch by the mean held-out Brier score, and returns the best candidate's fold
 * networks as a {@link weka.classifiers.functions.backprop.Committee} with a
 * {@link weka.classifiers.functions.backprop.tune.SearchReport} of what was tried.
 *
 * <p>Dependencies point one way: this package uses the model (the root package) and {@code train}, never Weka; the
 * Weka face ({@code bridge}) uses it.
 */
package weka.classifiers.functions.backprop.tune;
