package weka.classifiers.functions.experiment;

import java.beans.PropertyDescriptor;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.swing.DefaultListModel;

import weka.classifiers.Classifier;
import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.trees.J48;
import weka.core.Instances;
import weka.core.Range;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.PairedCorrectedTTester;
import weka.experiment.PropertyNode;
import weka.experiment.ResultMatrixPlainText;

/**
 * A ready Weka experiment: BackpropOneHidden (defaults) against MultilayerPerceptron, Logistic and J48 on the data
 * sets given, by repeated cross-validation in Weka's Experimenter engine (a {@link CrossValidationResultProducer}
 * whose classifier is iterated over the four), then Weka's corrected paired t-test (Nadeau &amp; Bengio) on the
 * percentage correct, with BackpropOneHidden as the base, printed as the Experimenter prints it.
 *
 * <pre>
 * mvn -B -q -Pexperiment test-compile exec:exec -Dexperiment.args="target/data/iris.arff target/data/credit-g.arff"
 * </pre>
 *
 * Options before the data sets: {@code -runs R} (default 10), {@code -folds F} (default 10), {@code -mlp-epochs N}
 * (MultilayerPerceptron's -N, default Weka's 500), {@code -results file.arff} (keep the raw results; default a
 * temporary file), {@code -save file.exp} (also save the experiment, to open in the Experimenter's Setup tab).
 */
public final class ComparisonExperiment {

  private ComparisonExperiment() {
  }

  /** @return the four classifiers compared, BackpropOneHidden first (the base of the t-test) */
  static Classifier[] classifiers(int mlpEpochs) {
    MultilayerPerceptron mlp = new MultilayerPerceptron();
    mlp.setTrainingTime(mlpEpochs);
    return new Classifier[] {new BackpropOneHidden(), mlp, new Logistic(), new J48()};
  }

  /**
   * Runs the experiment and returns the t-test table.
   *
   * @param datasets ARFF (or any Weka-readable) files, class attribute last
   * @param runs repetitions of the cross-validation
   * @param folds folds
   * @param mlpEpochs MultilayerPerceptron's number of epochs
   * @param results where the raw results go (ARFF)
   * @param saveAs if not null, the configured experiment is saved there
   * @return the header and the table of percent correct, with v / * for significantly better / worse
   */
  public static String run(List<File> datasets, int runs, int folds, int mlpEpochs, File results, File saveAs)
      throws Exception {
    Experiment experiment = experiment(datasets, classifiers(mlpEpochs), runs, folds, results);
    if (saveAs != null) {
      SerializationHelper.write(saveAs.getPath(), experiment);
    }

    experiment.initialize();
    experiment.runExperiment();
    experiment.postProcess();
    Instances raw = DataSource.read(results.getPath());
    return tTest(raw);
  }

  /**
   * An experiment as the Experimenter's Setup tab makes it: cross-validation of each classifier on each data set,
   * the raw results written to a file. Weka adds the additional measures of the classifiers as columns.
   *
   * @param datasets ARFF (or any Weka-readable) files, class attribute last
   * @param classifiers the classifiers, iterated as the Experimenter's algorithm list
   * @param runs repetitions of the cross-validation
   * @param folds folds
   * @param results where the raw results go (ARFF)
   * @return the experiment, to initialize and run
   */
  static Experiment experiment(List<File> datasets, Classifier[] classifiers, int runs, int folds, File results)
      throws Exception {
    ClassifierSplitEvaluator evaluator = new ClassifierSplitEvaluator();
    evaluator.setClassifier(classifiers[0]);
    CrossValidationResultProducer producer = new CrossValidationResultProducer();
    producer.setNumFolds(folds);
    producer.setSplitEvaluator(evaluator);

    Experiment experiment = new Experiment();
    experiment.setResultProducer(producer);
    // iterate the classifier of the split evaluator over the four, as the Experimenter's algorithm list does
    PropertyNode[] path = {
        new PropertyNode(evaluator, new PropertyDescriptor("splitEvaluator", CrossValidationResultProducer.class),
            CrossValidationResultProducer.class),
        new PropertyNode(classifiers[0], new PropertyDescriptor("classifier", ClassifierSplitEvaluator.class),
            ClassifierSplitEvaluator.class)};
    experiment.setPropertyPath(path);
    experiment.setPropertyArray(classifiers);
    experiment.setUsePropertyIterator(true);
    experiment.setRunLower(1);
    experiment.setRunUpper(runs);
    DefaultListModel<File> files = new DefaultListModel<>();
    for (File dataset : datasets) {
      if (!dataset.isFile()) {
        throw new IllegalArgumentException("no such data set: " + dataset);
      }
      files.addElement(dataset.getAbsoluteFile());
    }
    experiment.setDatasets(files);
    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(results);
    experiment.setResultListener(listener);
    return experiment;
  }

  /**
   * @param results the raw results of an experiment (Key_Dataset, Key_Run, Key_Fold, Key_Scheme, ...)
   * @return the corrected paired t-test of Percent_correct at the 0.05 level, the first scheme as the base
   */
  static String tTest(Instances results) throws Exception {
    PairedCorrectedTTester tester = new PairedCorrectedTTester();
    tester.setInstances(results);
    tester.setSortColumn(-1);
    tester.setRunColumn(results.attribute("Key_Run").index());
    tester.setFoldColumn(results.attribute("Key_Fold").index());
    tester.setDatasetKeyColumns(new Range("" + (results.attribute("Key_Dataset").index() + 1)));
    tester.setResultsetKeyColumns(new Range((results.attribute("Key_Scheme").index() + 1) + ","
        + (results.attribute("Key_Scheme_options").index() + 1) + ","
        + (results.attribute("Key_Scheme_version_ID").index() + 1)));
    tester.setSignificanceLevel(0.05);
    ResultMatrixPlainText matrix = new ResultMatrixPlainText();
    matrix.setShowStdDev(true);
    tester.setResultMatrix(matrix);
    tester.setShowStdDevs(true);
    int percentCorrect = results.attribute("Percent_correct").index();
    return tester.header(percentCorrect) + "\n" + tester.multiResultsetFull(0, percentCorrect);
  }

  /**
   * @param args [-runs R] [-folds F] [-mlp-epochs N] [-results file.arff] [-save file.exp] dataset...
   */
  public static void main(String[] args) throws Exception {
    String[] options = args.clone();
    int runs = intOption("runs", options, 10);
    int folds = intOption("folds", options, 10);
    int mlpEpochs = intOption("mlp-epochs", options, 500);
    String resultsName = Utils.getOption("results", options);
    String saveName = Utils.getOption("save", options);
    List<File> datasets = new ArrayList<>();
    for (String option : options) {
      if (!option.isEmpty()) {
        datasets.add(new File(option));
      }
    }
    if (datasets.isEmpty()) {
      System.err.println("usage: ComparisonExperiment [-runs R] [-folds F] [-mlp-epochs N] [-results file.arff] "
          + "[-save file.exp] dataset.arff...");
      System.exit(2);
    }
    File results = resultsName.isEmpty() ? File.createTempFile("comparison-", ".arff") : new File(resultsName);
    if (resultsName.isEmpty()) {
      results.deleteOnExit();
    }
    System.out.println("BackpropOneHidden vs MultilayerPerceptron (-N " + mlpEpochs + "), Logistic, J48: " + runs
        + " x " + folds + "-fold cross-validation on " + Arrays.toString(datasets.toArray()) + "\n");
    System.out.println(run(datasets, runs, folds, mlpEpochs, results,
        saveName.isEmpty() ? null : new File(saveName)));
  }

  private static int intOption(String name, String[] options, int otherwise) throws Exception {
    String text = Utils.getOption(name, options);
    return text.isEmpty() ? otherwise : Integer.parseInt(text);
  }
}
