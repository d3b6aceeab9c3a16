package weka.classifiers.functions.backprop.train;

import java.util.function.DoublePredicate;

/**
 * The allowed values of one setting, with the one message that names its option and range, e.g.
 * {@code "-H (hidden units) must be at least 1"}. The training configuration checks its settings with these
 * rules, and the Weka options table parses and checks the command line and the property sheet with the same
 * objects, so each rule and its message are written once.
 *
 * <p>Messages: a value that breaks the rule gives {@code "<rule>, got <value>"}; text that does not parse gives
 * {@code "<rule>, got '<text>' (not a whole number)"} or {@code "(not a number)"}, a whole number beyond Java's int
 * range {@code "<rule>, got '<text>' (out of range: …)"}, and parsed text that breaks the rule
 * {@code "<rule>, got '<text>'"}. Numbers are written with ASCII digits only.
 */
public final class Rule {

  private final String text;
  private final boolean whole;
  private final long min;
  private final DoublePredicate valid;

  private Rule(String text, boolean whole, long min, DoublePredicate valid) {
    this.text = text;
    this.whole = whole;
    this.min = min;
    this.valid = valid;
  }

  /**
   * @param text the option and its range, e.g. "-H (hidden units) must be at least 1"
   * @param min the smallest allowed whole number
   * @return a rule for whole numbers of at least min (and at most {@link Integer#MAX_VALUE})
   */
  public static Rule wholeAtLeast(String text, long min) {
    return new Rule(text, true, min, null);
  }

  /**
   * @param text the option and its range
   * @param min the smallest allowed whole number
   * @param valid which whole numbers of at least min are allowed
   * @return a rule for some whole numbers of at least min
   */
  public static Rule wholeAtLeast(String text, long min, DoublePredicate valid) {
    return new Rule(text, true, min, valid);
  }

  /**
   * @param text the option and its range, e.g. "-L (learning rate) must be a finite number &gt; 0"
   * @param valid the allowed values
   * @return a rule for numbers
   */
  public static Rule number(String text, DoublePredicate valid) {
    return new Rule(text, false, 0, valid);
  }

  /** @return the option and its range, as in the messages */
  public String text() {
    return text;
  }

  /** @return true if the value is allowed */
  public boolean allows(double value) {
    return whole ? value >= min && value <= Integer.MAX_VALUE && value == Math.rint(value)
        && (valid == null || valid.test(value)) : valid.test(value);
  }

  /**
   * @param value a value
   * @return the value
   * @throws IllegalArgumentException "&lt;rule&gt;, got &lt;value&gt;" if the value breaks the rule
   */
  public int check(int value) {
    if (!allows(value)) {
      throw new IllegalArgumentException(text + ", got " + value);
    }
    return value;
  }

  /**
   * @param value a value
   * @return the value
   * @throws IllegalArgumentException "&lt;rule&gt;, got &lt;value&gt;" if the value breaks the rule
   */
  public double check(double value) {
    if (!allows(value)) {
      throw new IllegalArgumentException(text + ", got " + value);
    }
    return value;
  }

  /**
   * @param option the option's text as given (surrounding blanks are ignored)
   * @return the whole number
   * @throws IllegalArgumentException quoting the text if it is not a whole number that the rule allows
   */
  public int parseInt(String option) {
    String digits = option.trim();
    if (!isWholeNumber(digits)) {
      throw new IllegalArgumentException(text + ", got '" + option + "' (not a whole number)");
    }
    int value;
    try {
      value = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text + ", got '" + option + "' (out of range: a whole number from "
          + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
    }
    if (!allows(value)) {
      throw new IllegalArgumentException(text + ", got '" + option + "'");
    }
    return value;
  }

  /**
   * @param text trimmed text
   * @return true if it is an optional sign and one or more ASCII digits (Integer.parseInt also takes the digits of
   *     other scripts, which Double.parseDouble and so the number options refuse: whole numbers refuse them too)
   */
  private static boolean isWholeNumber(String text) {
    int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * @param option the option's text as given (surrounding blanks are ignored)
   * @return the number
   * @throws IllegalArgumentException quoting the text if it is not a number that the rule allows
   */
  public double parseDouble(String option) {
    double value;
    try {
      value = Double.parseDouble(option.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text + ", got '" + option + "' (not a number)");
    }
    if (!allows(value)) {
      throw new IllegalArgumentException(text + ", got '" + option + "'");
    }
    return value;
  }

  @Override
  public String toString() {
    return text;
  }
}
