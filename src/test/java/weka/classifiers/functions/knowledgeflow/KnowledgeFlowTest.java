package weka.classifiers.functions.knowledgeflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffLoader;
import weka.core.converters.ArffSaver;
import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.Logger;
import weka.knowledgeflow.Flow;
import weka.knowledgeflow.FlowRunner;
import weka.knowledgeflow.StepManager;
import weka.knowledgeflow.StepManagerImpl;
import weka.knowledgeflow.steps.ClassAssigner;
import weka.knowledgeflow.steps.Classifier;
import weka.knowledgeflow.steps.ClassifierPerformanceEvaluator;
import weka.knowledgeflow.steps.CrossValidationFoldMaker;
import weka.knowledgeflow.steps.IncrementalClassifierEvaluator;
import weka.knowledgeflow.steps.Loader;
import weka.knowledgeflow.steps.Step;
import weka.knowledgeflow.steps.TextViewer;

/**
 * A KnowledgeFlow that trains BackpropOneHidden on iris and evaluates it by 10-fold cross-validation:
 * ArffLoader → ClassAssigner → CrossValidationFoldMaker → Classifier(BackpropOneHidden) →
 * ClassifierPerformanceEvaluator → TextViewer, built with the weka.knowledgeflow API, saved as a .kf (JSON) file,
 * loaded again and run headless by a FlowRunner. And a streaming flow, in which the ArffLoader sends one instance
 * at a time and BackpropOneHidden is trained incrementally: ArffLoader →instance→ ClassAssigner →instance→
 * Classifier →incrementalClassifier→ IncrementalClassifierEvaluator →text→ TextViewer, the classifier's model
 * text going to a second TextViewer.
 */
class KnowledgeFlowTest {

  private static final Pattern CORRECT = Pattern.compile("Correctly Classified Instances\\s+\\d+\\s+([\\d.]+)\\s+%");

  /** @return the flow; its TextViewer step is named "Evaluation" */
  static Flow buildFlow(File arff) throws Exception {
    Flow flow = new Flow();
    flow.setFlowName("BackpropOneHidden on iris");
    CrossValidationFoldMaker folds = new CrossValidationFoldMaker();
    folds.setNumFolds("10");
    Classifier classifier = new Classifier();
    classifier.setClassifier(new BackpropOneHidden());
    ClassifierPerformanceEvaluator evaluator = new ClassifierPerformanceEvaluator();
    TextViewer text = new TextViewer();

    StepManagerImpl[] source = addLoaderAndClassAssigner(flow, arff);
    StepManagerImpl loaderStep = source[0];
    StepManagerImpl classStep = source[1];
    StepManagerImpl foldStep = add(flow, folds, "CrossValidationFoldMaker");
    StepManagerImpl classifierStep = add(flow, classifier, "BackpropOneHidden");
    StepManagerImpl evaluatorStep = add(flow, evaluator, "ClassifierPerformanceEvaluator");
    StepManagerImpl textStep = add(flow, text, "Evaluation");
    loaderStep.addOutgoingConnection(StepManager.CON_DATASET, classStep);
    classStep.addOutgoingConnection(StepManager.CON_DATASET, foldStep);
    foldStep.addOutgoingConnection(StepManager.CON_TRAININGSET, classifierStep);
    foldStep.addOutgoingConnection(StepManager.CON_TESTSET, classifierStep);
    classifierStep.addOutgoingConnection(StepManager.CON_BATCH_CLASSIFIER, evaluatorStep);
    evaluatorStep.addOutgoingConnection(StepManager.CON_TEXT, textStep);
    return flow;
  }

  private static StepManagerImpl add(Flow flow, Step step, String name) {
    step.setName(name);
    StepManagerImpl manager = new StepManagerImpl(step);
    flow.addStep(manager);
    return manager;
  }

  /** Runs the flow to the end and returns the text the TextViewer received. */
  static String run(Flow flow, List<String> log) throws Exception {
    FlowRunner runner = new FlowRunner();
    runner.setLogger(new Logger() {
      @Override
      public void logMessage(String message) {
        synchronized (log) {
          log.add(message);
        }
      }

      @Override
      public void statusMessage(String message) {
        // status lines are not needed here
      }
    });
    runner.setFlow(flow);
    runner.run();
    runner.waitUntilFinished();
    TextViewer viewer = (TextViewer) flow.findStep("Evaluation").getManagedStep();
    Map<String, String> results = viewer.getResults();
    return String.join("\n", results.values());
  }

  /** @return the streaming flow; its TextViewers are named "Evaluation" and "Model" */
  static Flow buildStreamingFlow(File arff, String options) throws Exception {
    Flow flow = new Flow();
    flow.setFlowName("BackpropOneHidden trained incrementally");
    BackpropOneHidden backprop = new BackpropOneHidden();
    backprop.setOptions(Utils.splitOptions(options));
    Classifier classifier = new Classifier();
    classifier.setClassifier(backprop);
    IncrementalClassifierEvaluator evaluator = new IncrementalClassifierEvaluator();

    StepManagerImpl[] source = addLoaderAndClassAssigner(flow, arff);
    StepManagerImpl loaderStep = source[0];
    StepManagerImpl classStep = source[1];
    StepManagerImpl classifierStep = add(flow, classifier, "BackpropOneHidden");
    StepManagerImpl evaluatorStep = add(flow, evaluator, "IncrementalClassifierEvaluator");
    StepManagerImpl evaluationText = add(flow, new TextViewer(), "Evaluation");
    StepManagerImpl modelText = add(flow, new TextViewer(), "Model");
    loaderStep.addOutgoingConnection(StepManager.CON_INSTANCE, classStep);
    classStep.addOutgoingConnection(StepManager.CON_INSTANCE, classifierStep);
    classifierStep.addOutgoingConnection(StepManager.CON_INCREMENTAL_CLASSIFIER, evaluatorStep);
    classifierStep.addOutgoingConnection(StepManager.CON_TEXT, modelText);
    evaluatorStep.addOutgoingConnection(StepManager.CON_TEXT, evaluationText);
    return flow;
  }

  /** @return the steps ArffLoader (reading arff) and ClassAssigner (class last), added to the flow, unconnected */
  private static StepManagerImpl[] addLoaderAndClassAssigner(Flow flow, File arff) {
    ArffLoader arffLoader = new ArffLoader();
    try {
      arffLoader.setFile(arff);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Loader loader = new Loader();
    loader.setLoader(arffLoader);
    ClassAssigner classAssigner = new ClassAssigner();
    classAssigner.setClassColumn("/last");
    return new StepManagerImpl[] {add(flow, loader, "ArffLoader"), add(flow, classAssigner, "ClassAssigner")};
  }

  /** @return the text a TextViewer of the flow received */
  private static String text(Flow flow, String viewer) {
    return String.join("\n", ((TextViewer) flow.findStep(viewer).getManagedStep()).getResults().values());
  }

  /**
   * The flow streams iris (shuffled, since the file is sorted by class) in buffers of 50. The evaluator tests
   * each instance before the classifier trains on it (prequential): the first 50 get the class prior of the
   * instances seen so far, the next 50 the network of the first buffer, the last 50 that of two buffers; the
   * stream's end (batchFinished) trains the third buffer, as the model text says.
   */
  @Test
  void streamingFlowTrainsBackpropOneHiddenIncrementally(@TempDir Path dir) throws Exception {
    Instances iris = DataSource.read(Paths.get(System.getProperty("basedir", System.getProperty("user.dir")),
        "target", "data", "iris.arff").toString());
    iris.randomize(new Random(1));
    ArffSaver saver = new ArffSaver();
    saver.setInstances(iris);
    File shuffled = dir.resolve("iris-shuffled.arff").toFile();
    saver.setFile(shuffled);
    saver.writeBatch();
    File saved = dir.resolve("backprop-stream.kf").toFile();
    buildStreamingFlow(shuffled, "-H 16 -A tanh -O adam -L 0.01 -M 0.9 -decay 0 -R 1e-4 -B 32 -N 200 -V 0.1 "
        + "-E 20 -num-threads 1 -S 1 -buffer 50").saveFlow(saved);
    Flow loaded = Flow.loadFlow(saved, null);
    assertEquals(6, loaded.size(), "six steps in the saved flow");

    List<String> log = new ArrayList<>();
    run(loaded, log);
    String model = text(loaded, "Model");
    assertTrue(model.contains("Trained incrementally (updateClassifier): 150 instances with a class value in 3 "
        + "buffers of at most 50 (-buffer)"), model + "\nlog:\n" + String.join("\n", log));
    String evaluation = text(loaded, "Evaluation");
    assertTrue(evaluation.matches("(?s).*Total Number of Instances\\s+150\\s.*"), evaluation);
    Matcher m = CORRECT.matcher(evaluation);
    assertTrue(m.find(), evaluation);
    double accuracy = Double.parseDouble(m.group(1));
    System.out.println("streaming flow on iris, buffers of 50: prequential accuracy " + accuracy + " %");
    // the prior on the first 50 instances gets about a third right, the networks most of the other 100
    assertTrue(accuracy > 60.0, "prequential accuracy " + accuracy + " %:\n" + evaluation);
  }

  @Test
  void flowTrainsAndEvaluatesBackpropOneHiddenOnIris(@TempDir Path dir) throws Exception {
    File iris = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "target", "data",
        "iris.arff").toFile();
    File saved = dir.resolve("backprop-iris.kf").toFile();
    buildFlow(iris).saveFlow(saved);
    Flow loaded = Flow.loadFlow(saved, null); // as the KnowledgeFlow's File > Open would
    assertEquals(6, loaded.size(), "six steps in the saved flow");

    List<String> log = new ArrayList<>();
    String evaluation = run(loaded, log);
    assertTrue(evaluation.contains("BackpropOneHidden"), evaluation);
    assertTrue(evaluation.contains("=== Summary ==="), "no evaluation text; log:\n" + String.join("\n", log));
    Matcher m = CORRECT.matcher(evaluation);
    assertTrue(m.find(), evaluation);
    double accuracy = Double.parseDouble(m.group(1));
    assertTrue(accuracy > 90.0, "accuracy " + accuracy + " % on iris:\n" + evaluation);
    assertTrue(evaluation.matches("(?s).*Total Number of Instances\\s+150\\s.*"), evaluation);
  }
}
