package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.bridge.Pmml;
import weka.classifiers.functions.backprop.bridge.PmmlExport;
import weka.classifiers.pmml.consumer.PMMLClassifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.pmml.PMMLFactory;
import weka.core.pmml.PMMLModel;

/**
 * Issue 13, part 2: the model as PMML (weka.core.pmml.PMMLProducer). A single network's document is read by Weka's own
 * PMML consumer (PMMLFactory → weka.classifiers.pmml.consumer.NeuralNetwork), a reader nobody here wrote, which must
 * predict what distributionForInstance does to 1e-9 on every instance, missing values included; every document is
 * parsed by the JDK's XML parser and validated against the PMML 4.4 schema (pmml.xsd of org.jpmml:pmml-model). Weka
 * 3.8.6 reads no MiningModel, so a committee's document is checked by its structure: one NeuralNetwork segment per
 * member, averaged, each holding exactly the member's weights; and each segment, put in a document of its own, is
 * read by Weka's consumer, whose mean over the segments is the committee's distribution. A numeric class the same
 * way (functionName regression, an identity output neuron mapped back to the class by NormContinuous), each predicted
 * value to 1e-9 of it; Weka's consumer reads it correctly, but refuses a date class's field (written as a number).
 */
class PmmlExportTest {

  static {
    TestSupport.quietLogging();
  }

  private static final double TOLERANCE = 1e-9;

  private static Schema schema;

  private static synchronized Schema schema() throws Exception {
    if (schema == null) {
      URL xsd = PmmlExportTest.class.getClassLoader().getResource("pmml.xsd");
      assertNotNull(xsd, "pmml.xsd (org.jpmml:pmml-model) is on the test class path");
      schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
    }
    return schema;
  }

  /** Parses the document (namespace aware) and validates it against the PMML 4.4 schema. */
  private static Document parse(String pmml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    Document document = builder.parse(new InputSource(new StringReader(pmml)));
    assertEquals("PMML", document.getDocumentElement().getLocalName());
    assertEquals(Pmml.NAMESPACE, document.getDocumentElement().getNamespaceURI());
    assertEquals(Pmml.VERSION, document.getDocumentElement().getAttribute("version"));
    schema().newValidator().validate(new StreamSource(new StringReader(pmml)));
    return document;
  }

  private static PMMLClassifier consumer(String pmml) throws Exception {
    PMMLModel model = PMMLFactory.getPMMLModel(new ByteArrayInputStream(pmml.getBytes(StandardCharsets.UTF_8)));
    assertTrue(model instanceof weka.classifiers.pmml.consumer.NeuralNetwork, model.getClass().getName());
    return (PMMLClassifier) model;
  }

  /** Weka's consumer predicts the classifier's distributions on every instance of the data. */
  private static void checkByWeka(BackpropOneHidden classifier, Instances data, String what) throws Exception {
    String pmml = classifier.toPMML(data);
    Document document = parse(pmml);
    assertEquals(1, document.getElementsByTagNameNS(Pmml.NAMESPACE, "NeuralNetwork").getLength());
    PMMLClassifier consumer = consumer(pmml);
    double[][] expected = classifier.distributionsForInstances(data);
    boolean numeric = data.classAttribute().isNumeric();
    int missing = 0;
    for (int k = 0; k < data.numInstances(); k++) {
      Instance instance = data.instance(k);
      for (int j = 0; j < instance.numAttributes(); j++) {
        missing += j != instance.classIndex() && instance.isMissing(j) ? 1 : 0;
      }
      double[] actual = consumer.distributionForInstance(instance);
      assertEquals(expected[k].length, actual.length);
      for (int c = 0; c < actual.length; c++) {
        // a numeric class's predicted value: to 1e-9 of it
        assertEquals(expected[k][c], actual[c], numeric ? TOLERANCE * Math.abs(expected[k][c]) : TOLERANCE,
            what + ": instance " + (k + 1) + ", class " + c);
      }
      if (numeric) {
        assertEquals(expected[k][0], consumer.classifyInstance(instance), TOLERANCE * Math.abs(expected[k][0]),
            what + ": instance " + (k + 1));
      }
    }
    if (what.contains("missing")) {
      assertTrue(missing > 0, "the checked data has missing values");
    }
  }

  @Test
  void tanhAndSigmoidNetworksOnTwoAndFourClassesWithNominalAndMissingValues() throws Exception {
    for (int numClasses : new int[] {2, 4}) {
      Instances data = TestData.random(new Random(17 + numClasses), 150, 3, 3, numClasses, 0.15, true);
      // trained where the first nominal attribute never takes its last value: that value has no input, and met in
      // the checked data it makes the attribute's indicators 0
      Instances train = TestData.withoutThirdValueOfAttribute3(data);
      for (String activation : new String[] {"tanh", "sigmoid"}) {
        BackpropOneHidden classifier = TestSupport.built("-tune none -N 30 -H 5 -A " + activation, train);
        assertNull(classifier.getCommittee());
        String pmml = classifier.toPMML(train);
        assertTrue(pmml.contains("activationFunction=\"" + ("tanh".equals(activation) ? "tanh" : "logistic")
            + "\""), pmml);
        assertTrue(pmml.contains("missingValueTreatment=\"asMean\"") && pmml.contains("asMode"), pmml);
        assertTrue(pmml.contains("<NormDiscrete field=\"a0\" value=\"u\"/>")
            && !pmml.contains("<NormDiscrete field=\"a0\" value=\"w\"/>"), "the unseen value has no indicator");
        assertTrue(numClasses == 2 ? !pmml.contains("softmax") : pmml.contains("normalizationMethod=\"softmax\""));
        checkByWeka(classifier, data, numClasses + " classes, " + activation + ", missing values");
      }
    }
  }

  @Test
  void irisAndCreditG() throws Exception {
    Instances iris = TestSupport.iris();
    checkByWeka(TestSupport.built("-tune none -N 50", iris), iris, "iris");
    Instances credit = TestSupport.load("credit-g.arff");
    checkByWeka(TestSupport.built("-tune none -N 10 -A sigmoid", credit), credit, "credit-g");
    // no header given: the model's own
    BackpropOneHidden classifier = TestSupport.built("-tune none -N 5", iris);
    assertEquals(classifier.toPMML(iris), classifier.toPMML(null));
  }

  /**
   * A mean 10,000 standard deviations from 0: a consumer computes the standardization from two LinearNorm points, so
   * it agrees to about 1e-16 · |mean| / sd; still well within 1e-9 here.
   */
  @Test
  void largeMeanSmallSpread() throws Exception {
    Instances data = TestData.random(new Random(5), 100, 2, 0, 2, 0.1, false);
    for (Instance instance : data) {
      if (!instance.isMissing(0)) {
        instance.setValue(0, 1000 + instance.value(0) * 0.1);
      }
    }
    checkByWeka(TestSupport.built("-tune none -N 20", data), data, "large mean, missing values");
  }

  @Test
  void committee() throws Exception {
    Instances iris = TestSupport.iris();
    BackpropOneHidden classifier = TestSupport.built("-N 20", iris);
    Committee committee = classifier.getCommittee();
    assertNotNull(committee, "the default -tune cv model is a committee");
    String pmml = classifier.toPMML(iris);
    Document document = parse(pmml);
    Element root = document.getDocumentElement();
    Element mining = only(root, "MiningModel");
    assertEquals("classification", mining.getAttribute("functionName"));
    Element segmentation = only(mining, "Segmentation");
    assertEquals("average", segmentation.getAttribute("multipleModelMethod"));
    List<Element> segments = children(segmentation, "Segment");
    assertEquals(committee.size(), segments.size());
    double[][] expected = classifier.distributionsForInstances(iris);
    double[][] mean = new double[iris.numInstances()][iris.numClasses()];
    for (int n = 0; n < segments.size(); n++) {
      Element segment = segments.get(n);
      assertEquals(1, children(segment, "True").size());
      Element network = only(segment, "NeuralNetwork");
      checkWeights(network, committee.member(n));
      // the segment in a document of its own: Weka's consumer reads it
      PMMLClassifier consumer = consumer(alone(document, network));
      for (int k = 0; k < iris.numInstances(); k++) {
        double[] p = consumer.distributionForInstance(iris.instance(k));
        for (int c = 0; c < p.length; c++) {
          mean[k][c] += p[c] / segments.size();
        }
      }
    }
    for (int k = 0; k < iris.numInstances(); k++) {
      for (int c = 0; c < iris.numClasses(); c++) {
        assertEquals(expected[k][c], mean[k][c], TOLERANCE, "instance " + (k + 1) + ", class " + c);
      }
    }
    // Weka 3.8.6 has no MiningModel consumer: given the committee's document, it silently reads the first segment's
    // network alone (what the README warns of)
    PMMLModel read = PMMLFactory.getPMMLModel(new ByteArrayInputStream(pmml.getBytes(StandardCharsets.UTF_8)));
    PMMLClassifier first = consumer(alone(document, only(segments.get(0), "NeuralNetwork")));
    assertTrue(read instanceof weka.classifiers.pmml.consumer.NeuralNetwork);
    for (int k = 0; k < iris.numInstances(); k += 10) {
      assertTrue(Arrays.equals(first.distributionForInstance(iris.instance(k)),
          ((PMMLClassifier) read).distributionForInstance(iris.instance(k))));
    }
  }

  /**
   * A numeric class, one network: a regression NeuralNetwork whose identity output neuron is the standardized class
   * value, mapped back by the NeuralOutput's NormContinuous through (mean, 0) and (mean + sd, 1), the class's mean and
   * sd as the model text states them; Weka's consumer predicts the classifier's values to 1e-9 of them, with nominal
   * attributes (a value unseen in training), missing values and weights, tanh and sigmoid.
   */
  @Test
  void numericClassOneNetwork() throws Exception {
    Instances data = RegressionTest.smooth(200, 0.15, true, 3);
    Instances train = TestData.withoutThirdValueOfAttribute3(data);
    for (String activation : new String[] {"tanh", "sigmoid"}) {
      BackpropOneHidden classifier = TestSupport.built("-tune none -N 30 -H 5 -A " + activation, train);
      assertNotNull(classifier.getNetwork());
      String pmml = classifier.toPMML(train);
      Element network = only(parse(pmml).getDocumentElement(), "NeuralNetwork");
      assertEquals("regression", network.getAttribute("functionName"));
      assertEquals("2", network.getAttribute("numberOfLayers"));
      checkWeights(network, classifier.getNetwork());
      Element output = children(network, "NeuralLayer").get(1);
      assertEquals("identity", output.getAttribute("activationFunction"));
      assertEquals("none", output.getAttribute("normalizationMethod"));
      checkTargetNorm(network, classifier.toString());
      assertTrue(!pmml.contains("NormDiscrete field=\"y\""), pmml);
      checkByWeka(classifier, data, "numeric class, " + activation + ", missing values");
    }
  }

  /** The NeuralOutputs map the one output neuron to the class through (mean, 0) and (mean + sd, 1), exactly. */
  private static void checkTargetNorm(Element network, String modelText) {
    java.util.regex.Matcher stated = java.util.regex.Pattern.compile("Class: y \\(numeric; standardized for "
        + "training with mean (\\S+) and standard deviation (\\S+),").matcher(modelText);
    assertTrue(stated.find(), modelText);
    double mean = Double.parseDouble(stated.group(1));
    double sd = Double.parseDouble(stated.group(2));
    Element outputs = only(network, "NeuralOutputs");
    assertEquals("1", outputs.getAttribute("numberOfOutputs"));
    Element output = only(outputs, "NeuralOutput");
    assertEquals("o1", output.getAttribute("outputNeuron"));
    Element norm = only(only(output, "DerivedField"), "NormContinuous");
    assertEquals("y", norm.getAttribute("field"));
    List<Element> points = children(norm, "LinearNorm");
    assertEquals(2, points.size());
    assertEquals(mean, Double.parseDouble(points.get(0).getAttribute("orig")));
    assertEquals(0.0, Double.parseDouble(points.get(0).getAttribute("norm")));
    assertEquals(mean + sd, Double.parseDouble(points.get(1).getAttribute("orig")));
    assertEquals(1.0, Double.parseDouble(points.get(1).getAttribute("norm")));
  }

  /**
   * A numeric class, the default committee: a regression MiningModel averaging one regression NeuralNetwork segment
   * per member (schema-valid); each segment, in a document of its own, read by Weka's consumer, and the mean of their
   * values is the committee's prediction to 1e-9 of it.
   */
  @Test
  void numericClassCommittee() throws Exception {
    Instances data = RegressionTest.smooth(300, 0.05, false, 7);
    BackpropOneHidden classifier = TestSupport.built("-N 20", data);
    Committee committee = classifier.getCommittee();
    assertNotNull(committee, "the default -tune cv model is a committee");
    Document document = parse(classifier.toPMML(data));
    Element mining = only(document.getDocumentElement(), "MiningModel");
    assertEquals("regression", mining.getAttribute("functionName"));
    Element segmentation = only(mining, "Segmentation");
    assertEquals("average", segmentation.getAttribute("multipleModelMethod"));
    List<Element> segments = children(segmentation, "Segment");
    assertEquals(committee.size(), segments.size());
    double[] mean = new double[data.numInstances()];
    for (int n = 0; n < segments.size(); n++) {
      Element network = only(segments.get(n), "NeuralNetwork");
      assertEquals("regression", network.getAttribute("functionName"));
      checkWeights(network, committee.member(n));
      checkTargetNorm(network, classifier.toString());
      PMMLClassifier consumer = consumer(alone(document, network));
      for (int k = 0; k < data.numInstances(); k++) {
        mean[k] += consumer.distributionForInstance(data.instance(k))[0] / segments.size();
      }
    }
    for (int k = 0; k < data.numInstances(); k++) {
      double expected = classifier.classifyInstance(data.instance(k));
      assertEquals(expected, mean[k], TOLERANCE * Math.abs(expected), "instance " + (k + 1));
    }
  }

  /**
   * A date class is written as a number (Weka's internal value, milliseconds since 1970), as a date attribute is:
   * the document is valid, and Weka's consumer refuses to match its continuous field to the date attribute of the
   * scored data ("type mismatch"), but predicts the classifier's values, to 1e-9 of them, for the same data with the
   * class as a numeric attribute.
   */
  @Test
  void dateClassIsWrittenAsANumber() throws Exception {
    ArrayList<weka.core.Attribute> attributes = new ArrayList<>();
    attributes.add(new weka.core.Attribute("day"));
    attributes.add(new weka.core.Attribute("when", "yyyy-MM-dd"));
    Instances dates = new Instances("dates", attributes, 0);
    dates.setClassIndex(1);
    for (int k = 0; k < 60; k++) {
      dates.add(new weka.core.DenseInstance(1.0, new double[] {k, 1.6e12 + k * 86_400_000.0}));
    }
    BackpropOneHidden classifier = TestSupport.built("-tune none -O lbfgs -B 0 -N 50", dates);
    String pmml = classifier.toPMML(dates);
    assertEquals("regression", only(parse(pmml).getDocumentElement(), "NeuralNetwork").getAttribute("functionName"));
    PMMLClassifier consumer = consumer(pmml);
    Exception mismatch = assertThrows(Exception.class, () -> consumer.distributionForInstance(dates.instance(0)));
    assertTrue(mismatch.getMessage().contains("type mismatch"), mismatch.getMessage());
    ArrayList<weka.core.Attribute> numericAttributes = new ArrayList<>();
    numericAttributes.add(new weka.core.Attribute("day"));
    numericAttributes.add(new weka.core.Attribute("when"));
    Instances numbers = new Instances("dates", numericAttributes, 0);
    numbers.setClassIndex(1);
    for (Instance instance : dates) {
      numbers.add(new weka.core.DenseInstance(1.0, instance.toDoubleArray()));
    }
    PMMLClassifier reader = consumer(pmml);
    for (int k = 0; k < dates.numInstances(); k++) {
      double expected = classifier.classifyInstance(dates.instance(k));
      assertEquals(expected, reader.distributionForInstance(numbers.instance(k))[0], TOLERANCE * Math.abs(expected),
          "instance " + (k + 1));
    }
  }

  /**
   * The class's two points where mean + sd is no longer a second point: a spread below half a unit in the last place
   * of the mean (mean + sd rounds to the mean), where the second point is 2^j standard deviations away and Weka's
   * consumer still predicts to 1e-9 of the value; and a class near the largest double (mean + sd overflows), where
   * the points are taken below the mean. Both documents are valid, with finite, ascending points.
   */
  @Test
  void theClassPointsStayDistinctAndFinite() throws Exception {
    ArrayList<weka.core.Attribute> attributes = new ArrayList<>();
    attributes.add(new weka.core.Attribute("x"));
    attributes.add(new weka.core.Attribute("y"));
    Instances narrow = new Instances("narrow", attributes, 0);
    narrow.setClassIndex(1);
    Instances huge = new Instances(narrow, 0);
    for (int k = 0; k < 400; k++) {
      // 399 rows of 1e16 and one of 1e16 + 2 (the next double): mean 1e16 + 0.005 rounds to 1e16, sd about 0.1
      narrow.add(new weka.core.DenseInstance(1.0, new double[] {k == 0 ? 1 : 0, k == 0 ? 1e16 + 2 : 1e16}));
      huge.add(new weka.core.DenseInstance(1.0, new double[] {k % 10 == 0 ? 1 : 0,
          k % 10 == 0 ? -1.5e308 : 1.5e308}));
    }
    BackpropOneHidden classifier = TestSupport.built("-tune none -N 20 -V 0", narrow);
    List<Element> points = classPoints(classifier.toPMML(narrow));
    double mean = Double.parseDouble(points.get(0).getAttribute("orig"));
    double upper = Double.parseDouble(points.get(1).getAttribute("orig"));
    assertEquals(0.0, Double.parseDouble(points.get(0).getAttribute("norm")));
    assertTrue(upper > mean && Double.parseDouble(points.get(1).getAttribute("norm")) > 1, upper + " above " + mean);
    checkByWeka(classifier, narrow, "a spread below the mean's last place");
    points = classPoints(TestSupport.built("-tune none -N 20 -V 0", huge).toPMML(huge));
    double lower = Double.parseDouble(points.get(0).getAttribute("orig"));
    double top = Double.parseDouble(points.get(1).getAttribute("orig"));
    assertTrue(Double.isFinite(lower) && Double.isFinite(top) && lower < top, lower + " below " + top);
    assertTrue(Double.parseDouble(points.get(0).getAttribute("norm")) < 0);
    assertEquals(0.0, Double.parseDouble(points.get(1).getAttribute("norm")));
  }

  /** @return the LinearNorm points of the document's (valid) NeuralOutput */
  private static List<Element> classPoints(String pmml) throws Exception {
    Element network = only(parse(pmml).getDocumentElement(), "NeuralNetwork");
    Element output = only(only(network, "NeuralOutputs"), "NeuralOutput");
    List<Element> points = children(only(only(output, "DerivedField"), "NormContinuous"), "LinearNorm");
    assertEquals(2, points.size());
    return points;
  }

  /** The network's Con weights and biases are exactly the member's θ and β. */
  private static void checkWeights(Element network, Network member) {
    List<Element> layers = children(network, "NeuralLayer");
    int m = member.shape().numInputs();
    int g = member.shape().numHidden();
    int k = member.shape().numOutputs();
    assertEquals(k == 1 && !member.shape().linearOutput() ? 3 : 2, layers.size());
    List<Element> hidden = children(layers.get(0), "Neuron");
    assertEquals(g, hidden.size());
    for (int l = 0; l < g; l++) {
      assertEquals(member.theta(0, l), Double.parseDouble(hidden.get(l).getAttribute("bias")));
      List<Element> cons = children(hidden.get(l), "Con");
      assertEquals(m, cons.size());
      for (int i = 1; i <= m; i++) {
        assertEquals("i" + i, cons.get(i - 1).getAttribute("from"));
        assertEquals(member.theta(i, l), Double.parseDouble(cons.get(i - 1).getAttribute("weight")));
      }
    }
    List<Element> outputs = children(layers.get(1), "Neuron");
    assertEquals(k, outputs.size());
    for (int c = 0; c < k; c++) {
      assertEquals(member.beta(c, 0), Double.parseDouble(outputs.get(c).getAttribute("bias")));
      List<Element> cons = children(outputs.get(c), "Con");
      assertEquals(g, cons.size());
      for (int j = 1; j <= g; j++) {
        assertEquals(member.beta(c, j), Double.parseDouble(cons.get(j - 1).getAttribute("weight")));
      }
    }
  }

  /** @return a PMML document of the header, the data dictionary and one segment's network */
  private static String alone(Document document, Element network) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document single = factory.newDocumentBuilder().newDocument();
    Element root = (Element) single.importNode(document.getDocumentElement(), false);
    single.appendChild(root);
    root.appendChild(single.importNode(only(document.getDocumentElement(), "Header"), true));
    root.appendChild(single.importNode(only(document.getDocumentElement(), "DataDictionary"), true));
    root.appendChild(single.importNode(network, true));
    Transformer transformer = TransformerFactory.newInstance().newTransformer();
    transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    StringWriter text = new StringWriter();
    transformer.transform(new DOMSource(single), new StreamResult(text));
    String pmml = text.toString();
    parse(pmml);
    return pmml;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int k = 0; k < nodes.getLength(); k++) {
      Node node = nodes.item(k);
      if (node instanceof Element && name.equals(node.getLocalName())
          && Pmml.NAMESPACE.equals(node.getNamespaceURI())) {
        found.add((Element) node);
      }
    }
    return found;
  }

  private static Element only(Element parent, String name) {
    List<Element> found = children(parent, name);
    assertEquals(1, found.size(), name + " in " + parent.getLocalName());
    return found.get(0);
  }

  @Test
  void refusals() throws Exception {
    IllegalStateException unbuilt = assertThrows(IllegalStateException.class,
        () -> new BackpropOneHidden().toPMML(null));
    assertTrue(unbuilt.getMessage().contains("no model built"), unbuilt.getMessage());
    Instances constant = TestSupport.constantAttributes(3, 5);
    IllegalStateException prior = assertThrows(IllegalStateException.class,
        () -> TestSupport.built("", constant).toPMML(constant));
    assertTrue(prior.getMessage().contains("class prior"), prior.getMessage());
    Instances constantClass = RegressionTest.smooth(50, 0.0, false, 5);
    for (Instance instance : constantClass) {
      instance.setClassValue(42.5);
    }
    IllegalStateException mean = assertThrows(IllegalStateException.class,
        () -> TestSupport.built("", constantClass).toPMML(constantClass));
    assertTrue(mean.getMessage().contains("class prior"), mean.getMessage());
    Instances iris = TestSupport.iris();
    BackpropOneHidden classifier = TestSupport.built("-tune none -N 2", iris);
    Instances other = new Instances(iris, 0);
    other.renameAttribute(0, "renamed");
    IllegalArgumentException header = assertThrows(IllegalArgumentException.class, () -> classifier.toPMML(other));
    assertTrue(header.getMessage().contains("header"), header.getMessage());
  }

  /** The README's command: a saved model written as PMML, to standard output or a file; Weka's consumer reads it. */
  @Test
  void exportCommand() throws Exception {
    Instances iris = TestSupport.iris();
    BackpropOneHidden classifier = TestSupport.built("-tune none -N 30", iris);
    Path dir = Files.createTempDirectory(Files.createDirectories(TestSupport.targetDir().resolve("pmml")), "export");
    Path model = dir.resolve("iris.model");
    SerializationHelper.write(model.toString(), classifier);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, "UTF-8"); PrintStream e = new PrintStream(err, true, "UTF-8")) {
      assertEquals(0, PmmlExport.run(new String[] {model.toString()}, o, e));
    }
    String printed = new String(out.toByteArray(), StandardCharsets.UTF_8);
    assertEquals(classifier.toPMML(iris), printed);
    Path file = dir.resolve("iris.pmml");
    Path arff = dir.resolve("iris.arff");
    Files.write(arff, iris.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(0, PmmlExport.run(new String[] {model.toString(), arff.toString(), "-o", file.toString()},
        System.out, System.err));
    String written = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    assertEquals(printed, written);
    PMMLClassifier consumer = consumer(written);
    for (Instance instance : iris) {
      double[] expected = classifier.distributionForInstance(instance);
      double[] actual = consumer.distributionForInstance(instance);
      for (int c = 0; c < expected.length; c++) {
        assertEquals(expected[c], actual[c], TOLERANCE);
      }
    }
    // wrong arguments: the usage, status 1
    ByteArrayOutputStream usage = new ByteArrayOutputStream();
    try (PrintStream e = new PrintStream(usage, true, "UTF-8")) {
      assertEquals(1, PmmlExport.run(new String[0], System.out, e));
    }
    assertTrue(new String(usage.toByteArray(), StandardCharsets.UTF_8).contains("Usage"));
  }
}
