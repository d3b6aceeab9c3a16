/**
 * The Weka face's rooms: everything BackpropOneHidden needs from Weka's side, one job per class, so that the
 * classifier itself only orchestrates Weka's lifecycle (build, iterate, update, predict, describe).
 * <ul>
 *   <li>the options: {@link weka.classifiers.functions.backprop.bridge.OptionTable} (one
 *       {@link weka.classifiers.functions.backprop.bridge.OptionRow} per option) and their values,
 *       {@link weka.classifiers.functions.backprop.bridge.Settings};</li>
 *   <li>the training data, from instances to the engine's rows:
 *       {@link weka.classifiers.functions.backprop.bridge.TrainingData},
 *       {@link weka.classifiers.functions.backprop.bridge.ClassBalance}, and the preprocessing of instances
 *       ({@link weka.classifiers.functions.backprop.bridge.Preprocessor}: statistics since 1.1, Weka's filter
 *       chain in 1.0 models);</li>
 *   <li>what the classifier holds, {@link weka.classifiers.functions.backprop.bridge.ModelState}: a
 *       {@link weka.classifiers.functions.backprop.bridge.NetworkModel}, a
 *       {@link weka.classifiers.functions.backprop.bridge.PriorModel}, the batch run
 *       ({@link weka.classifiers.functions.backprop.bridge.BatchRun}) or the stream
 *       ({@link weka.classifiers.functions.backprop.bridge.StreamTrainer}, with its
 *       {@link weka.classifiers.functions.backprop.bridge.StreamBuffer}); models saved by 1.0 and 1.1 are read by
 *       {@link weka.classifiers.functions.backprop.bridge.SavedFields};</li>
 *   <li>the model text, {@link weka.classifiers.functions.backprop.bridge.ModelText}, the model as Java source,
 *       {@link weka.classifiers.functions.backprop.bridge.JavaSource} (each state says what it writes), the model
 *       as PMML, {@link weka.classifiers.functions.backprop.bridge.Pmml}, with its command for saved models,
 *       {@link weka.classifiers.functions.backprop.bridge.PmmlExport}, the log
 *       lines, {@link weka.classifiers.functions.backprop.bridge.TrainingLog}, and the Experimenter's additional
 *       measures, {@link weka.classifiers.functions.backprop.bridge.Measures}.</li>
 * </ul>
 * Dependencies point one way: this package uses Weka and the engine (the model, {@code train},
 * {@code preprocess}); the classifier and the Spark adapter use this package; nothing here uses the classifier.
 * Class names that saved models contain ({@code Preprocessing}, {@code PowerOfTwoScaling},
 * {@code StatisticsPreprocessing}, {@code StreamBuffer}, {@code Preprocessor}) keep their names and serialized
 * forms.
 */
package weka.classifiers.functions.backprop.bridge;
