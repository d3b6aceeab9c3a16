package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Early stopping on very wide data (issue 14, item 7): 2,000 attributes and 100 rows, of which 10 are held out. The
 * first epoch overfits at once, so the held-out loss of the random initial weights (about log 2) stays the lowest,
 * and early stopping kept that untrained network (42 % training accuracy on two balanced classes), saying nothing.
 * Now the initial weights are never kept once an epoch has run: the best trained epoch is, and the model text and
 * the log say that the loss was lowest before training.
 */
class EarlyStoppingOnWideDataTest {

  private static Instances wide;

  @BeforeAll
  static void makeData() {
    TestSupport.quietLogging();
    wide = wideData(2000, 100, new Random(1));
  }

  /** Two balanced classes; the first 10 of m Gaussian attributes are shifted by 1 in class b. */
  static Instances wideData(int m, int n, Random random) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      attributes.add(new Attribute("x" + j));
    }
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("wide", attributes, n);
    data.setClassIndex(m);
    for (int k = 0; k < n; k++) {
      double[] values = new double[m + 1];
      int c = k % 2;
      for (int j = 0; j < m; j++) {
        values[j] = random.nextGaussian() + (j < 10 ? c : 0);
      }
      values[m] = c;
      data.add(new DenseInstance(1.0, values));
    }
    return data;
  }

  @Test
  void theUntrainedInitialNetworkIsNeverKeptAndTheModelTextAndLogSaySo() throws Exception {
    BackpropOneHidden classifier = TestSupport.classifier("-tune none -num-threads 1");
    ResumeAndHeaderChangeTest.Lines log = new ResumeAndHeaderChangeTest.Lines();
    classifier.setLog(log);
    classifier.buildClassifier(wide);
    TrainingResult result = classifier.getTrainingResult();
    double[] validation = result.validationHistory();
    assertTrue(result.keptEpoch() >= 1, "kept epoch " + result.keptEpoch());
    for (int e = 1; e <= result.epochs(); e++) {
      assertTrue(validation[0] < validation[e], "the random initial weights had the lowest held-out loss");
    }
    String text = classifier.toString();
    assertTrue(text.contains("The validation loss was lowest before training ("), text);
    assertTrue(text.contains("the best trained epoch's weights are kept instead"), text);
    assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("BackpropOneHidden: The validation loss was lowest "
        + "before training")), log.lines.toString());
    double[][] p = classifier.distributionsForInstances(wide);
    int right = 0;
    for (int k = 0; k < p.length; k++) {
      right += Utils.maxIndex(p[k]) == (int) wide.instance(k).classValue() ? 1 : 0;
    }
    assertTrue(right >= 80, right + " of 100 training instances right (the untrained network got 42)");
  }
}
