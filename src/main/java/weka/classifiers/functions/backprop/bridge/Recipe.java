package weka.classifiers.functions.backprop.bridge;

import java.util.List;

import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The recipe part of the model text: how each network input is computed from the attribute values (where it comes
 * from, what replaces a missing value, the power-of-two scale, the mean and standard deviation of standardization),
 * which attributes and nominal values no input reads and why, and (with -print-weights) the hidden units' weights
 * folded back onto the raw attribute values. Every statistic is printed as {@link Double#toString} writes it, which
 * parses back to the same number, so that a prediction can be computed from the text alone, as {@link JavaSource}
 * computes it from its tables.
 */
final class Recipe {

  private Recipe() {
  }

  /**
   * The inputs' table, the modes that replace missing nominal values, and the attributes and values no input reads.
   *
   * @param header the training header
   * @param preprocessing the fitted preprocessing
   */
  static void inputs(StringBuilder text, Instances header, Preprocessor preprocessing) {
    InputEncoder encoder;
    try {
      encoder = preprocessing.encoder();
    } catch (Exception e) {
      text.append("Inputs: ").append(String.join(", ", preprocessing.inputNames())).append(" (the statistics of a "
          + "model saved by version 1.0, Weka's filter chain, are not listed: train it again to see them)\n\n");
      return;
    }
    int m = encoder.numInputs();
    text.append("Inputs (how each network input x_i is computed from the attribute values):\n");
    text.append("  v = the attribute's value (a nominal attribute's input: 1 if its value is the one named, else 0); "
        + "a missing value is\n      replaced by the value in 'missing'\n");
    text.append("  x_i = (v - mean) / sd\n");
    text.append("  (the preprocessing computes on v * scale, a power of two that keeps sums of values near 1e300 "
        + "finite; mean and sd\n  are shown divided back by it, which gives the same x_i)\n");
    String[][] rows = new String[m + 1][];
    rows[0] = new String[] {"input", "missing", "scale", "mean", "sd", "attribute"};
    List<String> names = preprocessing.inputNames();
    StringBuilder undefined = new StringBuilder();
    for (int i = 0; i < m; i++) {
      boolean numeric = encoder.indicatedValue(i) < 0;
      double scale = encoder.scale(i);
      String missing = numeric ? Double.toString(encoder.replacement(i) / scale)
          : encoder.replacement(i) == encoder.indicatedValue(i) ? "1" : "0";
      // where the standard deviation is 0 or undefined only the mean is subtracted: the divisor is 1 / scale
      double sd = encoder.stdDev(i) > 0 ? encoder.stdDev(i) / scale : 1 / scale;
      if (!(encoder.stdDev(i) > 0)) {
        undefined.append(undefined.length() == 0 ? "" : ", ").append(i + 1);
      }
      rows[i + 1] = new String[] {String.valueOf(i + 1), missing, numeric ? Double.toString(scale) : "-",
          Double.toString(encoder.mean(i) / scale), Double.toString(sd), names.get(i)};
    }
    table(text, rows);
    if (undefined.length() > 0) {
      text.append("Inputs ").append(undefined).append(": the standard deviation is 0 or undefined (one instance has "
          + "all the weight), so only the mean is\n  subtracted: their sd is 1 / scale\n");
    }
    modes(text, header, encoder);
    unused(text, header, encoder);
    text.append('\n');
  }

  /** The line naming the mode that replaces a missing value of each nominal attribute an input reads. */
  private static void modes(StringBuilder text, Instances header, InputEncoder encoder) {
    StringBuilder modes = new StringBuilder();
    int last = -1;
    for (int i = 0; i < encoder.numInputs(); i++) {
      int a = encoder.column(i);
      if (encoder.indicatedValue(i) >= 0 && a != last) {
        modes.append(modes.length() == 0 ? "" : ", ").append(header.attribute(a).name()).append(" -> ")
            .append(header.attribute(a).value((int) encoder.replacement(i)));
        last = a;
      }
    }
    if (modes.length() > 0) {
      text.append("Missing nominal values are replaced by the mode: ").append(modes).append('\n');
    }
  }

  /** The attributes no input reads, and the values of a nominal attribute that no indicator input names, and why. */
  private static void unused(StringBuilder text, Instances header, InputEncoder encoder) {
    boolean[] read = new boolean[header.numAttributes()];
    boolean[][] indicated = new boolean[header.numAttributes()][];
    for (int i = 0; i < encoder.numInputs(); i++) {
      int a = encoder.column(i);
      read[a] = true;
      if (encoder.indicatedValue(i) >= 0) {
        if (indicated[a] == null) {
          indicated[a] = new boolean[header.attribute(a).numValues()];
        }
        indicated[a][encoder.indicatedValue(i)] = true;
      }
    }
    StringBuilder lines = new StringBuilder();
    for (int a = 0; a < header.numAttributes(); a++) {
      Attribute attribute = header.attribute(a);
      if (a == header.classIndex()) {
        continue;
      }
      if (!read[a]) {
        lines.append("  ").append(attribute.name()).append(": ").append(attribute.isNumeric()
            ? "useless: constant (after a missing value became the mean), or always missing"
            : attribute.isNominal() ? "useless: fewer than two of its values occur (after a missing value became the "
                + "mode), or more than " + (int) InputEncoder.MAX_VARIANCE_PERCENT + " % of the instances have a "
                + "value of their own"
            : "neither numeric nor nominal").append('\n');
      } else if (attribute.isNominal() && attribute.numValues() > 2) {
        for (int v = 0; v < attribute.numValues(); v++) {
          if (!indicated[a][v]) {
            lines.append("  ").append(attribute.name()).append('=').append(attribute.value(v))
                .append(": the value never occurs in the training data (its input would be constant): an instance "
                    + "with it has all inputs of ").append(attribute.name()).append(" 0\n");
          }
        }
      }
    }
    boolean binary = false;
    for (int a = 0; a < header.numAttributes(); a++) {
      binary |= read[a] && a != header.classIndex() && header.attribute(a).isNominal()
          && header.attribute(a).numValues() <= 2;
    }
    if (binary) {
      text.append("A nominal attribute with two values has one input, which names its second value\n");
    }
    if (lines.length() > 0) {
      text.append("Not used (no input reads them):\n").append(lines);
    }
  }

  /**
   * Every hidden unit's weights folded back onto the raw attribute values v of {@link #inputs} (the power-of-two
   * scale and the standardization folded in): z_l = bias'_l + Σ_i w'_li v_i with w'_li = w_li · scale_i / sd_i and
   * bias'_l = bias_l − Σ_i w_li · mean_i / sd_i, the statistics those of the scaled values (without the division
   * where sd_i is 0 or NaN); in the units of the inputs' table, w' = w / sd and bias' = bias − Σ w · mean / sd.
   *
   * @param names the inputs' names
   * @param width the width of the name column
   */
  static void rawWeights(StringBuilder text, Network network, InputEncoder encoder, List<String> names, int width) {
    NetworkShape shape = network.shape();
    int m = shape.numInputs();
    text.append("Weights on the raw attribute values v (the standardization folded in, with the inputs' mean and sd: "
        + "w' = w / sd,\nbias' = bias - sum of w * mean / sd; z = bias' + sum of w' * v; the outputs' weights are "
        + "those above)\n\n");
    String activation = shape.activation().optionName();
    for (int l = 0; l < shape.numHidden(); l++) {
      double bias = network.theta(0, l);
      double[] folded = new double[m];
      for (int i = 0; i < m; i++) {
        double w = network.theta(i + 1, l);
        double sd = encoder.stdDev(i);
        double perUnit = sd > 0 ? w / sd : w;
        folded[i] = perUnit * encoder.scale(i);
        bias -= perUnit * encoder.mean(i);
      }
      text.append("Hidden unit ").append(l + 1).append(" (").append(activation).append(")\n");
      exact(text, "bias", bias, width);
      for (int i = 0; i < m; i++) {
        exact(text, names.get(i), folded[i], width);
      }
    }
  }

  /** One line of a weights listing with the weight as {@link Double#toString} writes it. */
  static void exact(StringBuilder text, String name, double weight, int width) {
    text.append("    ").append(Utils.padRight(name, width)).append(weight < 0 ? " " : "  ")
        .append(Double.toString(weight)).append('\n');
  }

  /** Writes rows as columns: numbers right-aligned, the last column (a name) left-aligned. */
  private static void table(StringBuilder text, String[][] rows) {
    int columns = rows[0].length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      text.append(' ');
      for (int c = 0; c < columns - 1; c++) {
        text.append(' ').append(Utils.padLeft(row[c], width[c]));
      }
      text.append("  ").append(row[columns - 1]).append('\n');
    }
  }
}
