package weka.classifiers.functions.knowledgeflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.converters.ArffLoader;
import weka.gui.Logger;
import weka.knowledgeflow.Flow;
import weka.knowledgeflow.FlowRunner;
import weka.knowledgeflow.StepManager;
import weka.knowledgeflow.StepManagerImpl;
import weka.knowledgeflow.steps.ClassAssigner;
import weka.knowledgeflow.steps.Classifier;
import weka.knowledgeflow.steps.ClassifierPerformanceEvaluator;
import weka.knowledgeflow.steps.CrossValidationFoldMaker;
import weka.knowledgeflow.steps.Loader;
import weka.knowledgeflow.steps.Step;
import weka.knowledgeflow.steps.TextViewer;

/**
 * A KnowledgeFlow that trains BackpropOneHidden on iris and evaluates it by 10-fold cross-validation:
 * ArffLoader → ClassAssigner → CrossValidationFoldMaker → Classifier(BackpropOneHidden) →
 * ClassifierPerformanceEvaluator → TextViewer, built with the weka.knowledgeflow API, saved as a .kf (JSON) file,
 * loaded again and run headless by a FlowRunner.
 */
class KnowledgeFlowTest {

  private static final Pattern CORRECT = Pattern.compile("Correctly Classified Instances\\s+\\d+\\s+([\\d.]+) %");

  /** @return the flow; its TextViewer step is named "Evaluation" */
  static Flow buildFlow(File arff) throws Exception {
    Flow flow = new Flow();
    flow.setFlowName("BackpropOneHidden on iris");
    ArffLoader arffLoader = new ArffLoader();
    arffLoader.setFile(arff);
    Loader loader = new Loader();
    loader.setLoader(arffLoader);
    ClassAssigner classAssigner = new ClassAssigner();
    classAssigner.setClassColumn("/last");
    CrossValidationFoldMaker folds = new CrossValidationFoldMaker();
    folds.setNumFolds("10");
    Classifier classifier = new Classifier();
    classifier.setClassifier(new BackpropOneHidden());
    ClassifierPerformanceEvaluator evaluator = new ClassifierPerformanceEvaluator();
    TextViewer text = new TextViewer();

    StepManagerImpl loaderStep = add(flow, loader, "ArffLoader");
    StepManagerImpl classStep = add(flow, classAssigner, "ClassAssigner");
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
