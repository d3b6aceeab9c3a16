package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation;
import weka.core.Utils;

/** The model text (toString), the fallback to the class prior, globalInfo and the technical information. */
class BackpropOneHiddenModelTextTest {

  private static Instances iris;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  private static void assertContains(String text, String part) {
    assertTrue(text.contains(part), "expected '" + part + "' in\n" + text);
  }

  @Test
  void unbuiltModelSaysSo() throws Exception {
    BackpropOneHidden classifier = TestSupport.plain();
    assertContains(classifier.toString(), "No model built yet");
    Exception e = assertThrows(Exception.class, () -> classifier.distributionForInstance(iris.instance(0)));
    assertContains(e.getMessage(), "buildClassifier");
  }

  @Test
  void lbfgsTextShowsTheFunctionEvaluationsAndNoLearningRate() throws Exception {
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.setOptions(new String[] {"-tune", "none", "-H", "4", "-A", "tanh", "-O", "lbfgs", "-B", "0", "-V", "0", "-R", "0.001",
        "-N", "30", "-num-threads", "1", "-S", "1"});
    classifier.buildClassifier(iris);
    String text = classifier.toString();
    int evaluations = classifier.getTrainingResult().functionEvaluations();
    assertTrue(evaluations > classifier.getTrainingResult().epochs(), "one per iteration and one at the start");
    assertContains(text, "Training: lbfgs (L-BFGS, 10 pairs, strong Wolfe line search; no learning rate), "
        + evaluations + " function evaluations, full batch, 150 training rows");
    assertContains(text, "-O lbfgs");
    assertTrue(!text.contains("learning rate 0.01"), text);
    double[] losses = classifier.getLossHistory();
    for (int e = 1; e < losses.length; e++) {
      assertTrue(losses[e] <= losses[e - 1], "the L-BFGS loss never rises");
    }
  }

  @Test
  void textShowsArchitectureLossesAndEpochs() throws Exception {
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.setOptions(new String[] {"-tune", "none", "-H", "6", "-A", "sigmoid", "-O", "gd", "-L", "0.5", "-B", "0", "-V", "0",
        "-R", "0", "-N", "40"});
    classifier.buildClassifier(iris);
    String text = classifier.toString();
    assertContains(text, "4 inputs");
    assertContains(text, "6 sigmoid hidden units");
    assertContains(text, "3 softmax outputs");
    assertContains(text, "(51 weights)"); // 6 x (4 + 1) + 3 x (6 + 1)
    assertContains(text, "40 epochs run");
    assertContains(text, "learning rate 0.5");
    double[] losses = classifier.getLossHistory();
    assertEquals(41, losses.length);
    assertTrue(losses[40] < losses[0], "the loss should fall on iris");
    assertContains(text, "Training loss (mean cross-entropy): " + Utils.doubleToString(losses[0], 6).trim()
        + " at the start, " + Utils.doubleToString(losses[40], 6).trim() + " after the last epoch");
  }

  @Test
  void twoClassTanhModelHasOneSigmoidOutput() throws Exception {
    Instances creditG = TestSupport.load("credit-g.arff"); // class good/bad; 13 nominal, 7 numeric attributes
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.setOptions(new String[] {"-tune", "none", "-H", "1", "-A", "tanh", "-N", "1"});
    classifier.buildClassifier(creditG);
    String text = classifier.toString();
    // 7 numeric inputs; 13 nominal attributes give 54: one indicator per value, one 0/1 input if two-valued;
    // two declared values never occur in credit-g, so their indicators are constant and removed: 59
    assertContains(text, "59 inputs -> 1 tanh hidden unit -> 1 sigmoid output (62 weights)");
    assertContains(text, "2 binary inputs constant in training removed");
    assertContains(text, "Class: class (2 values)");
    assertContains(text, "1 epoch run");
  }

  @Test
  void tinyAndHugeNumbersStayReadable() throws Exception {
    BackpropOneHidden tiny = TestSupport.plain();
    tiny.setOptions(new String[] {"-tune", "none", "-O", "gd", "-L", "1e-7", "-N", "1"});
    tiny.buildClassifier(iris);
    assertContains(tiny.toString(), "learning rate 1.0E-7,");

    // such a step makes the weights explode; the engine's log-sum-exp keeps the loss finite but huge
    BackpropOneHidden huge = TestSupport.plain();
    huge.setOptions(new String[] {"-tune", "none", "-O", "gd", "-B", "0", "-V", "0", "-R", "0", "-L", "1e300", "-N", "20"});
    huge.buildClassifier(iris);
    String text = huge.toString();
    assertContains(text, "learning rate 1.0E300,");
    for (String line : text.split("\n")) {
      // every line but the options, Weka's command line
      assertTrue(line.startsWith("Options: ") || line.length() < 160, "line too long: " + line);
    }
    assertContains(text, "e+"); // the final loss in scientific notation
  }

  @Test
  void zeroEpochsKeepTheInitialLoss() throws Exception {
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.setOptions(new String[] {"-tune", "none", "-N", "0"});
    classifier.buildClassifier(iris);
    double[] losses = classifier.getLossHistory();
    assertEquals(1, losses.length);
    String loss = Utils.doubleToString(losses[0], 6).trim();
    assertContains(classifier.toString(), "0 epochs run");
    assertContains(classifier.toString(), loss + " at the start, " + loss + " after the last epoch");
  }

  @Test
  void constantAttributesFallBackToTheClassPrior() throws Exception {
    BackpropOneHidden classifier = TestSupport.plain();
    Instances data = TestSupport.constantAttributes(3, 1);
    classifier.buildClassifier(data);
    String text = classifier.toString();
    assertContains(text, "no attribute varies");
    assertContains(text, "class prior");
    assertTrue(classifier.getNetwork() == null && classifier.getLossHistory() == null);
    // ZeroR's prior with Laplace-corrected counts: (3 + 1) / (4 + 2), (1 + 1) / (4 + 2)
    assertArrayEquals(new double[] {4.0 / 6, 2.0 / 6}, classifier.distributionForInstance(data.instance(0)), 1e-12);
  }

  @Test
  void onlyTheClassAttributeFallsBackToTheClassPrior() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    ArrayList<String> labels = new ArrayList<>();
    labels.add("yes");
    labels.add("no");
    attributes.add(new Attribute("class", labels));
    Instances data = new Instances("only-class", attributes, 0);
    data.setClassIndex(0);
    for (double c : new double[] {0, 0, 1, 0}) {
      data.add(new DenseInstance(1.0, new double[] {c}));
    }
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.buildClassifier(data);
    assertContains(classifier.toString(), "no attributes besides the class");
    assertContains(classifier.toString(), "class prior");
  }

  @Test
  void missingClassValuesAreReportedAndIgnored() throws Exception {
    Instances data = new Instances(iris);
    data.instance(0).setClassMissing();
    data.instance(1).setClassMissing();
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.setOptions(new String[] {"-tune", "none", "-N", "5"});
    classifier.buildClassifier(data);
    assertContains(classifier.toString(), "Training instances without a class value ignored: 2");
  }

  @Test
  void globalInfoAndTechnicalInformationCiteRumelhartHintonWilliams() {
    BackpropOneHidden classifier = TestSupport.plain();
    TechnicalInformation info = classifier.getTechnicalInformation();
    assertEquals(TechnicalInformation.Type.ARTICLE, info.getType());
    String authors = info.getValue(Field.AUTHOR);
    assertContains(authors, "Rumelhart");
    assertContains(authors, "Hinton");
    assertContains(authors, "Williams");
    assertEquals("1986", info.getValue(Field.YEAR));
    assertContains(info.getValue(Field.TITLE), "back-propagating errors");
    assertEquals("Nature", info.getValue(Field.JOURNAL));

    String global = classifier.globalInfo();
    assertContains(global, "one hidden layer");
    assertContains(global, "Rumelhart");
    assertContains(global, "1986");
  }
}
