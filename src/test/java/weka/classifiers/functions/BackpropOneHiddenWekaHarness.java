package weka.classifiers.functions;

import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's own classifier test case (JUnit 3 style, from the weka-stable tests jar) applied to
 * BackpropOneHidden. JUnit Jupiter does not run JUnit 3 classes by itself: {@link WekaHarnessTest} runs each
 * of its testXxx methods. Its testRegression compares against
 * {@code src/test/resources/wekarefs/weka/classifiers/functions/BackpropOneHiddenWekaHarness.ref}.
 */
public class BackpropOneHiddenWekaHarness extends AbstractClassifierTest {

  /** @param name the testXxx method to run */
  public BackpropOneHiddenWekaHarness(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new BackpropOneHidden();
  }
}
