package weka.classifiers.functions.backprop.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import weka.core.Attribute;
import weka.core.Instances;

/**
 * Finds the cell that makes a data line unreadable and says what is wrong with it, for error messages: "column 3
 * (attribute 'x2'): 'abc' is not a number". Lines are split at commas outside quotes ('…' or "…"), as Weka's ARFF
 * reader and Spark's CSV reader split them.
 */
final class BadCell {

  /** A number as a CSV or ARFF file writes one (no hexadecimal, no type suffix), as a whole-text regex. */
  static final String NUMBER_REGEX = "^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$";

  private static final Pattern NUMBER = Pattern.compile(NUMBER_REGEX);

  private BadCell() {
  }

  /**
   * @param text a cell's text, trimmed
   * @return true if it is a number
   */
  static boolean isNumber(String text) {
    return NUMBER.matcher(text).matches();
  }

  /**
   * @param line a line of comma-separated cells
   * @return its cells, trimmed and unquoted
   */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < line.length()) {
          cell.append(line.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        } else {
          cell.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ',') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().trim());
    return cells;
  }

  /**
   * @param header the attributes the line must match
   * @param line a dense ARFF data line
   * @return what is wrong with its first bad cell ("column 3 (attribute 'x2'): 'abc' is not a number"), or null if
   *     no cell is found wrong this way (a sparse line, a wrong number of cells, a bad date)
   */
  static String describe(Instances header, String line) {
    String trimmed = line.trim();
    if (trimmed.startsWith("{")) {
      return null;
    }
    List<String> cells = cells(trimmed);
    int n = header.numAttributes();
    if (cells.size() != n && !(cells.size() == n + 1 && cells.get(n).startsWith("{"))) {
      return "the line has " + cells.size() + " values, the header declares " + n + " attributes";
    }
    for (int a = 0; a < n; a++) {
      String cell = cells.get(a);
      Attribute attribute = header.attribute(a);
      if (cell.equals("?")) {
        continue;
      }
      if (attribute.isNumeric() && !attribute.isDate() && !isNumber(cell)) {
        return at(a, attribute) + "'" + cell + "' is not a number";
      }
      if (attribute.isNominal() && attribute.indexOfValue(cell) < 0) {
        return at(a, attribute) + "'" + cell + "' is not one of the values the header declares "
            + values(attribute);
      }
    }
    return null;
  }

  /** @return "column c (attribute 'name'): " */
  static String at(int index, Attribute attribute) {
    return "column " + (index + 1) + " (attribute '" + attribute.name() + "'): ";
  }

  private static String values(Attribute attribute) {
    StringBuilder values = new StringBuilder("{");
    for (int v = 0; v < attribute.numValues() && v < 10; v++) {
      values.append(v == 0 ? "" : ",").append(attribute.value(v));
    }
    return values.append(attribute.numValues() > 10 ? ",…}" : "}").toString();
  }
}
