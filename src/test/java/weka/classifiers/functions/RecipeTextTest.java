package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The recipe in the model text (issue 13, part 1): a prediction computed from the printed numbers alone (the inputs'
 * table and, with -print-weights, every weight) matches distributionForInstance to 1e-9, both through the
 * standardized inputs (missing, scale, mean, sd and the weights on them) and through the weights folded onto the
 * raw attribute values; for one network, for data with nominal attributes, missing values and useless attributes,
 * and for the default committee; and for a numeric class, from the class's printed mean and standard deviation and
 * the linear output's weights, mean + sd * output, to 1e-9 of the predicted value.
 */
class RecipeTextTest {

  private static final double TOLERANCE = 1e-9;

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  /** One input of the recipe's table. */
  private static final class Input {
    int attribute;
    /** The nominal value it indicates, or null for a numeric input. */
    String value;
    double missing;
    double scale;
    double mean;
    double sd;
  }

  /** One network's weights as printed: per hidden unit its raw-scale (or standardized) weights, per output its. */
  private static final class Weights {
    final List<double[]> standardized = new ArrayList<>();
    final List<double[]> raw = new ArrayList<>();
    final List<double[]> outputs = new ArrayList<>();
    boolean tanh;
  }

  /** The model as the text states it. */
  private static final class Printed {
    final List<Input> inputs = new ArrayList<>();
    final List<Weights> networks = new ArrayList<>();
    /** A numeric class's mean and standard deviation (the linear output predicts (class - mean) / sd); NaN else. */
    double classMean = Double.NaN;
    double classSd = Double.NaN;
  }

  private static final Pattern NUMERIC_CLASS = Pattern.compile("^Class: .* \\(numeric; standardized for training "
      + "with mean (\\S+) and standard deviation (\\S+), predictions returned on its scale\\)$", Pattern.MULTILINE);

  private static Printed parse(String text, Instances header) {
    Printed printed = new Printed();
    Matcher numeric = NUMERIC_CLASS.matcher(text);
    if (numeric.find()) {
      printed.classMean = Double.parseDouble(numeric.group(1));
      printed.classSd = Double.parseDouble(numeric.group(2));
    }
    String[] lines = text.split("\n");
    int at = 0;
    while (!lines[at].trim().matches("input +missing +scale +mean +sd +attribute")) {
      at++;
    }
    for (at++; lines[at].matches(" +\\d+ .*"); at++) {
      String[] tokens = lines[at].trim().split(" +", 6);
      Input input = new Input();
      input.missing = Double.parseDouble(tokens[1]);
      input.scale = tokens[2].equals("-") ? 1.0 : Double.parseDouble(tokens[2]);
      input.mean = Double.parseDouble(tokens[3]);
      input.sd = Double.parseDouble(tokens[4]);
      String name = tokens[5];
      input.attribute = -1;
      for (int a = 0; a < header.numAttributes(); a++) {
        String attribute = header.attribute(a).name();
        if (name.equals(attribute)) {
          input.attribute = a;
        } else if (name.startsWith(attribute + "=")) {
          input.attribute = a;
          input.value = name.substring(attribute.length() + 1);
        }
      }
      assertTrue(input.attribute >= 0, name);
      printed.inputs.add(input);
    }
    Weights network = null;
    boolean raw = false;
    List<double[]> into = null;
    List<Double> current = new ArrayList<>();
    for (; at < lines.length; at++) {
      String line = lines[at];
      if (line.startsWith("    ") && into != null) {
        String[] tokens = line.trim().split(" +");
        current.add(Double.parseDouble(tokens[tokens.length - 1]));
        continue;
      }
      flush(into, current);
      into = null;
      if (line.equals("Weights (inputs standardized by the preprocessing)")) {
        network = new Weights();
        printed.networks.add(network);
        raw = false;
      } else if (line.startsWith("Weights on the raw attribute values")) {
        raw = true;
      } else if (network != null && line.startsWith("Hidden unit ")) {
        network.tanh = line.endsWith("(tanh)");
        into = raw ? network.raw : network.standardized;
      } else if (network != null && line.startsWith("Output")) {
        into = network.outputs;
      }
    }
    flush(into, current);
    return printed;
  }

  private static void flush(List<double[]> into, List<Double> current) {
    if (into != null) {
      double[] values = new double[current.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = current.get(k);
      }
      into.add(values);
    }
    current.clear();
  }

  /** @return v of each input: the attribute's value (an indicator's 0 or 1), a missing one replaced */
  private static double[] rawInputs(Printed printed, Instance instance) {
    double[] v = new double[printed.inputs.size()];
    for (int i = 0; i < v.length; i++) {
      Input input = printed.inputs.get(i);
      if (instance.isMissing(input.attribute)) {
        v[i] = input.missing;
      } else if (input.value == null) {
        v[i] = instance.value(input.attribute);
      } else {
        v[i] = instance.stringValue(input.attribute).equals(input.value) ? 1 : 0;
      }
    }
    return v;
  }

  /**
   * @return the class probabilities, from the standardized inputs if standardized, else from the raw values; for a
   *     numeric class the predicted value, mean + sd * (the mean of) the linear output(s)
   */
  private static double[] predict(Printed printed, Instance instance, boolean standardized) {
    double[] v = rawInputs(printed, instance);
    double[] x = v.clone();
    if (standardized) {
      for (int i = 0; i < x.length; i++) {
        Input input = printed.inputs.get(i);
        x[i] = (v[i] - input.mean) / input.sd;
      }
    }
    int classes = instance.numClasses();
    double[] p = new double[classes];
    for (Weights network : printed.networks) {
      List<double[]> hidden = standardized ? network.standardized : network.raw;
      double[] a = new double[hidden.size()];
      for (int l = 0; l < a.length; l++) {
        double[] w = hidden.get(l);
        assertEquals(x.length + 1, w.length);
        double z = w[0];
        for (int i = 0; i < x.length; i++) {
          z += w[i + 1] * x[i];
        }
        a[l] = network.tanh ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
      }
      double[] o = new double[network.outputs.size()];
      for (int c = 0; c < o.length; c++) {
        double[] b = network.outputs.get(c);
        assertEquals(a.length + 1, b.length);
        o[c] = b[0];
        for (int l = 0; l < a.length; l++) {
          o[c] += b[l + 1] * a[l];
        }
      }
      double[] q = new double[classes];
      if (!Double.isNaN(printed.classMean)) {
        q[0] = o[0]; // the linear output: the standardized class value
      } else if (o.length == 1) {
        q[1] = 1 / (1 + Math.exp(-o[0]));
        q[0] = 1 - q[1];
      } else {
        double max = Double.NEGATIVE_INFINITY;
        for (double w : o) {
          max = Math.max(max, w);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          q[c] = Math.exp(o[c] - max);
          sum += q[c];
        }
        for (int c = 0; c < classes; c++) {
          q[c] /= sum;
        }
      }
      for (int c = 0; c < classes; c++) {
        p[c] += q[c] / printed.networks.size();
      }
    }
    if (!Double.isNaN(printed.classMean)) {
      p[0] = printed.classMean + printed.classSd * p[0];
    }
    return p;
  }

  /** Trains with -print-weights and checks every instance's prediction from the text alone, both ways. */
  private static String assertPredictsFromText(Instances train, Instances test, String options, int networks)
      throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions(options + " -print-weights"));
    classifier.buildClassifier(train);
    String text = classifier.toString();
    Printed printed = parse(text, train);
    assertEquals(networks, printed.networks.size(), text);
    boolean numeric = train.classAttribute().isNumeric();
    assertEquals(numeric, !Double.isNaN(printed.classMean), "the text states a numeric class's mean and sd");
    for (int k = 0; k < test.numInstances(); k++) {
      Instance instance = test.instance(k);
      double[] expected = classifier.distributionForInstance(instance);
      double[] standardized = predict(printed, instance, true);
      double[] raw = predict(printed, instance, false);
      for (int c = 0; c < expected.length; c++) {
        // a numeric class's predicted value: to 1e-9 of it
        double tolerance = numeric ? TOLERANCE * Math.abs(expected[c]) : TOLERANCE;
        assertEquals(expected[c], standardized[c], tolerance, "instance " + k + ", class " + c + " (standardized)");
        assertEquals(expected[c], raw[c], tolerance, "instance " + k + ", class " + c + " (raw attribute values)");
      }
    }
    return text;
  }

  @Test
  void oneNetworkOnIrisPredictsFromTheText() throws Exception {
    String text = assertPredictsFromText(iris, iris, "-tune none", 1);
    assertTrue(text.contains("Weights on the raw attribute values"), text);
  }

  @Test
  void theDefaultCommitteeOnIrisPredictsFromTheText() throws Exception {
    String text = assertPredictsFromText(iris, iris, "-N 20", 5);
    assertTrue(text.contains("Prediction: p = the mean of the 5 networks' class probabilities"), text);
    assertTrue(text.contains("Network 5 of 5"), text);
  }

  @Test
  void nominalMissingAndUselessAttributesPredictFromTheText() throws Exception {
    Instances data = TestData.random(new Random(13), 300, 3, 2, 3, 0.1, false);
    data.insertAttributeAt(new Attribute("constant"), 0);
    data.insertAttributeAt(new Attribute("colour", List.of("red", "green", "never", "blue")), 1);
    data.insertAttributeAt(new Attribute("flag", List.of("no", "yes")), 2);
    Random random = new Random(7);
    for (int k = 0; k < data.numInstances(); k++) {
      Instance instance = data.instance(k);
      instance.setValue(0, 5.0);
      double colour = random.nextDouble() < 0.1 ? Utils.missingValue() : new double[] {0, 1, 3}[random.nextInt(3)];
      instance.setValue(1, colour);
      instance.setValue(2, random.nextDouble() < 0.1 ? Utils.missingValue() : random.nextInt(2));
    }
    Instances test = new Instances(data);
    double[] unseen = new double[data.numAttributes()];
    java.util.Arrays.fill(unseen, Utils.missingValue());
    test.add(new DenseInstance(1.0, unseen));
    unseen = unseen.clone();
    unseen[1] = 2; // "never": no input indicates it
    unseen[3] = 1e3;
    test.add(new DenseInstance(1.0, unseen));
    String text = assertPredictsFromText(data, test, "-tune none -N 30", 1);
    assertTrue(text.contains("  constant: useless: constant"), text);
    assertTrue(text.contains("  colour=never: the value never occurs in the training data"), text);
    assertTrue(text.contains("Missing nominal values are replaced by the mode: colour -> "), text);
    assertTrue(text.contains("A nominal attribute with two values has one input, which names its second value"), text);
    // and the committee of the same data
    assertPredictsFromText(data, test, "-N 10", 5);
  }

  /**
   * A numeric class, one network: the class's mean and sd as printed and the linear output's weights give the
   * prediction, mean + sd * output, with a nominal attribute, missing values and weights.
   */
  @Test
  void aNumericClassPredictsFromTheText() throws Exception {
    Instances data = RegressionTest.smooth(200, 0.1, true, 3);
    String text = assertPredictsFromText(data, data, "-tune none -N 30", 1);
    assertTrue(text.contains("hidden units -> 1 linear output"), text);
    assertTrue(text.contains("Output (linear): the standardized class value; y = mean + standard deviation × output"),
        text);
    assertTrue(text.contains("Weights on the raw attribute values"), text);
  }

  /** A numeric class, the default committee: mean + sd * the mean of its networks' outputs. */
  @Test
  void aNumericClassCommitteePredictsFromTheText() throws Exception {
    Instances data = RegressionTest.smooth(300, 0.0, false, 7);
    String text = assertPredictsFromText(data, data, "-N 20", 5);
    assertTrue(text.contains("Prediction: p = the mean of the 5 networks' outputs, each network computing its own "
        + "from the inputs above; the class value is mean + standard deviation × p"), text);
    assertTrue(text.contains("Network 5 of 5"), text);
  }

  @Test
  void anUndefinedStandardDeviationSubtractsOnlyTheMean() throws Exception {
    Instances weighted = new Instances(iris);
    for (int k = 1; k < weighted.numInstances(); k++) {
      weighted.instance(k).setWeight(0);
    }
    String text = assertPredictsFromText(weighted, iris, "-tune none -V 0 -N 5", 1);
    assertTrue(text.contains("Inputs 1, 2, 3, 4: the standard deviation is 0 or undefined"), text);
  }

  @Test
  void creditGWithMoreThanTwentyInputsPredictsFromTheText() throws Exception {
    Instances credit = TestSupport.load("credit-g.arff");
    assertPredictsFromText(credit, credit, "-tune none -N 5", 1);
  }

  @Test
  void withoutTheOptionTheRecipeIsListedAndTheCommitteesWeightsAreNot() throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(Utils.splitOptions("-N 5"));
    classifier.buildClassifier(iris);
    String text = classifier.toString();
    assertTrue(text.contains("x_i = (v - mean) / sd"), text);
    assertTrue(text.contains("(-print-weights lists them; BackpropOneHidden.getCommittee() gives them)"), text);
    assertFalse(text.contains("Weights on the raw attribute values"), text);
    assertEquals(4, parse(text, iris).inputs.size());
  }
}
