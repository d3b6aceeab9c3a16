package weka.classifiers.functions.backprop.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.lang.model.SourceVersion;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.classifiers.functions.backprop.preprocess.TargetScale;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * A model written as a self-contained Java class (weka.classifiers.Sourcable, the Explorer's "Output source code",
 * {@code -z} on the command line): the preprocessing, the network or the committee of networks (or the class prior),
 * with every number as {@link Double#toString} writes it (parsed back exactly), and the arithmetic in the order the
 * classifier computes it, so that the class predicts what {@code distributionForInstance} does up to the last bits
 * of {@link Math#exp}. The class needs nothing but the Java standard library (Java 8 or newer); it is not public, so
 * that Weka's {@code -z} can put it in one file after its {@code WekaWrapper}.
 *
 * <p>Weka's convention for Sourcable classes (Evaluation's WekaWrapper): {@code classify(Object[] i)} gets one value
 * per attribute of the training header, a numeric (or date) value as a Double, a nominal one as its name (a String),
 * a missing value as null, and returns the index of the predicted class value. The class also offers
 * {@code distribution(Object[] i)}, the class probabilities, and {@code inputs(Object[] i)}, the network's input row.
 *
 * <p>A numeric (or date) class: the networks have one linear output w, the standardized class value, and the class
 * predicts {@code mean + sd · w} (a committee: {@code mean + sd ·} the mean of its networks' w), the class's mean and
 * standard deviation of training written with every digit; {@code classify} returns that value, as Weka's WekaWrapper
 * expects for a numeric class, {@code distribution} returns it as its one element, and {@code classValues()} is
 * empty. The class prior of a numeric class is its weighted mean (ZeroR's). The classifier computes mean + sd · w in
 * units of a power of two ({@code TargetScale.original}), which rounds to the same bits; only where sd · w itself
 * overflows (a class within a factor |w| of the largest double) does this class give an infinity instead.
 *
 * <p>Limits of the Java class file: the numbers are written as text tables parsed when the class is loaded, so
 * models of any size compile; the names of the nominal values that inputs indicate are string constants in the
 * class's initializer, whose code is limited to 64 KB (about 9,000 such names in all).
 */
public final class JavaSource {

  /** Longest text of one string constant of a table (Java's limit is 65,535 bytes). */
  private static final int CHUNK_CHARS = 4000;

  private final Instances header;
  /** The preprocessing's statistics; null for the prior. */
  private final InputEncoder encoder;
  /** The networks whose probabilities are averaged (one for a single network); empty for the prior. */
  private final Network[] networks;
  /** The standardization of a numeric class the networks predict; null for a nominal class and the prior. */
  private final TargetScale target;
  /** The class prior; null for networks. */
  private final double[] prior;
  /** Why no network was trained (the prior), else null. */
  private final String reason;

  private JavaSource(Instances header, InputEncoder encoder, TargetScale target, Network[] networks, double[] prior,
      String reason) {
    this.header = header;
    this.encoder = encoder;
    this.target = target;
    this.networks = networks;
    this.prior = prior;
    this.reason = reason;
  }

  /**
   * @param header the training header
   * @param preprocessing the networks' fitted preprocessing
   * @param networks one network, or the members of a committee (their probabilities, or for a numeric class their
   *     outputs, are averaged, in this order)
   * @return the source of a model of networks
   * @throws Exception if the preprocessing cannot be written (a model saved by version 1.0)
   */
  static JavaSource networks(Instances header, Preprocessor preprocessing, Network... networks) throws Exception {
    return new JavaSource(header, preprocessing.encoder(), preprocessing.targetScale(), networks.clone(), null, null);
  }

  /**
   * @param header the training header
   * @param distribution the class prior (a numeric class: one value, its mean)
   * @param reason why no network was trained
   * @return the source of a model that predicts the prior
   */
  static JavaSource prior(Instances header, double[] distribution, String reason) {
    return new JavaSource(header, null, null, new Network[0], distribution.clone(), reason);
  }

  /** @return the training header (for {@link Pmml}, which writes the same model as PMML) */
  Instances header() {
    return header;
  }

  /** @return the preprocessing's statistics; null for the prior */
  InputEncoder encoder() {
    return encoder;
  }

  /** @return the networks whose probabilities are averaged (one for a single network); empty for the prior */
  Network[] networks() {
    return networks.clone();
  }

  /** @return the standardization of a numeric class the networks predict; null for a nominal class and the prior */
  TargetScale targetScale() {
    return target;
  }

  /** @return true for a numeric (or date) class: one predicted value, no class values */
  private boolean numeric() {
    return header.classAttribute().isNumeric();
  }

  /** @return why no network was trained (the model predicts the class prior), else null */
  String priorReason() {
    return reason;
  }

  /**
   * @param state what the classifier holds
   * @param className the name of the class to write (a Java identifier)
   * @return the class's source
   * @throws Exception if nothing is built or the model cannot be written, saying why
   */
  public static String of(ModelState state, String className) throws Exception {
    return state.javaSource().write(className);
  }

  /**
   * @param className the name of the class to write
   * @return its source
   * @throws IllegalArgumentException if the name is not a Java identifier
   */
  public String write(String className) {
    if (className == null || !SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)) {
      throw new IllegalArgumentException(TrainingLog.PREFIX + "'" + className + "' is not a name for a Java class");
    }
    StringBuilder out = new StringBuilder();
    header(out, className);
    out.append("class ").append(className).append(" {\n\n");
    out.append("  /** The number of values classify, distribution and inputs expect: one per attribute. */\n");
    out.append("  public static final int NUM_ATTRIBUTES = ").append(header.numAttributes()).append(";\n\n");
    out.append("  /** The class attribute (its value is ignored). */\n");
    out.append("  public static final int CLASS_INDEX = ").append(header.classIndex()).append(";\n\n");
    if (numeric()) {
      out.append("  /** None: the class is numeric, and classify returns the predicted value itself. */\n");
    }
    out.append("  private static final String[] CLASS_VALUES = ")
        .append(stringArray(classValues())).append(";\n\n");
    if (prior != null) {
      writePrior(out);
    } else {
      writeNetworks(out);
    }
    if (numeric()) {
      writeClassifyNumeric(out);
      out.append("  /** @return an empty array: the class is numeric and has no values to name */\n");
    } else {
      writeClassify(out);
      out.append("  /** @return the names of the class values, in order: classify returns an index into them */\n");
    }
    out.append("  public static String[] classValues() {\n");
    out.append("    return CLASS_VALUES.clone();\n");
    out.append("  }\n\n");
    out.append("  private static void check(Object[] i) {\n");
    out.append("    if (i.length != NUM_ATTRIBUTES) {\n");
    out.append("      throw new IllegalArgumentException(i.length + \" values, expected \" + NUM_ATTRIBUTES "
        + "+ \" (one per attribute)\");\n");
    out.append("    }\n");
    out.append("  }\n");
    out.append("}\n");
    return out.toString();
  }

  /** classify for a nominal class: the index of the most probable value. */
  private static void writeClassify(StringBuilder out) {
    out.append("  /**\n");
    out.append("   * @param i one value per attribute: a numeric one as a Number, a nominal one as its name, a "
        + "missing one as null\n");
    out.append("   * @return the index of the most probable class value (the first of equals)\n");
    out.append("   */\n");
    out.append("  public static double classify(Object[] i) {\n");
    out.append("    double[] p = distribution(i);\n");
    out.append("    int best = 0;\n");
    out.append("    for (int c = 1; c < p.length; c++) {\n");
    out.append("      if (p[c] > p[best]) {\n");
    out.append("        best = c;\n");
    out.append("      }\n");
    out.append("    }\n");
    out.append("    return best;\n");
    out.append("  }\n\n");
  }

  /** classify for a numeric class: the predicted value, distribution's one element. */
  private static void writeClassifyNumeric(StringBuilder out) {
    out.append("  /**\n");
    out.append("   * @param i one value per attribute: a numeric one as a Number, a nominal one as its name, a "
        + "missing one as null\n");
    out.append("   * @return the predicted value of the numeric class (a date: Weka's internal value, milliseconds "
        + "since 1970)\n");
    out.append("   */\n");
    out.append("  public static double classify(Object[] i) {\n");
    out.append("    return distribution(i)[0];\n");
    out.append("  }\n\n");
  }

  /** @return the names of the class values; none for a numeric class */
  private List<String> classValues() {
    Attribute classAttribute = header.classAttribute();
    List<String> values = new ArrayList<>();
    for (int c = 0; !numeric() && c < classAttribute.numValues(); c++) {
      values.add(classAttribute.value(c));
    }
    return values;
  }

  /** The comment at the top: what the class computes and how it is called. */
  private void header(StringBuilder out, String className) {
    out.append("// ").append(className)
        .append(": a BackpropOneHidden model (weka.classifiers.functions) as Java source,\n");
    out.append("// trained on the relation '").append(comment(header.relationName())).append("'. It needs only the "
        + "Java standard library (Java 8+).\n");
    out.append("//\n");
    if (prior != null) {
      out.append("// No network was trained (").append(comment(reason)).append("): the model predicts the class")
          .append(numeric() ? "'s weighted mean.\n" : " prior.\n");
    } else {
      NetworkShape shape = networks[0].shape();
      out.append("// ").append(networks.length == 1 ? "One network" : "A committee of " + networks.length
          + " networks (the mean of their " + (shape.linearOutput() ? "outputs" : "class probabilities") + ")")
          .append(", ").append(shape.numInputs())
          .append(" inputs -> ").append(shape.numHidden()).append(' ').append(shape.activation().optionName())
          .append(" hidden units -> ").append(shape.linearOutput() ? "1 linear output"
              : shape.numOutputs() == 1 ? "1 sigmoid output" : shape.numOutputs() + " softmax outputs")
          .append(":\n");
      out.append("//   x = (1, x_1 ... x_m): each input from its attribute (a missing value replaced, a numeric value "
          + "multiplied by its\n");
      out.append("//       power-of-two scale, a nominal one as a 0/1 indicator of one value), then (x - mean) / sd "
          + "(only - mean when sd\n");
      out.append("//       is not positive); a nominal value that no input indicates makes all of its indicators 0\n");
      out.append("//   z_l = sum_i theta_l,i x_i (x_0 = 1: the bias),  a_l = ").append(shape.activation()
          == Activation.TANH ? "tanh" : "sigmoid").append("(z_l),  w_c = beta_c,0 + sum_l beta_c,l a_l\n");
      if (shape.linearOutput()) {
        out.append("//   the class value = mean + sd * ").append(networks.length == 1 ? "w" : "(the mean of the "
            + "networks' w)").append(", w the standardized class value,\n");
        out.append("//       with the class's mean ").append(Double.toString(target.mean()))
            .append(" and standard deviation ").append(Double.toString(target.stdDev())).append('\n');
      } else {
        out.append(shape.numOutputs() == 1 ? "//   p = (1 - sigmoid(w), sigmoid(w))\n"
            : "//   p_c = exp(w_c - max w) / sum_d exp(w_d - max w)\n");
      }
      if (shape.kernels() == Kernels.VECTOR) {
        out.append("// The model was trained with the vector activation kernels; this class computes the scalar "
            + "formulas, which\n// differ from them by rounding (1e-9 or less in the ")
            .append(shape.linearOutput() ? "standardized output" : "probabilities").append(").\n");
      }
    }
    out.append("//\n");
    if (numeric()) {
      out.append("// Use: ").append(className).append(".classify(values) gives the predicted value of the numeric "
          + "class,\n");
      out.append("// ").append(className).append(".distribution(values) the same as its one element (")
          .append(className).append(".classValues() is empty). values holds one\n");
    } else {
      out.append("// Use: ").append(className).append(".distribution(values) gives the class probabilities, ")
          .append(className).append(".classify(values)\n");
      out.append("// the index of the most probable class value (").append(className).append(".classValues() names "
          + "them). values holds one\n");
    }
    out.append("// entry per attribute, in this order (the class's entry is ignored); a numeric or date value as a "
        + "Double (Weka's\n// internal value), a nominal one as its name (a String), a missing value as null:\n");
    for (int a = 0; a < header.numAttributes(); a++) {
      Attribute attribute = header.attribute(a);
      out.append("//   [").append(a).append("] ").append(comment(attribute.name())).append(' ')
          .append(a == header.classIndex() ? "(the class)"
              : attribute.isNumeric() ? (attribute.isDate() ? "date" : "numeric")
              : attribute.isNominal() ? "nominal" : "(not used)").append('\n');
    }
    out.append("\n");
  }

  private void writePrior(StringBuilder out) {
    out.append("  /** The class").append(numeric() ? "'s weighted mean" : " prior")
        .append(" (as Weka's ZeroR computes it), the same for every instance. */\n");
    out.append("  private static final double[] PRIOR = {");
    for (int c = 0; c < prior.length; c++) {
      out.append(c == 0 ? "" : ", ").append(Double.toString(prior[c]));
    }
    out.append("};\n\n");
    out.append("  /**\n");
    out.append("   * @param i one value per attribute (not used: the model predicts the class")
        .append(numeric() ? "'s mean)\n" : " prior)\n");
    out.append(numeric() ? "   * @return the predicted value of the numeric class, as one element\n"
        : "   * @return the class probabilities\n");
    out.append("   */\n");
    out.append("  public static double[] distribution(Object[] i) {\n");
    out.append("    check(i);\n");
    out.append("    return PRIOR.clone();\n");
    out.append("  }\n\n");
  }

  private void writeNetworks(StringBuilder out) {
    NetworkShape shape = networks[0].shape();
    int m = shape.numInputs();
    int g = shape.numHidden();
    int k = shape.numOutputs();
    out.append("  private static final int NUM_INPUTS = ").append(m).append(";\n");
    out.append("  private static final int NUM_HIDDEN = ").append(g).append(";\n");
    out.append("  private static final int NUM_OUTPUTS = ").append(k).append(";\n\n");
    if (shape.linearOutput()) {
      out.append("  /** The numeric class's mean and standard deviation: the networks predict (class - CLASS_MEAN) / "
          + "CLASS_SD. */\n");
      out.append("  private static final double CLASS_MEAN = ").append(Double.toString(target.mean())).append(";\n");
      out.append("  private static final double CLASS_SD = ").append(Double.toString(target.stdDev()))
          .append(";\n\n");
    }
    // the inputs: one row each, column, indicated value (-1: numeric), scale, replacement, mean, sd
    out.append("  /**\n");
    out.append("   * The inputs, one row each: the attribute it reads, the value it indicates (-1: a numeric input), "
        + "the scale of a\n");
    out.append("   * numeric value, what replaces a missing value (a nominal one: the index of the mode), the mean and "
        + "the standard\n");
    out.append("   * deviation of standardization.\n");
    out.append("   */\n");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      rows.add(encoder.column(i) + " " + encoder.indicatedValue(i) + " " + Double.toString(encoder.scale(i)) + " "
          + Double.toString(encoder.replacement(i)) + " " + Double.toString(encoder.mean(i)) + " "
          + Double.toString(encoder.stdDev(i)));
    }
    table(out, "INPUT_TABLE", rows);
    out.append("  private static final int[] COLUMN = new int[NUM_INPUTS];\n");
    out.append("  private static final double[] INDICATED = new double[NUM_INPUTS];\n");
    out.append("  private static final double[] SCALE = new double[NUM_INPUTS];\n");
    out.append("  private static final double[] REPLACEMENT = new double[NUM_INPUTS];\n");
    out.append("  private static final double[] MEAN = new double[NUM_INPUTS];\n");
    out.append("  private static final double[] SD = new double[NUM_INPUTS];\n\n");
    out.append("  /** Per attribute, the names of its values if an input indicates one of them, else null. */\n");
    out.append("  private static final String[][] VALUES = {");
    boolean[] indicated = new boolean[header.numAttributes()];
    for (int i = 0; i < m; i++) {
      indicated[encoder.column(i)] |= encoder.indicatedValue(i) >= 0;
    }
    for (int a = 0; a < indicated.length; a++) {
      out.append(a == 0 ? "\n    " : ",\n    ");
      if (indicated[a]) {
        List<String> values = new ArrayList<>();
        for (int v = 0; v < header.attribute(a).numValues(); v++) {
          values.add(header.attribute(a).value(v));
        }
        out.append(stringArray(values));
      } else {
        out.append("null");
      }
    }
    out.append("};\n\n");
    out.append("  /** theta[network][l][i]: hidden unit l's weight of input i (i = 0: the bias). */\n");
    out.append("  private static final double[][][] THETA = new double[").append(networks.length)
        .append("][NUM_HIDDEN][NUM_INPUTS + 1];\n");
    out.append("  /** beta[network][c][j]: output c's weight of hidden unit j - 1 (j = 0: the bias). */\n");
    out.append("  private static final double[][][] BETA = new double[").append(networks.length)
        .append("][NUM_OUTPUTS][NUM_HIDDEN + 1];\n\n");
    for (int n = 0; n < networks.length; n++) {
      out.append("  /** Network ").append(n + 1).append(": one row per hidden unit (theta_l,0 ... theta_l,m), then one "
          + "per output (beta_c,0 ... beta_c,g). */\n");
      List<String> weights = new ArrayList<>();
      for (int l = 0; l < g; l++) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i <= m; i++) {
          row.append(i == 0 ? "" : " ").append(Double.toString(networks[n].theta(i, l)));
        }
        weights.add(row.toString());
      }
      for (int c = 0; c < k; c++) {
        StringBuilder row = new StringBuilder();
        for (int j = 0; j <= g; j++) {
          row.append(j == 0 ? "" : " ").append(Double.toString(networks[n].beta(c, j)));
        }
        weights.add(row.toString());
      }
      table(out, "NETWORK_" + (n + 1), weights);
    }
    out.append("  static {\n");
    out.append("    double[] inputs = numbers(INPUT_TABLE);\n");
    out.append("    for (int k = 0; k < NUM_INPUTS; k++) {\n");
    out.append("      COLUMN[k] = (int) inputs[6 * k];\n");
    out.append("      INDICATED[k] = inputs[6 * k + 1];\n");
    out.append("      SCALE[k] = inputs[6 * k + 2];\n");
    out.append("      REPLACEMENT[k] = inputs[6 * k + 3];\n");
    out.append("      MEAN[k] = inputs[6 * k + 4];\n");
    out.append("      SD[k] = inputs[6 * k + 5];\n");
    out.append("    }\n");
    out.append("    String[][] networks = {");
    for (int n = 0; n < networks.length; n++) {
      out.append(n == 0 ? "" : ", ").append("NETWORK_").append(n + 1);
    }
    out.append("};\n");
    out.append("    for (int n = 0; n < networks.length; n++) {\n");
    out.append("      double[] w = numbers(networks[n]);\n");
    out.append("      int at = 0;\n");
    out.append("      for (int l = 0; l < NUM_HIDDEN; l++) {\n");
    out.append("        for (int k = 0; k <= NUM_INPUTS; k++) {\n");
    out.append("          THETA[n][l][k] = w[at++];\n");
    out.append("        }\n");
    out.append("      }\n");
    out.append("      for (int c = 0; c < NUM_OUTPUTS; c++) {\n");
    out.append("        for (int j = 0; j <= NUM_HIDDEN; j++) {\n");
    out.append("          BETA[n][c][j] = w[at++];\n");
    out.append("        }\n");
    out.append("      }\n");
    out.append("    }\n");
    out.append("  }\n\n");
    out.append("  /** @return the numbers of a table's text, in order */\n");
    out.append("  private static double[] numbers(String[] text) {\n");
    out.append("    StringBuilder all = new StringBuilder();\n");
    out.append("    for (String part : text) {\n");
    out.append("      all.append(part).append(' ');\n");
    out.append("    }\n");
    out.append("    String trimmed = all.toString().trim();\n");
    out.append("    String[] tokens = trimmed.isEmpty() ? new String[0] : trimmed.split(\" +\");\n");
    out.append("    double[] values = new double[tokens.length];\n");
    out.append("    for (int k = 0; k < tokens.length; k++) {\n");
    out.append("      values[k] = Double.parseDouble(tokens[k]);\n");
    out.append("    }\n");
    out.append("    return values;\n");
    out.append("  }\n\n");
    out.append("  /**\n");
    out.append("   * @param i one value per attribute: a numeric one as a Number, a nominal one as its name (or its "
        + "index as a Number),\n");
    out.append("   *     a missing one as null\n");
    if (shape.linearOutput()) {
      out.append("   * @return the predicted value of the numeric class, as one element: CLASS_MEAN + CLASS_SD *\n")
          .append("   *     ").append(networks.length == 1 ? "the network's output"
              : "the mean of the networks' outputs").append("\n");
    } else {
      out.append("   * @return the class probabilities").append(networks.length == 1 ? ""
          : ": the mean of the networks'").append("\n");
    }
    out.append("   */\n");
    out.append("  public static double[] distribution(Object[] i) {\n");
    out.append("    double[] x = inputs(i);\n");
    out.append("    double[] p = new double[").append(shape.linearOutput() ? "1" : "CLASS_VALUES.length")
        .append("];\n");
    out.append("    for (int n = 0; n < THETA.length; n++) {\n");
    out.append("      double[] q = network(THETA[n], BETA[n], x);\n");
    out.append("      for (int c = 0; c < p.length; c++) {\n");
    out.append("        p[c] += q[c];\n");
    out.append("      }\n");
    out.append("    }\n");
    out.append("    for (int c = 0; c < p.length; c++) {\n");
    out.append("      p[c] /= THETA.length;\n");
    out.append("    }\n");
    if (shape.linearOutput()) {
      out.append("    p[0] = CLASS_MEAN + CLASS_SD * p[0];\n");
    }
    out.append("    return p;\n");
    out.append("  }\n\n");
    out.append("  /**\n");
    out.append("   * @param i one value per attribute, as for distribution\n");
    out.append("   * @return the network's input row (1, x_1 ... x_m): replaced, scaled, encoded and standardized\n");
    out.append("   */\n");
    out.append("  public static double[] inputs(Object[] i) {\n");
    out.append("    check(i);\n");
    out.append("    double[] x = new double[NUM_INPUTS + 1];\n");
    out.append("    x[0] = 1.0;\n");
    out.append("    for (int k = 0; k < NUM_INPUTS; k++) {\n");
    out.append("      int a = COLUMN[k];\n");
    out.append("      double input;\n");
    out.append("      if (INDICATED[k] < 0) {\n");
    out.append("        double v = numeric(i[a], a);\n");
    out.append("        input = Double.isNaN(v) ? REPLACEMENT[k] : v * SCALE[k];\n");
    out.append("      } else {\n");
    out.append("        double v = nominal(i[a], a);\n");
    out.append("        input = (Double.isNaN(v) ? REPLACEMENT[k] : v) == INDICATED[k] ? 1.0 : 0.0;\n");
    out.append("      }\n");
    out.append("      x[k + 1] = SD[k] > 0 ? (input - MEAN[k]) / SD[k] : input - MEAN[k];\n");
    out.append("    }\n");
    out.append("    return x;\n");
    out.append("  }\n\n");
    out.append("  private static double numeric(Object value, int a) {\n");
    out.append("    if (value == null) {\n");
    out.append("      return Double.NaN;\n");
    out.append("    }\n");
    out.append("    if (!(value instanceof Number)) {\n");
    out.append("      throw new IllegalArgumentException(\"attribute \" + a + \" is numeric: expected a Number, got \" "
        + "+ value);\n");
    out.append("    }\n");
    out.append("    return ((Number) value).doubleValue();\n");
    out.append("  }\n\n");
    out.append("  /** @return the index of a nominal value (-1 if the attribute has no such value), NaN if missing "
        + "*/\n");
    out.append("  private static double nominal(Object value, int a) {\n");
    out.append("    if (value == null) {\n");
    out.append("      return Double.NaN;\n");
    out.append("    }\n");
    out.append("    if (value instanceof Number) {\n");
    out.append("      return ((Number) value).doubleValue();\n");
    out.append("    }\n");
    out.append("    String[] values = VALUES[a];\n");
    out.append("    for (int v = 0; v < values.length; v++) {\n");
    out.append("      if (values[v].equals(value)) {\n");
    out.append("        return v;\n");
    out.append("      }\n");
    out.append("    }\n");
    out.append("    return -1;\n");
    out.append("  }\n\n");
    out.append(shape.linearOutput() ? "  /** @return one network's output for the input row x: the standardized "
        + "class value, as one element */\n"
        : "  /** @return one network's class probabilities for the input row x */\n");
    out.append("  private static double[] network(double[][] theta, double[][] beta, double[] x) {\n");
    out.append("    double[] a = new double[NUM_HIDDEN];\n");
    out.append("    for (int l = 0; l < NUM_HIDDEN; l++) {\n");
    out.append("      double[] t = theta[l];\n");
    out.append("      double z = 0.0;\n");
    out.append("      int k = 0;\n");
    out.append("      for (; k + 1 < x.length; k += 2) {\n");
    out.append("        z += x[k] * t[k] + x[k + 1] * t[k + 1];\n");
    out.append("      }\n");
    out.append("      if (k < x.length) {\n");
    out.append("        z += x[k] * t[k];\n");
    out.append("      }\n");
    out.append("      a[l] = activation(z);\n");
    out.append("    }\n");
    out.append("    double[] w = new double[NUM_OUTPUTS];\n");
    out.append("    for (int c = 0; c < NUM_OUTPUTS; c++) {\n");
    out.append("      double[] b = beta[c];\n");
    out.append("      double s = b[0];\n");
    out.append("      for (int l = 0; l < NUM_HIDDEN; l++) {\n");
    out.append("        s += b[l + 1] * a[l];\n");
    out.append("      }\n");
    out.append("      w[c] = s;\n");
    out.append("    }\n");
    if (shape.linearOutput()) {
      out.append("    return w;\n");
      out.append("  }\n\n");
    } else if (k == 1) {
      out.append("    return new double[] {probability(-w[0]), probability(w[0])};\n");
      out.append("  }\n\n");
      out.append("  /** @return 1 / (1 + e^-z), computed so that the exponent is never positive */\n");
      out.append("  private static double probability(double z) {\n");
      out.append("    if (z >= 0) {\n");
      out.append("      return 1.0 / (1.0 + Math.exp(-z));\n");
      out.append("    }\n");
      out.append("    double e = Math.exp(z);\n");
      out.append("    return e / (1.0 + e);\n");
      out.append("  }\n\n");
    } else {
      out.append("    double max = Double.NEGATIVE_INFINITY;\n");
      out.append("    for (int c = 0; c < NUM_OUTPUTS; c++) {\n");
      out.append("      max = Math.max(max, w[c]);\n");
      out.append("    }\n");
      out.append("    double sum = 0.0;\n");
      out.append("    for (int c = 0; c < NUM_OUTPUTS; c++) {\n");
      out.append("      w[c] = Math.exp(w[c] - max);\n");
      out.append("      sum += w[c];\n");
      out.append("    }\n");
      out.append("    for (int c = 0; c < NUM_OUTPUTS; c++) {\n");
      out.append("      w[c] /= sum;\n");
      out.append("    }\n");
      out.append("    return w;\n");
      out.append("  }\n\n");
    }
    if (shape.activation() == Activation.TANH) {
      out.append("  /** @return tanh(z) = sign(z) (1 - e) / (1 + e), e = exp(-2|z|); z - z^3/3 below |z| = 2^-13 */\n");
      out.append("  private static double activation(double z) {\n");
      out.append("    double m = Math.abs(z);\n");
      out.append("    if (m < 0x1p-13) {\n");
      out.append("      return z - z * z * z / 3.0;\n");
      out.append("    }\n");
      out.append("    double e = Math.exp(-2.0 * m);\n");
      out.append("    return Math.copySign((1.0 - e) / (1.0 + e), z);\n");
      out.append("  }\n\n");
    } else {
      out.append("  /** @return the sigmoid 1 / (1 + e^-z) */\n");
      out.append("  private static double activation(double z) {\n");
      out.append("    return 1.0 / (1.0 + Math.exp(-z));\n");
      out.append("  }\n\n");
    }
  }

  /**
   * Writes a table of numbers as string constants, a row each (split where a row is longer than
   * {@link #CHUNK_CHARS}).
   */
  private static void table(StringBuilder out, String name, List<String> rows) {
    out.append("  private static final String[] ").append(name).append(" = {");
    boolean first = true;
    for (String row : rows) {
      int from = 0;
      do {
        int to = Math.min(row.length(), from + CHUNK_CHARS);
        if (to < row.length()) {
          int space = row.lastIndexOf(' ', to);
          to = space > from ? space : to;
        }
        out.append(first ? "\n    \"" : ",\n    \"").append(row, from, to).append('"');
        first = false;
        from = to;
      } while (from < row.length());
    }
    out.append("};\n\n");
  }

  /** @return a Java array initializer of the strings */
  private static String stringArray(List<String> values) {
    StringBuilder out = new StringBuilder("{");
    for (int v = 0; v < values.size(); v++) {
      out.append(v == 0 ? "" : ", ").append(literal(values.get(v)));
    }
    return out.append('}').toString();
  }

  /** @return a Java string literal of the text (ASCII only: other characters escaped) */
  static String literal(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\%03o", (int) c));
          } else if (c >= 0x7f) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** @return the text for a line comment: printable ASCII, other characters (and backslashes) as '?' */
  private static String comment(String text) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      out.append(c < 0x20 || c >= 0x7f || c == '\\' ? '?' : c);
    }
    return out.toString();
  }
}
