package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.bridge.Importance;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Input importance (-importance, issue 13 part 5) on generated data where only x1 (numeric) and x2 (nominal) decide
 * the class and x3 … x6 (three numeric, one nominal) are noise: both measures rank the informative attributes first,
 * for one network (-tune none) and the default committee; the numbers are deterministic from -S for any number of
 * threads; the option changes neither the model nor its predictions.
 */
class ImportanceTest {

  private static Instances data;
  private static final Set<String> INFORMATIVE = new HashSet<>(Arrays.asList("x1", "x2"));

  @BeforeAll
  static void generate() {
    TestSupport.quietLogging();
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x1"));
    attributes.add(new Attribute("x2", Arrays.asList("low", "mid", "high")));
    attributes.add(new Attribute("x3"));
    attributes.add(new Attribute("x4"));
    attributes.add(new Attribute("x5"));
    attributes.add(new Attribute("x6", Arrays.asList("a", "b", "c")));
    attributes.add(new Attribute("class", Arrays.asList("no", "yes")));
    data = new Instances("informative-x1-x2", attributes, 400);
    data.setClassIndex(6);
    Random random = new Random(13);
    for (int k = 0; k < 400; k++) {
      double x1 = 2 * random.nextDouble() - 1;
      int x2 = random.nextInt(3);
      double score = 1.5 * x1 + (x2 - 1) + 0.3 * random.nextGaussian();
      double[] values = {x1, x2, random.nextGaussian(), 10 * random.nextDouble(), random.nextGaussian() * 3,
          random.nextInt(3), score > 0 ? 1 : 0};
      data.add(new DenseInstance(1, values));
    }
  }

  private static BackpropOneHidden build(String... options) throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(options.clone());
    classifier.buildClassifier(new Instances(data));
    return classifier;
  }

  private static void assertInformativeFirst(Importance importance) {
    String[] ranked = importance.attributes();
    assertEquals(6, ranked.length, Arrays.toString(ranked));
    assertEquals(INFORMATIVE, new HashSet<>(Arrays.asList(ranked[0], ranked[1])),
        "permutation ranking " + Arrays.toString(ranked) + " " + Arrays.toString(importance.permutation()));
    double[] olden = importance.olden();
    List<String> byOlden = new ArrayList<>();
    for (int j = 0; j < ranked.length; j++) {
      byOlden.add(ranked[j]);
    }
    byOlden.sort((a, b) -> Double.compare(olden[Arrays.asList(ranked).indexOf(b)],
        olden[Arrays.asList(ranked).indexOf(a)]));
    assertEquals(INFORMATIVE, new HashSet<>(byOlden.subList(0, 2)),
        "Olden ranking " + byOlden + " " + Arrays.toString(olden));
    double[] rise = importance.permutation();
    for (int j = 2; j < rise.length; j++) {
      assertTrue(rise[1] > rise[j] + 0.01, "informative clearly above noise: " + Arrays.toString(rise));
    }
  }

  @Test
  void oneNetworkRanksTheInformativeAttributesFirst() throws Exception {
    BackpropOneHidden classifier = build("-tune", "none", "-importance");
    Importance importance = classifier.getImportance();
    assertNotNull(importance);
    assertTrue(importance.heldOut().contains("held out for early stopping"), importance.heldOut());
    assertInformativeFirst(importance);
    assertTrue(classifier.toString().contains("Input importance (-importance), most important first"));
  }

  @Test
  void committeeRanksTheInformativeAttributesFirst() throws Exception {
    BackpropOneHidden classifier = build("-importance");
    Importance importance = classifier.getImportance();
    assertNotNull(importance);
    assertTrue(importance.heldOut().contains("fold networks"), importance.heldOut());
    assertInformativeFirst(importance);
    // every row once as trained, then once per attribute and permutation
    assertEquals(400L * (1 + 6 * Importance.REPEATS), importance.rowsPredicted());
  }

  @Test
  void deterministicForAnyNumberOfThreads() throws Exception {
    for (String tune : new String[] {"cv", "none"}) {
      Importance one = build("-tune", tune, "-importance", "-S", "3", "-num-threads", "1").getImportance();
      Importance two = build("-tune", tune, "-importance", "-S", "3", "-num-threads", "2").getImportance();
      assertArrayEquals(one.attributes(), two.attributes());
      assertArrayEquals(one.permutation(), two.permutation(), 0);
      assertArrayEquals(one.permutationSd(), two.permutationSd(), 0);
      assertArrayEquals(one.olden(), two.olden(), 0);
      assertEquals(one.baseline(), two.baseline(), 0);
      Importance other = build("-tune", tune, "-importance", "-S", "4").getImportance();
      assertFalse(Arrays.equals(one.permutation(), other.permutation()), "another seed, other permutations");
    }
  }

  @Test
  void theOptionChangesNeitherTheModelNorItsPredictions() throws Exception {
    for (String tune : new String[] {"cv", "none"}) {
      BackpropOneHidden off = build("-tune", tune);
      BackpropOneHidden on = build("-tune", tune, "-importance");
      assertNull(off.getImportance());
      assertFalse(off.toString().contains("Input importance"));
      String onText = on.toString();
      String model = onText.substring(0, onText.indexOf("\nInput importance"));
      assertEquals(off.toString().replace("\n", "").trim(),
          model.replace(" -importance", "").replace("\n", "").trim());
      for (int k = 0; k < data.numInstances(); k++) {
        assertArrayEquals(off.distributionForInstance(data.instance(k)), on.distributionForInstance(data.instance(k)),
            0);
      }
    }
  }

  @Test
  void aStreamWithinOneBufferRanksAsBuildClassifierDoes() throws Exception {
    for (String tune : new String[] {"cv", "none"}) {
      Importance built = build("-tune", tune, "-importance").getImportance();
      BackpropOneHidden streamed = new BackpropOneHidden();
      streamed.setOptions(new String[] {"-tune", tune, "-importance"});
      streamed.buildClassifier(new Instances(data, 0));
      for (int k = 0; k < data.numInstances(); k++) {
        streamed.updateClassifier(data.instance(k));
      }
      streamed.batchFinished();
      Importance fromStream = streamed.getImportance();
      assertNotNull(fromStream, tune);
      assertArrayEquals(built.attributes(), fromStream.attributes());
      assertArrayEquals(built.permutation(), fromStream.permutation(), 0);
      assertArrayEquals(built.olden(), fromStream.olden(), 0);
    }
  }

  /** Without held-out rows (one network, -V 0) the training rows are used, and the model text says so. */
  @Test
  void withoutHeldOutRowsTheTextSaysTheRankingIsOptimistic() throws Exception {
    BackpropOneHidden classifier = TestSupport.built("-tune none -V 0 -N 10 -importance",
        TestSupport.load("iris.arff"));
    assertNotNull(classifier.getImportance());
    String text = classifier.toString();
    assertTrue(text.contains("training rows, since nothing was held out") && text.contains("optimistic"), text);
  }

  @Test
  void irisCommitteeBaselineIsTheTuningsScore() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setComputeImportance(true);
    classifier.buildClassifier(TestSupport.load("iris.arff"));
    Importance importance = classifier.getImportance();
    SearchReportCheck.assertBaselineIsChosenBrier(classifier, importance);
    assertEquals(4, importance.attributes().length);
    assertTrue(importance.attributes()[0].startsWith("petal"), Arrays.toString(importance.attributes()));
  }

  /** The held-out rows are the tuning's folds: the baseline is the chosen candidate's mean held-out Brier score. */
  private static final class SearchReportCheck {
    static void assertBaselineIsChosenBrier(BackpropOneHidden classifier, Importance importance) {
      weka.classifiers.functions.backprop.tune.SearchReport report = classifier.getTuningReport();
      assertEquals(report.brier(report.chosen()), importance.baseline(), 1e-12);
    }
  }
}
