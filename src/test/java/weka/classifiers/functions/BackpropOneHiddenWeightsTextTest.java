package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Network;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The weights in the model text: listed for networks with at most 20 inputs and 20 hidden units, per hidden unit
 * (bias, then one weight per preprocessed input, by name) and per output (bias, then one weight per hidden unit),
 * and equal to the network's weights.
 */
class BackpropOneHiddenWeightsTextTest {

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  private static BackpropOneHidden train(Instances data, String options) throws Exception {
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.setOptions(Utils.splitOptions("-tune none " + options));
    classifier.buildClassifier(data);
    return classifier;
  }

  /** @return the lines of the block that starts with the given heading, up to the next heading */
  private static List<String> block(String text, String heading) {
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    for (String line : text.split("\n")) {
      if (line.equals(heading)) {
        inside = true;
      } else if (inside && line.startsWith("    ")) {
        lines.add(line.trim());
      } else if (inside) {
        break;
      }
    }
    assertFalse(lines.isEmpty(), "no block '" + heading + "' in\n" + text);
    return lines;
  }

  /** Checks a block line by line: name, then the weight to 4 decimals. */
  private static void assertWeights(List<String> lines, String[] names, double[] weights) {
    assertEquals(names.length, lines.size(), String.join("\n", lines));
    for (int k = 0; k < names.length; k++) {
      String line = lines.get(k);
      int split = line.lastIndexOf(' ');
      assertEquals(names[k], line.substring(0, split).trim(), line);
      assertEquals(weights[k], Double.parseDouble(line.substring(split + 1)), 5.1e-5, line);
    }
  }

  @Test
  void irisListsEveryHiddenUnitAndEveryClassOutput() throws Exception {
    BackpropOneHidden classifier = train(iris, "-H 3 -N 30");
    String text = classifier.toString();
    Network net = classifier.getNetwork();
    assertTrue(text.contains("Weights (inputs standardized by the preprocessing)"), text);
    String[] inputs = {"bias", "sepallength", "sepalwidth", "petallength", "petalwidth"};
    for (int l = 0; l < 3; l++) {
      double[] expected = new double[5];
      for (int i = 0; i < 5; i++) {
        expected[i] = net.theta(i, l);
      }
      assertWeights(block(text, "Hidden unit " + (l + 1) + " (tanh)"), inputs, expected);
    }
    String[] classes = {"Iris-setosa", "Iris-versicolor", "Iris-virginica"};
    String[] hidden = {"bias", "hidden unit 1", "hidden unit 2", "hidden unit 3"};
    for (int c = 0; c < 3; c++) {
      double[] expected = new double[4];
      for (int j = 0; j < 4; j++) {
        expected[j] = net.beta(c, j);
      }
      assertWeights(block(text, "Output for class " + classes[c] + " (softmax)"), hidden, expected);
    }
    assertFalse(text.contains("Hidden unit 4"), text);
  }

  @Test
  void twoClassesHaveOneSigmoidOutputAndNominalInputsAreNamedByValue() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("size"));
    attributes.add(new Attribute("colour", List.of("red", "green", "blue")));
    attributes.add(new Attribute("class", List.of("no", "yes")));
    Instances data = new Instances("two", attributes, 0);
    data.setClassIndex(2);
    Random random = new Random(3);
    for (int k = 0; k < 60; k++) {
      int colour = k % 3;
      double size = random.nextGaussian();
      data.add(new DenseInstance(1.0, new double[] {size, colour, size + colour > 1 ? 1 : 0}));
    }
    BackpropOneHidden classifier = train(data, "-H 2 -A sigmoid -N 20");
    String text = classifier.toString();
    Network net = classifier.getNetwork();
    String[] inputs = {"bias", "size", "colour=red", "colour=green", "colour=blue"};
    for (int l = 0; l < 2; l++) {
      double[] expected = new double[5];
      for (int i = 0; i < 5; i++) {
        expected[i] = net.theta(i, l);
      }
      assertWeights(block(text, "Hidden unit " + (l + 1) + " (sigmoid)"), inputs, expected);
    }
    assertWeights(block(text, "Output (sigmoid): probability of class yes"),
        new String[] {"bias", "hidden unit 1", "hidden unit 2"},
        new double[] {net.beta(0, 0), net.beta(0, 1), net.beta(0, 2)});
  }

  @Test
  void moreDecimalsOnRequest() throws Exception {
    String text = train(iris, "-H 1 -N 5 -num-decimal-places 7").toString();
    double bias = Double.parseDouble(block(text, "Hidden unit 1 (tanh)").get(0).replace("bias", "").trim());
    String digits = block(text, "Hidden unit 1 (tanh)").get(0).replaceAll(".*\\.", "");
    assertEquals(7, digits.length(), text);
    assertEquals(train(iris, "-H 1 -N 5").getNetwork().theta(0, 0), bias, 1e-7);
  }

  @Test
  void largeNetworksDoNotListTheirWeights() throws Exception {
    String wide = train(iris, "-H 21 -N 2").toString();
    assertTrue(wide.contains("Weights not listed: the model text lists them for at most 20 inputs and 20 hidden units"),
        wide);
    assertFalse(wide.contains("Hidden unit 1 "), wide);
    assertTrue(train(iris, "-H 20 -N 2").toString().contains("Hidden unit 20 (tanh)"));
    String manyInputs = train(TestSupport.load("credit-g.arff"), "-H 2 -N 1").toString();
    assertTrue(manyInputs.contains("Weights not listed"), manyInputs);
  }
}
