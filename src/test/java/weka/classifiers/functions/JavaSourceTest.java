package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

/**
 * Issue 13, part 3: the model as Java source (weka.classifiers.Sourcable). Each generated class is compiled in
 * process (javax.tools, for Java 8: --release 8), loaded, and its distribution and classify are compared with the
 * classifier's for every instance: the committee of -tune cv, one tanh and one sigmoid network on two and more
 * classes with nominal attributes and missing values, and the class prior; and Weka's command line (-z) prints
 * the source inside its WekaWrapper, which compiles against Weka and classifies as the classifier does. A numeric
 * class the same way: one network, the committee, nominal attributes with missing values and weights, a date class,
 * the class's mean when nothing is learned, and -z's wrapper; each prediction to 1e-12 of it.
 */
class JavaSourceTest {

  static {
    TestSupport.quietLogging();
  }

  private static final double TOLERANCE = 1e-12;

  /** The values a Sourcable class receives, as Weka's WekaWrapper makes them. */
  private static Object[] values(Instance instance) {
    Object[] values = new Object[instance.numAttributes()];
    for (int j = 0; j < values.length; j++) {
      if (!instance.isMissing(j)) {
        if (instance.attribute(j).isNominal()) {
          values[j] = instance.stringValue(j);
        } else if (instance.attribute(j).isNumeric()) {
          values[j] = instance.value(j);
        }
      }
    }
    values[instance.classIndex()] = null;
    return values;
  }

  /** Compiles the sources (file name → text) into a new folder under target/ and returns a loader for them. */
  private static URLClassLoader compile(String test, List<String[]> sources, String classPath) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(TestSupport.targetDir().resolve("java-source")), test);
    String[] files = new String[sources.size()];
    for (int k = 0; k < files.length; k++) {
      Path file = dir.resolve(sources.get(k)[0]);
      Files.createDirectories(file.getParent());
      Files.write(file, sources.get(k)[1].getBytes(StandardCharsets.US_ASCII));
      files[k] = file.toString();
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull(compiler, "the tests run on a JDK");
    List<String> arguments = new java.util.ArrayList<>(Arrays.asList("--release", "8", "-encoding", "US-ASCII",
        "-Xlint:-options", "-d", dir.toString()));
    if (classPath != null) {
      arguments.add("-classpath");
      arguments.add(classPath);
    }
    arguments.addAll(Arrays.asList(files));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = compiler.run(null, errors, errors, arguments.toArray(new String[0]));
    assertEquals(0, status, () -> "the generated source compiles: " + new String(errors.toByteArray(),
        StandardCharsets.UTF_8));
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, JavaSourceTest.class.getClassLoader());
  }

  /**
   * Writes the source, compiles it and checks it against the classifier on every instance of the data: the class
   * probabilities to 1e-12 and classify's index; for a numeric class the one predicted value, and classify's, to
   * 1e-12 of it.
   */
  private static void checkSource(BackpropOneHidden classifier, Instances data, String className) throws Exception {
    String source = classifier.toSource(className);
    assertTrue(source.contains("class " + className + " {"), source);
    assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(source), "the source is ASCII, for any encoding");
    try (URLClassLoader loader = compile(className, List.<String[]>of(new String[] {className + ".java", source}),
        null)) {
      Class<?> generated = loader.loadClass(className);
      Method distribution = generated.getMethod("distribution", Object[].class);
      Method classify = generated.getMethod("classify", Object[].class);
      distribution.setAccessible(true);
      classify.setAccessible(true);
      double[][] expected = classifier.distributionsForInstances(data);
      boolean numeric = data.classAttribute().isNumeric();
      for (int k = 0; k < data.numInstances(); k++) {
        Instance instance = data.instance(k);
        assertTrue(Arrays.equals(expected[k], classifier.distributionForInstance(instance)));
        Object[] values = values(instance);
        double[] actual = (double[]) distribution.invoke(null, (Object) values);
        assertEquals(expected[k].length, actual.length);
        for (int c = 0; c < actual.length; c++) {
          assertEquals(expected[k][c], actual[c], numeric ? TOLERANCE * Math.abs(expected[k][c]) : TOLERANCE,
              className + ": instance " + (k + 1) + ", class " + c);
        }
        if (numeric) {
          // the predicted value itself, not an index
          double predicted = classifier.classifyInstance(instance);
          assertEquals(predicted, (double) classify.invoke(null, (Object) values), TOLERANCE * Math.abs(predicted),
              className + ": instance " + (k + 1));
        } else {
          assertEquals((double) Utils.maxIndex(expected[k]), (double) classify.invoke(null, (Object) values),
              className + ": instance " + (k + 1));
        }
      }
      Method classValues = generated.getMethod("classValues");
      classValues.setAccessible(true);
      String[] names = (String[]) classValues.invoke(null);
      if (numeric) {
        assertEquals(0, names.length, "a numeric class has no values");
      } else {
        assertEquals(data.numClasses(), names.length);
        assertEquals(data.classAttribute().value(data.numClasses() - 1), names[names.length - 1]);
      }
      // a wrong number of values is refused with a message
      InvocationTargetException wrong = assertThrows(InvocationTargetException.class,
          () -> distribution.invoke(null, (Object) new Object[data.numAttributes() + 1]));
      assertTrue(wrong.getCause() instanceof IllegalArgumentException);
    }
  }

  @Test
  void committeeOnIris() throws Exception {
    Instances iris = TestSupport.iris();
    BackpropOneHidden classifier = TestSupport.built("-N 20", iris);
    assertNotNull(classifier.getCommittee(), "the default -tune cv model is a committee");
    assertTrue(classifier.getCommittee().size() > 1);
    checkSource(classifier, iris, "IrisCommittee");
  }

  @Test
  void tanhAndSigmoidNetworksWithNominalAndMissingValues() throws Exception {
    for (int numClasses : new int[] {2, 4}) {
      Instances data = TestData.random(new Random(13 + numClasses), 150, 3, 3, numClasses, 0.15, true);
      // trained where the first nominal attribute never takes its last value: that indicator is dropped, and the
      // value, met in the checked data, makes the attribute's indicators 0
      Instances train = new Instances(data);
      int nominal = 3;
      for (Instance instance : train) {
        if (!instance.isMissing(nominal) && instance.value(nominal) == 2) {
          instance.setValue(nominal, 0);
        }
      }
      for (String activation : new String[] {"tanh", "sigmoid"}) {
        BackpropOneHidden classifier = TestSupport.built("-tune none -N 30 -H 5 -A " + activation, train);
        // the weights' lines name the inputs (the recipe lists a0=w among the values no input reads)
        assertTrue(classifier.toString().contains("\n    a0=u") && !classifier.toString().contains("\n    a0=w")
            && classifier.toString().contains("\n  a0=w: the value never occurs"), "the unseen value has no input");
        assertNull(classifier.getCommittee());
        assertNotNull(classifier.getNetwork());
        checkSource(classifier, data, "Random" + numClasses + activation);
      }
    }
  }

  @Test
  void creditG() throws Exception {
    Instances credit = TestSupport.load("credit-g.arff");
    checkSource(TestSupport.built("-tune none -N 10 -A sigmoid", credit), credit, "CreditSigmoid");
    checkSource(TestSupport.built("-N 5 -tune-hidden 4", credit), credit, "CreditCommittee");
  }

  @Test
  void prior() throws Exception {
    Instances constant = TestSupport.constantAttributes(3, 5);
    BackpropOneHidden classifier = TestSupport.built("", constant);
    assertNull(classifier.getNetwork());
    assertNull(classifier.getCommittee());
    checkSource(classifier, constant, "Prior");
  }

  /** A numeric class, one network: one linear output, mean + sd * w, classify the value. */
  @Test
  void numericClassOneNetwork() throws Exception {
    Instances data = RegressionTest.smooth(300, 0.0, false, 7);
    BackpropOneHidden classifier = TestSupport.built("-tune none", data);
    assertNotNull(classifier.getNetwork());
    String source = classifier.toSource("Smooth");
    assertTrue(source.contains("hidden units -> 1 linear output:"), source);
    assertTrue(source.contains("the class value = mean + sd * w, w the standardized class value"), source);
    assertTrue(source.contains("p[0] = CLASS_MEAN + CLASS_SD * p[0];"), source);
    assertTrue(source.contains("private static final String[] CLASS_VALUES = {};"), source);
    checkSource(classifier, data, "Smooth");
  }

  /** A numeric class, the default committee: the mean of the networks' outputs, then mean + sd * it. */
  @Test
  void numericClassCommittee() throws Exception {
    Instances data = RegressionTest.smooth(300, 0.0, false, 7);
    BackpropOneHidden classifier = TestSupport.built("-N 20", data);
    assertNotNull(classifier.getCommittee(), "the default -tune cv model is a committee");
    assertTrue(classifier.getCommittee().size() > 1);
    String source = classifier.toSource("SmoothCommittee");
    assertTrue(source.contains(" networks (the mean of their outputs), "), source);
    assertTrue(source.contains("the class value = mean + sd * (the mean of the networks' w)"), source);
    checkSource(classifier, data, "SmoothCommittee");
  }

  /**
   * A numeric class with a nominal attribute, missing values and weights, tanh and sigmoid: trained where the nominal
   * attribute never takes its last value, which the checked data has; and a date class, predicted as Weka's number.
   */
  @Test
  void numericClassWithNominalAndMissingValuesAndADateClass() throws Exception {
    Instances data = RegressionTest.smooth(200, 0.15, true, 3);
    Instances train = TestData.withoutThirdValueOfAttribute3(data);
    for (String activation : new String[] {"tanh", "sigmoid"}) {
      BackpropOneHidden classifier = TestSupport.built("-tune none -N 30 -H 5 -A " + activation, train);
      assertTrue(classifier.toString().contains("\n  a=w: the value never occurs"), classifier.toString());
      checkSource(classifier, data, "SmoothMissing" + activation);
    }
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("day"));
    attributes.add(new Attribute("when", "yyyy-MM-dd"));
    Instances dates = new Instances("dates", attributes, 0);
    dates.setClassIndex(1);
    for (int k = 0; k < 60; k++) {
      dates.add(new DenseInstance(1.0, new double[] {k, 1.6e12 + k * 86_400_000.0}));
    }
    checkSource(TestSupport.built("-tune none -O lbfgs -B 0 -N 50", dates), dates, "Dates");
  }

  /**
   * A numeric class with nothing to learn predicts its weighted mean (ZeroR's), as one value that classify returns:
   * a constant class, and a class beside attributes that do not vary.
   */
  @Test
  void numericClassPrior() throws Exception {
    Instances constant = RegressionTest.smooth(50, 0.1, true, 5);
    for (Instance instance : constant) {
      instance.setClassValue(42.5);
    }
    BackpropOneHidden classifier = TestSupport.built("", constant);
    assertNull(classifier.getNetwork());
    assertNull(classifier.getCommittee());
    String source = classifier.toSource("ConstantClass");
    assertTrue(source.contains("the model predicts the class's weighted mean."), source);
    assertTrue(source.contains("PRIOR = {42.5};"), source);
    checkSource(classifier, constant, "ConstantClass");
    Instances flat = RegressionTest.smooth(50, 0.0, true, 5);
    for (Instance instance : flat) {
      for (int a = 0; a < 4; a++) {
        instance.setValue(a, 1.0);
      }
    }
    BackpropOneHidden mean = TestSupport.built("", flat);
    assertNull(mean.getNetwork());
    assertNull(mean.getCommittee());
    checkSource(mean, flat, "FlatAttributes");
  }

  @Test
  void unbuiltAndBadNames() throws Exception {
    Exception unbuilt = assertThrows(Exception.class, () -> new BackpropOneHidden().toSource("X"));
    assertTrue(unbuilt.getMessage().contains("no model built"), unbuilt.getMessage());
    BackpropOneHidden classifier = TestSupport.built("-tune none -N 2", TestSupport.iris());
    assertThrows(IllegalArgumentException.class, () -> classifier.toSource("class"));
    assertThrows(IllegalArgumentException.class, () -> classifier.toSource("not a name"));
  }

  /** Saved models: a 1.1 stream's network is written; a 1.0 model (Weka's filter chain) is refused, saying why. */
  @Test
  void savedModels() throws Exception {
    BackpropOneHidden stream = (BackpropOneHidden) SerializationHelper.read(
        TestSupport.baseDir().resolve(SavedModel11Test.STREAM_MODEL).toString());
    checkSource(stream, TestSupport.iris(), "Stream11");
    BackpropOneHidden old = (BackpropOneHidden) SerializationHelper.read(
        TestSupport.baseDir().resolve(PersistenceTest.MODEL_RESOURCE).toString());
    Exception refused = assertThrows(Exception.class, () -> old.toSource("Old"));
    assertTrue(refused.getMessage().contains("version 1.0"), refused.getMessage());
  }

  /**
   * Weka's command line: -z prints the source inside Weka's WekaWrapper, which compiles against Weka, and classifies
   * every instance as the classifier trained by the same command does.
   */
  @Test
  void commandLine() throws Exception {
    String iris = TestSupport.targetDir().resolve("data").resolve("iris.arff").toString();
    BackpropOneHidden classifier = new BackpropOneHidden();
    String output = Evaluation.evaluateModel(classifier, new String[] {"-t", iris, "-z", "IrisNet", "-no-cv",
        "-N", "20"});
    assertTrue(output.contains("public class WekaWrapper"), output);
    assertTrue(output.contains("class IrisNet {"), output);
    assertTrue(output.contains("public static double classify(Object[] i)"), output);
    String wekaJar = new File(Instances.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    try (URLClassLoader loader = compile("WekaWrapper", List.<String[]>of(
        new String[] {"weka/classifiers/WekaWrapper.java", output}), wekaJar)) {
      Classifier wrapper = (Classifier) loader.loadClass("weka.classifiers.WekaWrapper").getDeclaredConstructor()
          .newInstance();
      Instances data = TestSupport.iris();
      for (int k = 0; k < data.numInstances(); k++) {
        assertEquals(classifier.classifyInstance(data.instance(k)), wrapper.classifyInstance(data.instance(k)),
            "instance " + (k + 1));
      }
    }
  }

  /**
   * Weka's command line for a numeric class: -z's WekaWrapper returns classify's value as the prediction, which is
   * the classifier's to 1e-12 of it.
   */
  @Test
  void commandLineNumericClass() throws Exception {
    Instances data = RegressionTest.smooth(150, 0.1, false, 11);
    Path arff = Files.createDirectories(TestSupport.targetDir().resolve("java-source")).resolve("smooth.arff");
    Files.write(arff, data.toString().getBytes(StandardCharsets.UTF_8));
    BackpropOneHidden classifier = new BackpropOneHidden();
    String output = Evaluation.evaluateModel(classifier, new String[] {"-t", arff.toString(), "-z", "SmoothNet",
        "-no-cv", "-tune", "none", "-N", "20"});
    assertTrue(output.contains("class SmoothNet {"), output);
    assertTrue(output.contains("1 linear output"), output);
    String wekaJar = new File(Instances.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    try (URLClassLoader loader = compile("WekaWrapperNumeric", List.<String[]>of(
        new String[] {"weka/classifiers/WekaWrapper.java", output}), wekaJar)) {
      Classifier wrapper = (Classifier) loader.loadClass("weka.classifiers.WekaWrapper").getDeclaredConstructor()
          .newInstance();
      for (int k = 0; k < data.numInstances(); k++) {
        double expected = classifier.classifyInstance(data.instance(k));
        assertEquals(expected, wrapper.classifyInstance(data.instance(k)), TOLERANCE * Math.abs(expected),
            "instance " + (k + 1));
      }
    }
  }
}
