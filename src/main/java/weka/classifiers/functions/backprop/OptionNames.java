package weka.classifiers.functions.backprop;

import java.util.Locale;

/** Command-line names of the engine's enums: the constant's name in lower case. */
final class OptionNames {

  private OptionNames() {
  }

  /**
   * @param constant an enum constant
   * @return its name in lower case
   */
  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param values the constants to choose from
   * @param name a name, any case
   * @param what what is being named, for the message ("activation", "optimizer")
   * @param <E> the enum
   * @return the constant of that name
   * @throws IllegalArgumentException naming the allowed values if none matches
   */
  static <E extends Enum<E>> E parse(E[] values, String name, String what) {
    StringBuilder allowed = new StringBuilder();
    for (E value : values) {
      if (of(value).equalsIgnoreCase(name == null ? "" : name.trim())) {
        return value;
      }
      allowed.append(allowed.length() == 0 ? "" : ", ").append(of(value));
    }
    throw new IllegalArgumentException("unknown " + what + " '" + name + "' (allowed: " + allowed + ")");
  }
}
