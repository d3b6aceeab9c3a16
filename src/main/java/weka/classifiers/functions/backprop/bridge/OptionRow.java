package weka.classifiers.functions.backprop.bridge;

import java.util.function.Function;

import weka.classifiers.functions.backprop.train.Rule;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;

/**
 * One row of the {@link OptionTable}: an option's flag, bean property, default, allowed values, the line
 * {@code listOptions} prints and the tip text of the Explorer's property sheet. Everything Weka asks about an
 * option is derived from its row: parsing and checking a value (with the message of its {@link Rule}, which
 * names the option), writing it back for {@code getOptions}, its {@link Option} for {@code -h}, and for a choice
 * the {@link Tag}s of the Explorer's drop-down list.
 *
 * @param <T> the value's type: Integer, Double, Boolean (a flag), an enum (a choice) or String (a text, checked
 *     and normalized by its own function)
 */
public final class OptionRow<T> {

  /** Who keeps an option's value. */
  enum Keeper {
    /** {@link Settings}: listed, parsed, kept and written by the table. */
    SETTINGS,
    /** Weka's superclass, which lists and writes it; the table parses it first for a message naming it (-S). */
    WEKA,
    /** Weka's superclass, which writes it under its own name; the table lists and parses a short form (-D). */
    WEKA_SHORT_FORM
  }

  private final String flag;
  private final String property;
  private final Class<T> type;
  private final T defaultValue;
  private final String argument;
  private final String description;
  private final String tipText;
  private final Keeper keeper;
  /** Whole numbers and numbers: the allowed values and the message naming the option. */
  private final Rule rule;
  /** Choices: the constants, their command-line names and what they name ("activation"). */
  private final T[] choices;
  private final Function<T, String> name;
  private final Function<String, T> parse;
  private final String what;
  private final Tag[] tags;

  private OptionRow(String flag, String property, Class<T> type, T defaultValue, String argument, Keeper keeper,
      Rule rule, T[] choices, Function<T, String> name, Function<String, T> parse, String what, String description,
      String tipText) {
    this.flag = flag;
    this.property = property;
    this.type = type;
    this.defaultValue = defaultValue;
    this.argument = argument;
    this.keeper = keeper;
    this.rule = rule;
    this.choices = choices;
    this.name = name;
    this.parse = parse;
    this.what = what;
    this.description = description;
    this.tipText = tipText;
    this.tags = choices == null ? null : tags(choices, name);
  }

  /**
   * @param argument the synopsis' placeholder, e.g. "&lt;number&gt;"
   * @return an option taking a whole number allowed by the rule
   */
  static OptionRow<Integer> whole(String flag, String property, int defaultValue, Rule rule, String argument,
      String description, String tipText) {
    return new OptionRow<>(flag, property, Integer.class, defaultValue, argument, Keeper.SETTINGS, rule, null, null,
        null, null, description, tipText);
  }

  /** @return an option taking a number allowed by the rule */
  static OptionRow<Double> number(String flag, String property, double defaultValue, Rule rule, String argument,
      String description, String tipText) {
    return new OptionRow<>(flag, property, Double.class, defaultValue, argument, Keeper.SETTINGS, rule, null, null,
        null, null, description, tipText);
  }

  /** @return a flag: on when given, off by default */
  static OptionRow<Boolean> flag(String flag, String property, String description, String tipText) {
    return new OptionRow<>(flag, property, Boolean.class, false, null, Keeper.SETTINGS, null, null, null, null, null,
        description, tipText);
  }

  /**
   * @param choices the constants, in the order of their tags
   * @param name a constant's command-line name
   * @param parse a command-line name (any case) to its constant, failing with a message that lists them
   * @param what what the constants name, for messages ("activation")
   * @return an option choosing one constant by its command-line name
   */
  static <E extends Enum<E>> OptionRow<E> choice(String flag, String property, E defaultValue, E[] choices,
      Function<E, String> name, Function<String, E> parse, String what, String description, String tipText) {
    return new OptionRow<>(flag, property, defaultValue.getDeclaringClass(), defaultValue,
        "<" + join(choices, name, "|") + ">", Keeper.SETTINGS, null, choices, name, parse, what, description, tipText);
  }

  /**
   * @param check checks a text and returns it normalized, failing with a message that names the option
   * @return an option taking a text
   */
  static OptionRow<String> text(String flag, String property, String defaultValue, Function<String, String> check,
      String argument, String description, String tipText) {
    return new OptionRow<>(flag, property, String.class, defaultValue, argument, Keeper.SETTINGS, null, null, null,
        check, null, description, tipText);
  }

  /** @return the same option, kept by Weka's superclass (see {@link Keeper}) */
  OptionRow<T> keptBy(Keeper by) {
    return new OptionRow<>(flag, property, type, defaultValue, argument, by, rule, choices, name, parse, what,
        description, tipText);
  }

  /** @return the flag without its dash, e.g. "H" */
  public String flag() {
    return flag;
  }

  /** @return the bean property of the Explorer's property sheet, e.g. "numHidden" */
  public String property() {
    return property;
  }

  /** @return the default */
  public T defaultValue() {
    return defaultValue;
  }

  /** @return the tip text of the property sheet */
  public String tipText() {
    return tipText;
  }

  Keeper keeper() {
    return keeper;
  }

  /** @return the value's type */
  Class<T> type() {
    return type;
  }

  /** @return the choices as Weka tags (id = ordinal, text = command-line name); null for other options */
  public Tag[] tags() {
    return tags;
  }

  /**
   * @param value a value set through the bean property
   * @return the value
   * @throws IllegalArgumentException "&lt;rule&gt;, got &lt;value&gt;" if the value is not allowed
   */
  T check(T value) {
    if (type == String.class) {
      if (value == null) {
        throw new IllegalArgumentException("-" + flag + ": no value");
      }
      return type.cast(parse.apply((String) value));
    }
    if (rule != null) {
      if (type == Integer.class) {
        rule.check((Integer) value);
      } else {
        rule.check((Double) value);
      }
    } else if (value == null) {
      throw new IllegalArgumentException(choices != null ? notAChoice() + ", got null" : "-" + flag + ": no value");
    }
    return value;
  }

  /**
   * @param tag a tag chosen in the Explorer
   * @return its constant
   * @throws IllegalArgumentException naming the option and its choices if the tag is not one of this option's
   */
  public T fromTag(SelectedTag tag) {
    if (tag == null || tag.getTags() != tags) {
      throw new IllegalArgumentException(notAChoice());
    }
    return choices[tag.getSelectedTag().getID()];
  }

  /** @return the value as a tag of {@link #tags()} */
  public SelectedTag toTag(T value) {
    return new SelectedTag(((Enum<?>) value).ordinal(), tags);
  }

  private String notAChoice() {
    return "-" + flag + " (" + what + ") must be one of " + join(choices, name, ", ");
  }

  /**
   * Takes this option out of a command line (Weka's {@link Utils#getOption}, {@link Utils#getFlag}).
   *
   * @param options the command line; the option and its value are blanked out
   * @return the value, the default if absent
   * @throws IllegalArgumentException naming the option, its allowed values and the text given
   * @throws Exception if the option is given without a value
   */
  T parse(String[] options) throws Exception {
    if (type == Boolean.class) {
      return type.cast(Utils.getFlag(flag, options));
    }
    String text = Utils.getOption(flag, options);
    if (text.isEmpty()) {
      return defaultValue;
    }
    if (type == Integer.class) {
      return type.cast(rule.parseInt(text));
    }
    if (type == Double.class) {
      return type.cast(rule.parseDouble(text));
    }
    if (type == String.class) {
      return type.cast(parse.apply(text));
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-" + flag + " (" + what + "): " + e.getMessage());
    }
  }

  /** @return the value as getOptions writes it */
  String text(T value) {
    return choices != null ? name.apply(value) : value.toString();
  }

  /**
   * @return the option as -h lists it: the description, then "(default …)" ("off" for a flag)
   */
  Option option() {
    String text = "\t" + description.replace("\n", "\n\t") + "\n\t(default "
        + (type == Boolean.class ? "off" : text(defaultValue)) + ")";
    return new Option(text, flag, argument == null ? 0 : 1, "-" + flag + (argument == null ? "" : " " + argument));
  }

  /** @return the value as a T, or the default if none */
  T cast(Object value) {
    return value == null ? defaultValue : type.cast(value);
  }

  private static <E> Tag[] tags(E[] choices, Function<E, String> name) {
    Tag[] tags = new Tag[choices.length];
    for (int i = 0; i < choices.length; i++) {
      String text = name.apply(choices[i]);
      tags[i] = new Tag(((Enum<?>) choices[i]).ordinal(), text, text, false);
    }
    return tags;
  }

  private static <E> String join(E[] choices, Function<E, String> name, String separator) {
    StringBuilder names = new StringBuilder();
    for (E choice : choices) {
      names.append(names.length() == 0 ? "" : separator).append(name.apply(choice));
    }
    return names.toString();
  }

  @Override
  public String toString() {
    return "-" + flag + " (" + property + ")";
  }
}
