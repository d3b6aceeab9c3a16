package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Every input a Weka user can produce gives a correct model or a clear error naming the problem (the cases
 * and outcomes are listed in ROBUSTNESS.md).
 */
class RobustnessTest {

  /** Options every test sets explicitly (defaults may change): few epochs, one thread, a fixed seed. */
  private static final String[] BASE = {"-H", "3", "-O", "gd", "-L", "0.5", "-N", "20", "-num-threads", "1",
      "-S", "1"};

  private static Instances iris;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  /** Trains with {@link #BASE}, where {@code extra} overrides options of the same name. */
  static BackpropOneHidden train(Instances data, String... extra) throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    List<String> options = new ArrayList<>(List.of(extra));
    for (int i = 0; i < BASE.length; i += 2) {
      if (!options.contains(BASE[i])) {
        options.add(BASE[i]);
        options.add(BASE[i + 1]);
      }
    }
    classifier.setOptions(options.toArray(new String[0]));
    classifier.buildClassifier(data);
    return classifier;
  }

  static void assertProbabilities(double[] distribution, int numClasses) {
    assertEquals(numClasses, distribution.length);
    double sum = 0;
    for (double p : distribution) {
      assertTrue(p >= 0 && p <= 1 && Double.isFinite(p), "not a probability: " + p);
      sum += p;
    }
    assertEquals(1.0, sum, 1e-9);
  }

  /** Single and batch predictions of every instance are probability vectors and agree. */
  static void assertPredictsProbabilities(BackpropOneHidden classifier, Instances data) throws Exception {
    double[][] batch = classifier.distributionsForInstances(data);
    for (int k = 0; k < data.numInstances(); k++) {
      double[] single = classifier.distributionForInstance(data.instance(k));
      assertProbabilities(single, data.numClasses());
      assertArrayEquals(single, batch[k], 1e-12);
    }
  }

  // ----------------------------------------------------------------------------------------- data

  static Stream<Arguments> nothingToLearn() {
    double nan = Utils.missingValue();
    return Stream.of(
        Arguments.of("empty training set", TestData.numeric(new double[0][], new int[0], 2),
            "no training instance has a class value"),
        Arguments.of("one instance", TestData.numeric(new double[][] {{1.5}}, new int[] {1}, 2),
            "no attribute varies"),
        Arguments.of("all attributes missing",
            TestData.numeric(new double[][] {{nan, nan}, {nan, nan}, {nan, nan}}, new int[] {0, 1, 0}, 2),
            "no attribute varies"),
        Arguments.of("all attributes constant", TestSupport.constantAttributes(3, 2), "no attribute varies"),
        Arguments.of("only an ID-like nominal attribute (useless)", idOnly(), "no attribute varies"),
        Arguments.of("every class value missing",
            TestData.numeric(new double[][] {{1}, {2}, {3}}, new int[] {-1, -1, -1}, 3),
            "no training instance has a class value"),
        Arguments.of("all weights zero", withWeights(TestData.separable(3, 1), 0), "the training instances' weights sum to zero"),
        Arguments.of("no attribute but the class", classOnly(), "there are no attributes besides the class"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nothingToLearn")
  void nothingToLearnGivesTheClassPriorAndSaysWhy(String name, Instances data, String reason) throws Exception {
    BackpropOneHidden classifier = train(data);
    assertNull(classifier.getNetwork(), name);
    String text = classifier.toString();
    assertTrue(text.contains("No network was trained: " + reason), text);
    Instance probe = TestData.instance(data, new double[data.numAttributes() - 1]);
    assertProbabilities(classifier.distributionForInstance(probe), data.numClasses());
    assertPredictsProbabilities(classifier, data);
  }

  private static Instances idOnly() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("id", List.of("i0", "i1", "i2", "i3", "i4", "i5")));
    attributes.add(new Attribute("class", TestData.classValues(2)));
    Instances data = new Instances("id", attributes, 6);
    data.setClassIndex(1);
    for (int k = 0; k < 6; k++) {
      data.add(new DenseInstance(1.0, new double[] {k, k % 2}));
    }
    return data;
  }

  private static Instances classOnly() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("class", TestData.classValues(2)));
    Instances data = new Instances("classOnly", attributes, 3);
    data.setClassIndex(0);
    for (int k = 0; k < 3; k++) {
      data.add(new DenseInstance(1.0, new double[] {k % 2}));
    }
    return data;
  }

  private static Instances withWeights(Instances data, double weight) {
    for (Instance instance : data) {
      instance.setWeight(weight);
    }
    return data;
  }

  @Test
  void classWithOneDeclaredValueIsRefusedByCapabilities() {
    Instances data = TestData.numeric(new double[][] {{1}, {2}}, new int[] {0, 0}, 1);
    Exception e = assertThrows(Exception.class, () -> train(data));
    assertTrue(e.getMessage().contains("Cannot handle unary class"), e.getMessage());
  }

  @Test
  void missingClassValuesAreDroppedAndCounted() throws Exception {
    Instances data = TestData.separable(5, 1);
    for (int k : new int[] {0, 4, 9}) {
      data.instance(k).setClassMissing();
    }
    BackpropOneHidden classifier = train(data);
    assertNotNull(classifier.getNetwork());
    assertEquals(7, classifier.getTrainingResult().trainingRows());
    assertTrue(classifier.toString().contains("Training instances without a class value ignored: 3\n"));
    assertPredictsProbabilities(classifier, data);
  }

  @Test
  void allInstancesOfOneClassPredictThatClass() throws Exception {
    Instances data = TestData.numeric(new double[][] {{1}, {2}, {3}, {4}}, new int[] {1, 1, 1, 1}, 3);
    BackpropOneHidden classifier = train(data, "-N", "50");
    assertNotNull(classifier.getNetwork());
    for (Instance instance : data) {
      double[] p = classifier.distributionForInstance(instance);
      assertProbabilities(p, 3);
      assertTrue(p[1] > 0.5, "the only class seen should dominate");
    }
  }

  @Test
  void classValuesThatNeverOccurGetLowProbability() throws Exception {
    double[][] rows = new double[10][];
    int[] classes = new int[10];
    for (int k = 0; k < 10; k++) {
      rows[k] = new double[] {k + 1};
      classes[k] = k < 5 ? 1 : 3; // classes 0, 2 and 4 never occur
    }
    Instances fiveClasses = TestData.numeric(rows, classes, 5);
    BackpropOneHidden classifier = train(fiveClasses, "-N", "200");
    for (Instance instance : fiveClasses) {
      double[] p = classifier.distributionForInstance(instance);
      assertProbabilities(p, 5);
      for (int c : new int[] {0, 2, 4}) {
        assertTrue(p[c] < p[(int) instance.classValue()], "an absent class beats the true one: " + List.of(p));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"string", "relational"})
  void stringAndRelationalAttributesAreRefusedByCapabilities(String type) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    if (type.equals("string")) {
      attributes.add(new Attribute("text", (List<String>) null));
    } else {
      ArrayList<Attribute> inner = new ArrayList<>();
      inner.add(new Attribute("v"));
      attributes.add(new Attribute("bag", new Instances("bag", inner, 0)));
    }
    attributes.add(new Attribute("class", TestData.classValues(2)));
    Instances data = new Instances(type, attributes, 0);
    data.setClassIndex(1);
    Exception e = assertThrows(Exception.class, () -> train(data));
    assertTrue(e.getMessage().contains("Cannot handle " + type + " attributes"), e.getMessage());
  }

  @Test
  void stringClassIsRefusedSayingWhatIsNeeded() {
    Instances stringClass = stringClassData();
    Exception e = assertThrows(Exception.class, () -> train(stringClass));
    assertTrue(e.getMessage().contains("Cannot handle string class"), e.getMessage());
  }

  /**
   * Without the capabilities check a string class reaches training, where nothing (not even ZeroR, the fall-back)
   * can use it: the refusal names the class type (issue 14, item 11: the true reason, not "fewer than two values").
   */
  @Test
  void stringClassWithoutTheCapabilitiesCheckIsRefusedSayingWhatTheClassIs() {
    Exception e = assertThrows(Exception.class, () -> train(stringClassData(), "-do-not-check-capabilities"));
    assertTrue(e.getMessage().contains("string class"), e.getMessage());
    assertTrue(!e.getMessage().contains("fewer than two values"), e.getMessage());
  }

  /** A numeric input and a string class whose values are the input's, as text. */
  private static Instances stringClassData() {
    Instances data = TestData.separable(3, 1);
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("y", (List<String>) null));
    Instances stringClass = new Instances("strings", attributes, 0);
    stringClass.setClassIndex(1);
    for (Instance instance : data) {
      double[] values = new double[2];
      values[0] = instance.value(0);
      values[1] = stringClass.attribute(1).addStringValue(Double.toString(instance.value(0)));
      stringClass.add(new DenseInstance(1.0, values));
    }
    return stringClass;
  }

  @Test
  void dateAttributesAreUsedAsNumbers() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("when", "yyyy-MM-dd"));
    attributes.add(new Attribute("class", TestData.classValues(2)));
    Instances data = new Instances("dates", attributes, 0);
    data.setClassIndex(1);
    String[] dates = {"2001-01-01", "2002-06-01", "2003-03-15", "2020-01-01", "2021-07-04", "2022-12-31"};
    for (int k = 0; k < dates.length; k++) {
      data.add(new DenseInstance(1.0, new double[] {data.attribute(0).parseDate(dates[k]), k < 3 ? 0 : 1}));
    }
    BackpropOneHidden classifier = train(data, "-N", "100");
    assertEquals(1, classifier.getNetwork().shape().numInputs());
    assertPredictsProbabilities(classifier, data);
    assertTrue(classifier.distributionForInstance(data.instance(5))[1] > 0.5);
  }

  @Test
  void tenThousandAttributesTrainQuickly() throws Exception {
    Random random = new Random(7);
    double[][] rows = new double[6][10_000];
    int[] classes = new int[6];
    for (int k = 0; k < rows.length; k++) {
      classes[k] = k % 2;
      for (int j = 0; j < rows[k].length; j++) {
        rows[k][j] = random.nextGaussian() + classes[k];
      }
    }
    Instances data = TestData.numeric(rows, classes, 2);
    BackpropOneHidden classifier = train(data, "-H", "2", "-N", "3");
    assertEquals(10_000, classifier.getNetwork().shape().numInputs());
    assertPredictsProbabilities(classifier, data);
  }

  @Test
  void moreThanAHundredClassValues() throws Exception {
    int numClasses = 120;
    double[][] rows = new double[2 * numClasses][];
    int[] classes = new int[rows.length];
    for (int k = 0; k < rows.length; k++) {
      classes[k] = k % numClasses;
      rows[k] = new double[] {classes[k], Math.sin(k)};
    }
    Instances data = TestData.numeric(rows, classes, numClasses);
    BackpropOneHidden classifier = train(data, "-H", "5", "-N", "5");
    assertEquals(numClasses, TestSupport.shape(classifier).numOutputs());
    assertPredictsProbabilities(classifier, data);
  }

  // ------------------------------------------------------------------------------ numeric extremes

  /**
   * Scaling an attribute by a power of two changes no standardized input, so the model and its predictions
   * are bit-identical: huge (±1e300) and tiny values are standardized without overflow or underflow.
   */
  @ParameterizedTest(name = "x * 2^{0}")
  @ValueSource(ints = {900, 1000, -900, -1000})
  void extremeMagnitudesTrainTheSameModelAsOrdinaryOnes(int exponent) throws Exception {
    Instances ordinary = TestData.separable(4, 1);
    Instances extreme = TestData.separable(4, Math.scalb(1.0, exponent));
    BackpropOneHidden expected = train(ordinary, "-N", "50");
    BackpropOneHidden actual = train(extreme, "-N", "50");
    assertArrayEquals(expected.getNetwork().parameters(), actual.getNetwork().parameters());
    for (int k = 0; k < ordinary.numInstances(); k++) {
      assertArrayEquals(expected.distributionForInstance(ordinary.instance(k)),
          actual.distributionForInstance(extreme.instance(k)));
    }
  }

  static Stream<Arguments> extremeData() {
    return Stream.of(
        Arguments.of("±1e300", new double[] {1e300, -1e300, 1e300, -1e300, 5e299, -5e299}),
        Arguments.of("±Double.MAX_VALUE", new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE, 0, 1}),
        Arguments.of("subnormals", new double[] {Double.MIN_VALUE, 2e-323, 3e-322, 4e-321, 5e-320, 6e-319}),
        Arguments.of("1e300 beside ordinary values", new double[] {1e300, 1, 2, 3, 4, 5}));
  }

  /** Values that overflow or underflow Weka's sums of squares still give a finite model that learns them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("extremeData")
  void extremeValuesGiveAFiniteModelThatUsesThem(String name, double[] values) throws Exception {
    double[][] rows = new double[values.length][];
    int[] classes = new int[values.length];
    for (int k = 0; k < values.length; k++) {
      rows[k] = new double[] {values[k]};
      classes[k] = values[k] > values[values.length - 1] / 2 + values[0] / 2 ? 1 : 0;
    }
    Instances data = TestData.numeric(rows, classes, 2);
    BackpropOneHidden classifier = train(data, "-N", "30");
    assertEquals(1, classifier.getNetwork().shape().numInputs(), "the attribute must not be lost");
    assertPredictsProbabilities(classifier, data);
    double[] first = classifier.distributionForInstance(data.instance(0));
    boolean different = false;
    for (Instance instance : data) {
      different |= classifier.distributionForInstance(instance)[0] != first[0];
    }
    assertTrue(different, "the attribute's values should change the prediction");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void infinityInTrainingDataIsRefusedNamingAttributeInstanceAndValue(double value) {
    Instances data = TestData.numeric(new double[][] {{1, 1}, {2, 2}, {3, value}, {4, 4}}, new int[] {0, 1, 0, 1}, 2);
    Exception e = assertThrows(IllegalArgumentException.class, () -> train(data));
    assertEquals("BackpropOneHidden: training instance 3: attribute 'x1' has value " + value
        + "; numeric values must be finite (use a missing value '?' for an unknown one)", e.getMessage());
  }

  @Test
  void infinityInATestInstanceIsRefusedNamingAttributeAndValue() throws Exception {
    Instances data = TestData.separable(3, 1);
    BackpropOneHidden classifier = train(data);
    Instance test = TestData.instance(data, Double.NEGATIVE_INFINITY);
    Exception e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionForInstance(test));
    assertTrue(e.getMessage().contains("attribute 'x0' has value -Infinity"), e.getMessage());
    Instances batch = new Instances(data, 0);
    batch.add(test);
    e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionsForInstances(batch));
    assertTrue(e.getMessage().contains("instance 1: attribute 'x0' has value -Infinity"), e.getMessage());
  }

  @Test
  void nanIsAMissingValueInTrainingAndPrediction() throws Exception {
    double nan = Double.NaN;
    Instances data = TestData.numeric(new double[][] {{1, nan}, {2, 5}, {nan, 6}, {4, 7}}, new int[] {0, 0, 1, 1}, 2);
    BackpropOneHidden classifier = train(data);
    assertPredictsProbabilities(classifier, data);
    assertProbabilities(classifier.distributionForInstance(TestData.instance(data, nan, nan)), 2);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e300, -1e300, 1e308, -Double.MAX_VALUE, 4.9e-324})
  void extremeTestValuesOnAnOrdinaryModelGiveProbabilitiesOrAClearError(double value) throws Exception {
    Instances data = TestData.numeric(new double[][] {{1, 4}, {2, 3}, {3, 2}, {4, 1}}, new int[] {0, 0, 1, 1}, 2);
    BackpropOneHidden classifier = train(data, "-N", "50");
    for (double[] values : new double[][] {{value, 1}, {value, -value}, {value, value}}) {
      Instance test = TestData.instance(data, values);
      try {
        assertProbabilities(classifier.distributionForInstance(test), 2);
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().contains("outside the training range"), e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------------------------- weights

  @ParameterizedTest
  @ValueSource(doubles = {-1, -1e-300, Double.NaN, Double.POSITIVE_INFINITY})
  void negativeOrNonFiniteWeightIsRefusedNamingInstanceAndWeight(double weight) {
    Instances data = TestData.separable(3, 1);
    data.instance(4).setWeight(weight);
    Exception e = assertThrows(IllegalArgumentException.class, () -> train(data));
    assertEquals("BackpropOneHidden: training instance 5 has weight " + weight
        + "; instance weights must be finite and >= 0", e.getMessage());
  }

  @Test
  void zeroWeightsAreAllowed() throws Exception {
    Instances data = TestData.separable(4, 1);
    data.instance(0).setWeight(0);
    data.instance(7).setWeight(0);
    BackpropOneHidden classifier = train(data);
    assertNotNull(classifier.getNetwork());
    assertPredictsProbabilities(classifier, data);
  }

  @Test
  void duplicateRowsWithConflictingClassesGiveTheirFrequency() throws Exception {
    double[][] rows = new double[8][];
    int[] classes = new int[8];
    for (int k = 0; k < 8; k++) {
      rows[k] = new double[] {k < 4 ? 1 : 2};
      classes[k] = k < 4 ? (k == 0 ? 1 : 0) : 1; // x = 1: 3 of 4 are class 0; x = 2: all class 1
    }
    Instances data = TestData.numeric(rows, classes, 2);
    BackpropOneHidden classifier = train(data, "-N", "2000", "-L", "2");
    assertEquals(0.75, classifier.distributionForInstance(data.instance(0))[0], 0.05);
    assertPredictsProbabilities(classifier, data);
  }

  @Test
  void heavyImbalanceGivesAFiniteModelAndBalancingRaisesTheMinority() throws Exception {
    Random random = new Random(3);
    int n = 1000;
    double[][] rows = new double[n][];
    int[] classes = new int[n];
    for (int k = 0; k < n; k++) {
      classes[k] = k < 5 ? 1 : 0;
      rows[k] = new double[] {random.nextGaussian() + classes[k]};
    }
    Instances data = TestData.numeric(rows, classes, 2);
    BackpropOneHidden plain = train(data, "-N", "30");
    BackpropOneHidden balanced = train(data, "-N", "30", "-balance");
    assertPredictsProbabilities(plain, data);
    assertPredictsProbabilities(balanced, data);
    Instance minority = data.instance(0);
    assertTrue(balanced.distributionForInstance(minority)[1] > plain.distributionForInstance(minority)[1]);
  }

  // ------------------------------------------------------------------------ nominal values, headers

  private static Instances colours(String... classOfColour) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("colour", List.of("red", "green", "blue")));
    attributes.add(new Attribute("size"));
    attributes.add(new Attribute("class", TestData.classValues(2)));
    Instances data = new Instances("colours", attributes, 0);
    data.setClassIndex(2);
    for (int k = 0; k < 8; k++) {
      int colour = k % 2; // red and green only: blue never occurs in training
      data.add(new DenseInstance(1.0, new double[] {colour, k, colour}));
    }
    return data;
  }

  /**
   * A nominal value never seen in training has a constant-zero indicator there; the indicator is removed, so
   * no untrained (random initial) weight meets it at prediction: the value reads as "none of the seen values",
   * and the prediction does not depend on the seed's initial weight of that indicator.
   */
  @Test
  void unseenNominalValueUsesNoUntrainedWeight() throws Exception {
    Instances data = colours();
    BackpropOneHidden classifier = train(data, "-N", "100");
    assertEquals(3, classifier.getNetwork().shape().numInputs(), "red, green indicators and size; blue removed");
    assertTrue(classifier.toString().contains("1 binary input constant in training removed"), classifier.toString());
    double[] blue = classifier.distributionForInstance(TestData.instance(data, 2, 3));
    assertProbabilities(blue, 2);
    double[] red = classifier.distributionForInstance(TestData.instance(data, 0, 3));
    double[] green = classifier.distributionForInstance(TestData.instance(data, 1, 3));
    assertTrue(blue[0] > Math.min(red[0], green[0]) && blue[0] < Math.max(red[0], green[0]),
        "an unseen value lies between the seen ones: red " + red[0] + ", green " + green[0] + ", blue " + blue[0]);
  }

  @Test
  void missingNominalValueInATestInstanceReadsAsTheTrainingMode() throws Exception {
    Instances data = colours();
    data.instance(0).setValue(0, 1); // green becomes the mode (5 of 8)
    BackpropOneHidden classifier = train(data, "-N", "50");
    assertArrayEquals(classifier.distributionForInstance(TestData.instance(data, 1, 3)),
        classifier.distributionForInstance(TestData.instance(data, Utils.missingValue(), 3)));
  }

  static Stream<Arguments> otherHeaders() {
    return Stream.of(
        Arguments.of("renamed attribute", (Supplier<Instances>) () -> {
          Instances other = new Instances(iris, 0);
          other.renameAttribute(0, "sepal");
          return other;
        }, "sepal"),
        Arguments.of("extra attribute", (Supplier<Instances>) () -> {
          Instances other = new Instances(iris, 0);
          other.setClassIndex(-1);
          other.insertAttributeAt(new Attribute("extra"), 0);
          other.setClassIndex(other.numAttributes() - 1);
          return other;
        }, "Class index differ"),
        Arguments.of("class values in another order", (Supplier<Instances>) () -> {
          ArrayList<Attribute> attributes = new ArrayList<>();
          for (int a = 0; a < 4; a++) {
            attributes.add(iris.attribute(a).copy(iris.attribute(a).name()));
          }
          attributes.add(new Attribute("class", List.of("Iris-virginica", "Iris-versicolor", "Iris-setosa")));
          Instances other = new Instances("iris", attributes, 0);
          other.setClassIndex(4);
          return other;
        }, "Labels differ at position 1: Iris-setosa != Iris-virginica"),
        Arguments.of("another class attribute", (Supplier<Instances>) () -> {
          Instances other = new Instances(iris, 0);
          other.setClassIndex(0);
          return other;
        }, "Class index"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherHeaders")
  void testHeaderThatDiffersIsRefusedSayingHow(String name, Supplier<Instances> header, String mentioned)
      throws Exception {
    BackpropOneHidden classifier = train(iris);
    Instances test = header.get();
    test.add(new DenseInstance(1.0, new double[] {5, 3, 1, 0.2, 0}));
    Exception single = assertThrows(IllegalArgumentException.class,
        () -> classifier.distributionForInstance(test.instance(0)));
    String expected = "BackpropOneHidden: the test data's header does not match the training data's: "
        + iris.equalHeadersMsg(test);
    assertEquals(expected, single.getMessage());
    assertTrue(single.getMessage().contains(mentioned), single.getMessage());
    Exception batch = assertThrows(IllegalArgumentException.class, () -> classifier.distributionsForInstances(test));
    assertEquals(expected, batch.getMessage());
  }

  @Test
  void instanceWithoutHeaderIsRefused() throws Exception {
    BackpropOneHidden classifier = train(iris);
    Instance orphan = new DenseInstance(1.0, new double[] {5, 3, 1, 0.2, 0});
    Exception e = assertThrows(IllegalArgumentException.class, () -> classifier.distributionForInstance(orphan));
    assertTrue(e.getMessage().contains("has no header"), e.getMessage());
  }

  @Test
  void anEqualButSeparateHeaderIsAccepted() throws Exception {
    BackpropOneHidden classifier = train(iris);
    Instances copy = new Instances(iris);
    assertArrayEquals(classifier.distributionForInstance(iris.instance(7)),
        classifier.distributionForInstance(copy.instance(7)));
  }
}
