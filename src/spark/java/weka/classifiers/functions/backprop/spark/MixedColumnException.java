package weka.classifiers.functions.backprop.spark;

/**
 * A CSV column holding numbers as well as other text: most likely a numeric column with a bad cell, refused unless
 * the user allows such a column to become nominal. Names the column and one of its non-numeric values; the command
 * line ({@link SparkMain}) then finds the first such cell's line in the file.
 */
public final class MixedColumnException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String column;
  private final String value;

  /**
   * @param column the column's name
   * @param value one of its values that is not a number
   * @param number one of its values that is a number
   */
  MixedColumnException(String column, String value, String number) {
    super("column '" + column + "' holds numbers (e.g. " + number + ") but also '" + value + "', which is not a "
        + "number: fix the cell, or give -mixed-as-nominal to read the column as nominal");
    this.column = column;
    this.value = value;
  }

  /** @return the column's name */
  public String column() {
    return column;
  }

  /** @return one of its values that is not a number */
  public String value() {
    return value;
  }
}
