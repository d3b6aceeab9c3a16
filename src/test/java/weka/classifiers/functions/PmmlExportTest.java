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
 * read by Weka's consumer, whose mean over the segments is the committee's distribution.
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
    int missing = 0;
    for (int k = 0; k < data.numInstances(); k++) {
      Instance instance = data.instance(k);
      for (int j = 0; j < instance.numAttributes(); j++) {
        missing += j != instance.classIndex() && instance.isMissing(j) ? 1 : 0;
      }
      double[] actual = consumer.distributionForInstance(instance);
      assertEquals(expected[k].length, actual.length);
      for (int c = 0; c < actual.length; c++) {
        assertEquals(expected[k][c], actual[c], TOLERANCE, what + ": instance " + (k + 1) + ", class " + c);
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
      Instances train = new Instances(data);
      for (Instance instance : train) {
        if (!instance.isMissing(3) && instance.value(3) == 2) {
          instance.setValue(3, 0);
        }
      }
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

  /** The network's Con weights and biases are exactly the member's θ and β. */
  private static void checkWeights(Element network, Network member) {
    List<Element> layers = children(network, "NeuralLayer");
    int m = member.shape().numInputs();
    int g = member.shape().numHidden();
    int k = member.shape().numOutputs();
    assertEquals(k == 1 ? 3 : 2, layers.size());
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
