package weka.classifiers.functions.backprop.bridge;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * A model written as a PMML 4.4 document (weka.core.pmml.PMMLProducer): one network as a {@code NeuralNetwork}, the
 * committee of {@code -tune cv} as a {@code MiningModel} whose {@code Segmentation} averages ({@code
 * multipleModelMethod="average"}) the class probabilities (a numeric class: the predicted values) of one {@code
 * NeuralNetwork} segment per member.
 *
 * <p>How the preprocessing is written, in the form Weka 3.8.6's own consumer ({@code
 * weka.classifiers.pmml.consumer.NeuralNetwork}) reads, where the standard leaves a choice:
 * <ul>
 * <li>a missing value: the {@code MiningField}'s {@code missingValueReplacement} (the weighted mean, {@code asMean},
 * on the attribute's own scale; the mode's name, {@code asMode}), applied before any transformation, as the
 * classifier replaces it before scaling and encoding;
 * <li>a nominal value's indicator: a {@code LocalTransformations} {@code DerivedField} with {@code NormDiscrete}
 * (1 for the value, 0 otherwise: a value that no input indicates makes all indicators 0);
 * <li>the power-of-two scale and the standardization {@code (x·scale − mean) / sd}: one {@code NormContinuous} per
 * input, in the {@code NeuralInput}'s {@code DerivedField}, as two {@code LinearNorm} points, the mean (norm 0) and
 * the mean plus one standard deviation (norm 1), on the attribute's own axis, extrapolated beyond them ({@code
 * outliers="asIs"}); a consumer computes the line from the points, so it agrees with the classifier to about
 * 1e-16 · |mean| / sd in the standardized input (1e-12 for a mean 10,000 standard deviations from 0);
 * <li>the hidden layer: {@code activationFunction} tanh or logistic, the biases as each {@code Neuron}'s {@code
 * bias};
 * <li>more than two classes: an output layer of identity neurons with {@code normalizationMethod="softmax"} (on the
 * layer, so that it applies to no other);
 * <li>two classes: the network's one logistic output neuron p, then a layer of two identity neurons 1 − p and p, one
 * {@code NeuralOutput} per class (Weka's consumer, like other PMML consumers, needs one output per class value);
 * <li>a numeric (or date) class: {@code functionName="regression"} (the committee's {@code MiningModel} too), the
 * linear output as one identity neuron ({@code normalizationMethod="none"}), the standardized class value w, and one
 * {@code NeuralOutput} whose {@code NormContinuous} on the class field has the points (mean, 0) and (mean + sd, 1),
 * so that a consumer maps w back by the line through them, class = mean + sd · w (a committee: each segment's value,
 * averaged, which is the same line at the mean of the w); a consumer's slope, (mean + sd) − mean, is sd to half a
 * unit in the last place of the mean, so it agrees with the classifier to about 1e-16 · |w · mean|.
 * </ul>
 * Every number is written as {@link Double#toString} writes it (parsed back exactly).
 */
public final class Pmml {

  /** The PMML version written. */
  public static final String VERSION = "4.4";

  /** Its namespace. */
  public static final String NAMESPACE = "http://www.dmg.org/PMML-4_4";

  private final Instances header;
  private final InputEncoder encoder;
  private final Network[] networks;
  /** The standardization of a numeric class the networks predict; null for a nominal class. */
  private final TargetScale target;

  /** Per attribute, whether an input reads it (those form the MiningSchema, with the class). */
  private final boolean[] used;
  /** Per input, the name of its indicator's derived field (null for a numeric input). */
  private final String[] indicatorNames;
  /** Per input, the name of its NeuralInput's derived field. */
  private final String[] inputNames;

  private Pmml(Instances header, InputEncoder encoder, Network[] networks, TargetScale target) {
    this.header = header;
    this.encoder = encoder;
    this.networks = networks;
    this.target = target;
    int m = encoder.numInputs();
    used = new boolean[header.numAttributes()];
    Set<String> names = new HashSet<>();
    for (int a = 0; a < header.numAttributes(); a++) {
      names.add(header.attribute(a).name());
    }
    indicatorNames = new String[m];
    inputNames = new String[m];
    for (int i = 0; i < m; i++) {
      Attribute attribute = header.attribute(encoder.column(i));
      used[encoder.column(i)] = true;
      if (encoder.indicatedValue(i) >= 0) {
        indicatorNames[i] = unique(attribute.name() + "=" + attribute.value(encoder.indicatedValue(i)), names);
      }
      inputNames[i] = unique("input " + (i + 1) + " (" + (indicatorNames[i] != null ? indicatorNames[i]
          : attribute.name()) + ")", names);
    }
  }

  /** @return the name, or the name followed by a number, not yet in the set (which gets it) */
  private static String unique(String name, Set<String> names) {
    String candidate = name;
    for (int k = 2; !names.add(candidate); k++) {
      candidate = name + " #" + k;
    }
    return candidate;
  }

  /**
   * @param state what the classifier holds
   * @param train the training data's header, as {@code PMMLProducer.toPMML} passes it (may be null: the model's own
   *     header is written); it must match the model's header
   * @return the PMML document
   * @throws IllegalStateException (PMMLProducer.toPMML declares no checked exception) if nothing is built, the model
   *     predicts the class prior (no network to write), was saved by version 1.0, or the header does not match,
   *     saying why
   */
  public static String of(ModelState state, Instances train) {
    try {
      return write(state, train);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String write(ModelState state, Instances train) throws Exception {
    JavaSource model = state.javaSource();
    Instances header = model.header();
    if (model.priorReason() != null) {
      throw new IllegalStateException(TrainingLog.PREFIX + "no network was trained (" + model.priorReason() + "): the model "
          + "predicts the class prior, which PMML's NeuralNetwork cannot express; there is nothing to deploy but the "
          + "prior itself, printed in the model text");
    }
    if (train != null && !header.equalHeaders(train)) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "the data's header is not the training header: "
          + header.equalHeadersMsg(train));
    }
    return new Pmml(header, model.encoder(), model.networks(), model.targetScale()).write();
  }

  private String write() {
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<PMML xmlns=\"").append(NAMESPACE).append("\" version=\"").append(VERSION).append("\">\n");
    NetworkShape shape = networks[0].shape();
    out.append("  <Header description=\"").append(escape(description(shape))).append("\">\n");
    out.append("    <Application name=\"BackpropOneHidden (weka.classifiers.functions)\"/>\n");
    out.append("  </Header>\n");
    dataDictionary(out);
    if (networks.length == 1) {
      network(out, networks[0], "  ", header.relationName());
    } else {
      out.append("  <MiningModel modelName=\"").append(escape(header.relationName()))
          .append("\" functionName=\"").append(functionName())
          .append("\" algorithmName=\"BackpropOneHidden committee\">\n");
      miningSchema(out, "    ");
      out.append("    <Segmentation multipleModelMethod=\"average\">\n");
      for (int n = 0; n < networks.length; n++) {
        out.append("      <Segment id=\"").append(n + 1).append("\">\n");
        out.append("        <True/>\n");
        network(out, networks[n], "        ", "network " + (n + 1));
        out.append("      </Segment>\n");
      }
      out.append("    </Segmentation>\n");
      out.append("  </MiningModel>\n");
    }
    out.append("</PMML>\n");
    return out.toString();
  }

  /** @return the models' mining function: regression for a numeric class, else classification */
  private String functionName() {
    return target != null ? "regression" : "classification";
  }

  private String description(NetworkShape shape) {
    return "BackpropOneHidden: " + (networks.length == 1 ? "one network" : "the mean of the "
        + (target != null ? "predicted values" : "class probabilities") + " of " + networks.length + " networks")
        + ", " + shape.numInputs() + " inputs -> " + shape.numHidden() + " " + shape.activation().optionName()
        + " hidden units -> " + (shape.linearOutput() ? "1 linear output" : shape.numOutputs() == 1
        ? "1 sigmoid output" : shape.numOutputs() + " softmax outputs") + ", trained on the relation '"
        + header.relationName() + "'";
  }

  private void dataDictionary(StringBuilder out) {
    int fields = 0;
    for (int a = 0; a < header.numAttributes(); a++) {
      fields += inSchema(a) ? 1 : 0;
    }
    out.append("  <DataDictionary numberOfFields=\"").append(fields).append("\">\n");
    for (int a = 0; a < header.numAttributes(); a++) {
      if (!inSchema(a)) {
        continue;
      }
      Attribute attribute = header.attribute(a);
      out.append("    <DataField name=\"").append(escape(attribute.name())).append('"');
      if (attribute.isNominal()) {
        out.append(" optype=\"categorical\" dataType=\"string\">\n");
        for (int v = 0; v < attribute.numValues(); v++) {
          out.append("      <Value value=\"").append(escape(attribute.value(v))).append("\"/>\n");
        }
        out.append("    </DataField>\n");
      } else {
        out.append(" optype=\"continuous\" dataType=\"double\"/>\n");
      }
    }
    out.append("  </DataDictionary>\n");
  }

  /** @return whether the attribute is in the MiningSchema: the class and every attribute an input reads */
  private boolean inSchema(int a) {
    return a == header.classIndex() || used[a];
  }

  private void miningSchema(StringBuilder out, String indent) {
    Map<Integer, Integer> firstInput = new LinkedHashMap<>();
    for (int i = 0; i < encoder.numInputs(); i++) {
      firstInput.putIfAbsent(encoder.column(i), i);
    }
    out.append(indent).append("<MiningSchema>\n");
    for (int a = 0; a < header.numAttributes(); a++) {
      if (!inSchema(a)) {
        continue;
      }
      Attribute attribute = header.attribute(a);
      out.append(indent).append("  <MiningField name=\"").append(escape(attribute.name())).append('"');
      if (a == header.classIndex()) {
        out.append(" usageType=\"predicted\"/>\n");
        continue;
      }
      int i = firstInput.get(a);
      out.append(" usageType=\"active\" missingValueReplacement=\"");
      if (encoder.indicatedValue(i) >= 0) {
        out.append(escape(attribute.value((int) encoder.replacement(i)))).append("\" missingValueTreatment=\"asMode\"");
      } else {
        // the replacement is kept on the scaled axis; the scale is a power of two, so dividing is exact
        out.append(number(encoder.replacement(i) / encoder.scale(i))).append("\" missingValueTreatment=\"asMean\"");
      }
      out.append("/>\n");
    }
    out.append(indent).append("</MiningSchema>\n");
  }

  private void network(StringBuilder out, Network network, String indent, String name) {
    NetworkShape shape = network.shape();
    int m = shape.numInputs();
    int g = shape.numHidden();
    int k = shape.numOutputs();
    String hidden = shape.activation() == Activation.TANH ? "tanh" : "logistic";
    out.append(indent).append("<NeuralNetwork modelName=\"").append(escape(name))
        .append("\" functionName=\"").append(functionName())
        .append("\" algorithmName=\"BackpropOneHidden\" activationFunction=\"").append(hidden)
        .append("\" numberOfLayers=\"").append(k == 1 && !shape.linearOutput() ? 3 : 2).append("\">\n");
    String in = indent + "  ";
    miningSchema(out, in);
    boolean indicators = false;
    for (int i = 0; i < m; i++) {
      indicators |= indicatorNames[i] != null;
    }
    if (indicators) {
      out.append(in).append("<LocalTransformations>\n");
      for (int i = 0; i < m; i++) {
        if (indicatorNames[i] != null) {
          Attribute attribute = header.attribute(encoder.column(i));
          out.append(in).append("  <DerivedField name=\"").append(escape(indicatorNames[i]))
              .append("\" optype=\"continuous\" dataType=\"double\">\n");
          out.append(in).append("    <NormDiscrete field=\"").append(escape(attribute.name())).append("\" value=\"")
              .append(escape(attribute.value(encoder.indicatedValue(i)))).append("\"/>\n");
          out.append(in).append("  </DerivedField>\n");
        }
      }
      out.append(in).append("</LocalTransformations>\n");
    }
    out.append(in).append("<NeuralInputs numberOfInputs=\"").append(m).append("\">\n");
    for (int i = 0; i < m; i++) {
      out.append(in).append("  <NeuralInput id=\"i").append(i + 1).append("\">\n");
      out.append(in).append("    <DerivedField name=\"").append(escape(inputNames[i]))
          .append("\" optype=\"continuous\" dataType=\"double\">\n");
      String field = indicatorNames[i] != null ? indicatorNames[i] : header.attribute(encoder.column(i)).name();
      normContinuous(out, in + "      ", field, linearNorm(i));
      out.append(in).append("    </DerivedField>\n");
      out.append(in).append("  </NeuralInput>\n");
    }
    out.append(in).append("</NeuralInputs>\n");
    out.append(in).append("<NeuralLayer numberOfNeurons=\"").append(g).append("\" activationFunction=\"")
        .append(hidden).append("\">\n");
    for (int l = 0; l < g; l++) {
      out.append(in).append("  <Neuron id=\"h").append(l + 1).append("\" bias=\"").append(number(network.theta(0, l)))
          .append("\">\n");
      for (int i = 1; i <= m; i++) {
        out.append(in).append("    <Con from=\"i").append(i).append("\" weight=\"")
            .append(number(network.theta(i, l))).append("\"/>\n");
      }
      out.append(in).append("  </Neuron>\n");
    }
    out.append(in).append("</NeuralLayer>\n");
    if (shape.linearOutput()) {
      out.append(in).append("<NeuralLayer numberOfNeurons=\"1\" activationFunction=\"identity\" "
          + "normalizationMethod=\"none\">\n");
      outputNeuron(out, in, network, 0, "o1");
      out.append(in).append("</NeuralLayer>\n");
      regressionOutput(out, in, "o1");
    } else if (k == 1) {
      out.append(in).append("<NeuralLayer numberOfNeurons=\"1\" activationFunction=\"logistic\">\n");
      outputNeuron(out, in, network, 0, "o1");
      out.append(in).append("</NeuralLayer>\n");
      // p and 1 - p, one neuron per class value
      out.append(in).append("<NeuralLayer numberOfNeurons=\"2\" activationFunction=\"identity\">\n");
      out.append(in).append("  <Neuron id=\"p1\" bias=\"1.0\">\n");
      out.append(in).append("    <Con from=\"o1\" weight=\"-1.0\"/>\n");
      out.append(in).append("  </Neuron>\n");
      out.append(in).append("  <Neuron id=\"p2\" bias=\"0.0\">\n");
      out.append(in).append("    <Con from=\"o1\" weight=\"1.0\"/>\n");
      out.append(in).append("  </Neuron>\n");
      out.append(in).append("</NeuralLayer>\n");
      outputs(out, in, "p");
    } else {
      out.append(in).append("<NeuralLayer numberOfNeurons=\"").append(k)
          .append("\" activationFunction=\"identity\" normalizationMethod=\"softmax\">\n");
      for (int c = 0; c < k; c++) {
        outputNeuron(out, in, network, c, "o" + (c + 1));
      }
      out.append(in).append("</NeuralLayer>\n");
      outputs(out, in, "o");
    }
    out.append(indent).append("</NeuralNetwork>\n");
  }

  private static void outputNeuron(StringBuilder out, String in, Network network, int c, String id) {
    int g = network.shape().numHidden();
    out.append(in).append("  <Neuron id=\"").append(id).append("\" bias=\"").append(number(network.beta(c, 0)))
        .append("\">\n");
    for (int j = 1; j <= g; j++) {
      out.append(in).append("    <Con from=\"h").append(j).append("\" weight=\"").append(number(network.beta(c, j)))
          .append("\"/>\n");
    }
    out.append(in).append("  </Neuron>\n");
  }

  /** The NeuralOutputs: neuron prefix + (c + 1) is class value c's probability. */
  private void outputs(StringBuilder out, String in, String prefix) {
    Attribute target = header.classAttribute();
    out.append(in).append("<NeuralOutputs numberOfOutputs=\"").append(target.numValues()).append("\">\n");
    for (int c = 0; c < target.numValues(); c++) {
      out.append(in).append("  <NeuralOutput outputNeuron=\"").append(prefix).append(c + 1).append("\">\n");
      out.append(in).append("    <DerivedField optype=\"continuous\" dataType=\"double\">\n");
      out.append(in).append("      <NormDiscrete field=\"").append(escape(target.name())).append("\" value=\"")
          .append(escape(target.value(c))).append("\"/>\n");
      out.append(in).append("    </DerivedField>\n");
      out.append(in).append("  </NeuralOutput>\n");
    }
    out.append(in).append("</NeuralOutputs>\n");
  }

  /**
   * The NeuralOutputs of a numeric class: the neuron's value w is the class's standardized value, mapped back to
   * the class by the line through {@link #targetNorm()}'s points.
   */
  private void regressionOutput(StringBuilder out, String in, String neuron) {
    double[] points = targetNorm();
    out.append(in).append("<NeuralOutputs numberOfOutputs=\"1\">\n");
    out.append(in).append("  <NeuralOutput outputNeuron=\"").append(neuron).append("\">\n");
    out.append(in).append("    <DerivedField optype=\"continuous\" dataType=\"double\">\n");
    normContinuous(out, in + "      ", header.classAttribute().name(), points);
    out.append(in).append("    </DerivedField>\n");
    out.append(in).append("  </NeuralOutput>\n");
    out.append(in).append("</NeuralOutputs>\n");
  }

  /**
   * A NormContinuous element of a field through two LinearNorm points.
   *
   * @param out where the element goes
   * @param in the element's indentation
   * @param field the field's name (escaped here)
   * @param points {orig0, norm0, orig1, norm1}
   */
  private static void normContinuous(StringBuilder out, String in, String field, double[] points) {
    out.append(in).append("<NormContinuous field=\"").append(escape(field)).append("\">\n");
    for (int p = 0; p < 4; p += 2) {
      out.append(in).append("  <LinearNorm orig=\"").append(number(points[p])).append("\" norm=\"")
          .append(number(points[p + 1])).append("\"/>\n");
    }
    out.append(in).append("</NormContinuous>\n");
  }

  /**
   * @return the two LinearNorm points {orig0, norm0, orig1, norm1} of a numeric class: (μ, 0) and (μ + σ, 1), so
   *     that the class value is μ + σ · w (extrapolated beyond them). Should μ + σ round to μ (a spread below half a
   *     unit in the last place of the mean), the second point is taken 2^j standard deviations away, (μ + 2^j σ,
   *     2^j); should it overflow, below the mean, (μ − 2^j σ, −2^j) and (μ, 0): the points stay finite, distinct and
   *     ascending, and the line is the same
   */
  double[] targetNorm() {
    double mean = target.mean();
    double sd = target.stdDev();
    double c = 1.0;
    while (mean + c * sd == mean) {
      c *= 2;
    }
    double upper = mean + c * sd;
    if (upper < Double.POSITIVE_INFINITY) {
      return new double[] {mean, 0.0, upper, c};
    }
    return new double[] {mean - c * sd, -c, mean, 0.0};
  }

  /**
   * @param i an input
   * @return the two LinearNorm points {orig0, norm0, orig1, norm1} of its standardization (x·scale − μ) / σ (x − μ
   *     where σ is not positive)
   */
  double[] linearNorm(int i) {
    double mean = encoder.mean(i);
    double sd = encoder.stdDev(i) > 0 ? encoder.stdDev(i) : 1.0;
    if (indicatorNames[i] != null) {
      // the indicator is 0 or 1: both points are where it is, computed as the classifier computes them
      return new double[] {0.0, (0.0 - mean) / sd, 1.0, (1.0 - mean) / sd};
    }
    // the mean and the mean plus one standard deviation, on the attribute's own axis (the scale is a power of two)
    double scale = encoder.scale(i);
    return new double[] {mean / scale, 0.0, (mean + sd) / scale, 1.0};
  }

  private static String number(double value) {
    return Double.toString(value);
  }

  /**
   * @return the text as XML attribute content
   * @throws IllegalArgumentException for a character XML 1.0 cannot hold
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\t':
          out.append("&#9;");
          break;
        case '\n':
          out.append("&#10;");
          break;
        case '\r':
          out.append("&#13;");
          break;
        default:
          if (c < 0x20 || c == 0xfffe || c == 0xffff) {
            throw new IllegalArgumentException(TrainingLog.PREFIX + "the name '" + text + "' holds a character "
                + "(code " + (int) c + ") that XML cannot hold, so the model cannot be written as PMML");
          }
          out.append(c);
      }
    }
    return out.toString();
  }
}
