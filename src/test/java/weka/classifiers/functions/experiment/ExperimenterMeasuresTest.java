package weka.classifiers.functions.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.Classifier;
import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;

/**
 * BackpropOneHidden's additional measures reach the Experimenter's results as columns, one value per fold: through
 * an Experiment as the Setup tab makes it (Weka finds the measures itself) and through a result producer given the
 * measures by name.
 */
class ExperimenterMeasuresTest {

  private static final File IRIS = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")),
      "target", "data", "iris.arff").toFile();

  @Test
  void experimentRecordsEveryMeasurePerFold(@TempDir Path dir) throws Exception {
    File resultsFile = dir.resolve("results.arff").toFile();
    Classifier[] classifiers = {classifier("-N 10"), classifier("-tune none -N 10")};
    Experiment experiment = ComparisonExperiment.experiment(Collections.singletonList(IRIS), classifiers, 1, 3,
        resultsFile);
    experiment.initialize();
    experiment.runExperiment();
    experiment.postProcess();

    Instances results = DataSource.read(resultsFile.getPath());
    assertEquals(2 * 3, results.numInstances(), "2 classifiers x 3 folds");
    List<String> names = Collections.list(new BackpropOneHidden().enumerateMeasures());
    for (String name : names) {
      Attribute column = results.attribute(name);
      assertNotNull(column, name + " is not a column of the results");
      assertTrue(column.isNumeric(), name);
    }
    Attribute options = results.attribute("Key_Scheme_options");
    int tuned = 0;
    for (Instance fold : results) {
      double hidden = value(fold, results, "measureNumHiddenUnits");
      double weightsPerNetwork = 5 * hidden + (hidden + 1) * 3; // 4 inputs and a bias, 3 classes
      assertTrue(hidden >= 1, "hidden units " + hidden);
      assertTrue(value(fold, results, "measureEpochsRun") >= value(fold, results, "measureKeptEpoch"));
      assertTrue(value(fold, results, "measureEpochsRun") <= 10);
      if (fold.stringValue(options).contains("-tune none")) {
        assertEquals(weightsPerNetwork, value(fold, results, "measureNumWeights"), 0.0);
        assertTrue(value(fold, results, "measureFinalTrainingLoss") > 0);
        assertTrue(value(fold, results, "measureBestValidationLoss") > 0, "-V 0.1 holds rows out");
        for (String name : new String[] {"measureTunedHiddenUnits", "measureTunedWeightDecay", "measureTuningFolds",
            "measureTuningCvBrier", "measureTuningCvAccuracy", "measureTuningCvRrse", "measureCommitteeSize"}) {
          assertNull(orNull(fold, results, name), name + " of one network");
        }
      } else {
        tuned++;
        // 100 training rows of iris: 5 tuning folds, the committee of their 5 networks
        assertEquals(5, value(fold, results, "measureTuningFolds"), 0.0);
        assertEquals(5, value(fold, results, "measureCommitteeSize"), 0.0);
        assertEquals(5 * weightsPerNetwork, value(fold, results, "measureNumWeights"), 0.0);
        assertEquals(hidden, value(fold, results, "measureTunedHiddenUnits"), 0.0);
        assertTrue(value(fold, results, "measureTunedWeightDecay") > 0);
        double brier = value(fold, results, "measureTuningCvBrier");
        assertTrue(brier > 0 && brier < 2, "Brier score " + brier);
        double accuracy = value(fold, results, "measureTuningCvAccuracy");
        assertTrue(accuracy > 33 && accuracy <= 100, "accuracy " + accuracy);
        assertNull(orNull(fold, results, "measureTuningCvRrse"), "the RRSE of a nominal class");
        assertNull(orNull(fold, results, "measureFinalTrainingLoss"), "a committee's training loss");
        assertNull(orNull(fold, results, "measureBestValidationLoss"), "a committee's validation loss");
      }
    }
    assertEquals(3, tuned);
  }

  @Test
  void resultProducerRecordsTheMeasuresAskedFor(@TempDir Path dir) throws Exception {
    File resultsFile = dir.resolve("results.arff").toFile();
    ClassifierSplitEvaluator evaluator = new ClassifierSplitEvaluator();
    evaluator.setClassifier(classifier("-N 10"));
    CrossValidationResultProducer producer = new CrossValidationResultProducer();
    producer.setNumFolds(3);
    producer.setSplitEvaluator(evaluator);
    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(resultsFile);
    producer.setResultListener(listener);
    producer.setAdditionalMeasures(new String[] {"measureCommitteeSize", "measureNumWeights"});
    Instances iris = DataSource.read(IRIS.getPath());
    iris.setClassIndex(iris.numAttributes() - 1);
    producer.setInstances(iris);
    producer.preProcess();
    producer.doRun(1);
    producer.postProcess();

    Instances results = DataSource.read(resultsFile.getPath());
    assertEquals(3, results.numInstances());
    assertNull(results.attribute("measureKeptEpoch"), "only the measures asked for");
    for (Instance fold : results) {
      assertEquals(5, value(fold, results, "measureCommitteeSize"), 0.0);
      assertTrue(value(fold, results, "measureNumWeights") > 0);
    }
  }

  private static BackpropOneHidden classifier(String options) throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions(options));
    return classifier;
  }

  private static double value(Instance fold, Instances results, String column) {
    Double value = orNull(fold, results, column);
    assertNotNull(value, column + " is missing");
    return value;
  }

  /** @return the fold's value in the column, or null if it is missing */
  private static Double orNull(Instance fold, Instances results, String column) {
    Attribute attribute = results.attribute(column);
    assertNotNull(attribute, column + " is not a column of the results");
    return fold.isMissing(attribute) ? null : fold.value(attribute);
  }
}
