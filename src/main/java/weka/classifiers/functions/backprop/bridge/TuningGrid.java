package weka.classifiers.functions.backprop.bridge;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The texts of -tune-hidden and -tune-decay: "auto" (the {@link weka.classifiers.functions.backprop.tune.TuningPlan}'s
 * rule) or a comma-separated list of values to try.
 */
final class TuningGrid {

  /** The rule's grid. */
  static final String AUTO = "auto";

  private static final String HIDDEN_RULE = "-tune-hidden (hidden units to try) must be auto or a comma-separated "
      + "list of whole numbers >= 1, e.g. 16,64";
  private static final String DECAY_RULE = "-tune-decay (weight decays to try) must be auto or a comma-separated "
      + "list of finite numbers >= 0, e.g. 1e-4,0.01";

  private TuningGrid() {
  }

  /** @return the text of -tune-hidden, normalized ("auto", or the numbers joined by commas) */
  static String checkHidden(String text) {
    int[] values = hidden(text);
    return values == null ? AUTO : Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }

  /** @return the text of -tune-decay, normalized */
  static String checkDecays(String text) {
    double[] values = decays(text);
    return values == null ? AUTO : Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * @param text "auto" or a list
   * @return the hidden units to try, or null for the rule's
   * @throws IllegalArgumentException naming the option if the text is neither
   */
  static int[] hidden(String text) {
    String[] items = items(text, HIDDEN_RULE);
    if (items == null) {
      return null;
    }
    int[] values = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      try {
        values[i] = Integer.parseInt(items[i]);
      } catch (NumberFormatException e) {
        values[i] = 0;
      }
      if (values[i] < 1) {
        throw new IllegalArgumentException(HIDDEN_RULE + ", got '" + text + "'");
      }
    }
    return values;
  }

  /**
   * @param text "auto" or a list
   * @return the weight decays to try, or null for the rule's
   * @throws IllegalArgumentException naming the option if the text is neither
   */
  static double[] decays(String text) {
    String[] items = items(text, DECAY_RULE);
    if (items == null) {
      return null;
    }
    double[] values = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      try {
        values[i] = Double.parseDouble(items[i]);
      } catch (NumberFormatException e) {
        values[i] = Double.NaN;
      }
      if (!(values[i] >= 0 && values[i] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(DECAY_RULE + ", got '" + text + "'");
      }
    }
    return values;
  }

  /** @return the items of a list, or null for "auto" */
  private static String[] items(String text, String rule) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.toLowerCase(Locale.ROOT).equals(AUTO)) {
      return null;
    }
    String[] items = trimmed.split("\\s*,\\s*", -1);
    for (String item : items) {
      if (item.isEmpty()) {
        throw new IllegalArgumentException(rule + ", got '" + text + "'");
      }
    }
    return items;
  }
}
