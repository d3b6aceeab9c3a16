package weka.classifiers.functions.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.PropertyDescriptor;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;

import javax.swing.DefaultListModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffSaver;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.PropertyNode;
import weka.experiment.RegressionSplitEvaluator;

/**
 * A numeric class in the Experimenter, as its Setup tab runs it with "Regression" chosen: Weka's
 * RegressionSplitEvaluator cross-validates BackpropOneHidden, records Weka's regression measures per fold, and
 * finds the classifier's additional measures by itself (measureTuningCvRrse among them).
 */
class ExperimenterRegressionTest {

  @Test
  void theRegressionSplitEvaluatorRecordsErrorsAndMeasuresPerFold(@TempDir Path dir) throws Exception {
    File data = dir.resolve("curve.arff").toFile();
    ArffSaver saver = new ArffSaver();
    saver.setInstances(curve());
    saver.setFile(data);
    saver.writeBatch();

    BackpropOneHidden classifier = new BackpropOneHidden();
    RegressionSplitEvaluator evaluator = new RegressionSplitEvaluator();
    evaluator.setClassifier(classifier);
    CrossValidationResultProducer producer = new CrossValidationResultProducer();
    producer.setNumFolds(3);
    producer.setSplitEvaluator(evaluator);
    Experiment experiment = new Experiment();
    experiment.setResultProducer(producer);
    experiment.setPropertyPath(new PropertyNode[] {
        new PropertyNode(evaluator, new PropertyDescriptor("splitEvaluator", CrossValidationResultProducer.class),
            CrossValidationResultProducer.class),
        new PropertyNode(classifier, new PropertyDescriptor("classifier", RegressionSplitEvaluator.class),
            RegressionSplitEvaluator.class)});
    experiment.setPropertyArray(new BackpropOneHidden[] {classifier});
    experiment.setUsePropertyIterator(true);
    experiment.setRunLower(1);
    experiment.setRunUpper(1);
    DefaultListModel<File> files = new DefaultListModel<>();
    files.addElement(data);
    experiment.setDatasets(files);
    File resultsFile = dir.resolve("results.arff").toFile();
    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(resultsFile);
    experiment.setResultListener(listener);
    experiment.initialize();
    experiment.runExperiment();
    experiment.postProcess();

    Instances results = DataSource.read(resultsFile.getPath());
    assertEquals(3, results.numInstances(), "3 folds");
    Attribute rrse = results.attribute("Root_relative_squared_error");
    Attribute cvRrse = results.attribute("measureTuningCvRrse");
    Attribute committee = results.attribute("measureCommitteeSize");
    assertNotNull(rrse);
    assertNotNull(cvRrse, "the additional measure is not a column");
    assertNotNull(committee);
    for (Instance fold : results) {
      // y = sin(2x) + noise of sd 0.1: the noise alone leaves about 14 % RRSE
      assertTrue(fold.value(rrse) < 40, "RRSE " + fold.value(rrse));
      assertTrue(fold.value(cvRrse) > 0 && fold.value(cvRrse) < 60, "tuning's CV RRSE " + fold.value(cvRrse));
      assertEquals(5, fold.value(committee), 0.0);
    }
  }

  /** 150 instances of y = sin(2x) + noise (sd 0.1), x uniform on [−2, 2], and a noise attribute. */
  private static Instances curve() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("noise"));
    attributes.add(new Attribute("y"));
    Instances data = new Instances("curve", attributes, 150);
    data.setClassIndex(2);
    Random random = new Random(5);
    for (int k = 0; k < 150; k++) {
      double x = random.nextDouble() * 4 - 2;
      data.add(new DenseInstance(1.0, new double[] {x, random.nextGaussian(), Math.sin(2 * x)
          + 0.1 * random.nextGaussian()}));
    }
    return data;
  }
}
