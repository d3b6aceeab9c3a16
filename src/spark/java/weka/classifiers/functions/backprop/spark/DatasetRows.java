package weka.classifiers.functions.backprop.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

import weka.core.Attribute;
import weka.core.Instances;

/**
 * A Spark {@link Dataset} (e.g. a CSV file read by Spark) as a Weka header and rows: a numeric column becomes a
 * numeric attribute; a string or boolean column a nominal attribute whose values are the column's distinct
 * values, sorted (one distributed pass per such column); the class column is always nominal (a numeric label
 * such as 0/1 becomes the nominal values "0", "1"). A null is a missing value. Any other column type, and a
 * nominal column with more than {@link #MAX_NOMINAL_VALUES} distinct values, is refused with its name. A string
 * column holding numbers as well as other text (a numeric column with a bad cell, which Spark's schema inference
 * reads as text) is refused too, unless allowed ({@link #header(Dataset, String, boolean)}), so that a column never
 * silently changes type.
 */
public final class DatasetRows {

  /** The most distinct values a string column may have to become a nominal attribute. */
  public static final int MAX_NOMINAL_VALUES = 1000;

  private DatasetRows() {
  }

  /**
   * Reads a CSV file with a header line (Spark infers the column types); "?" (Weka's missing value, as Weka's
   * CSVSaver writes it) and empty cells are missing values.
   *
   * @param spark the session
   * @param path the file, on any path Hadoop reads
   * @return the data
   */
  public static Dataset<Row> readCsv(SparkSession spark, String path) {
    return spark.read().option("header", "true").option("inferSchema", "true").option("nullValue", "?").csv(path);
  }

  /**
   * The Weka header for a dataset.
   *
   * @param data the dataset
   * @param classColumn the name of the class column
   * @return the header, class set
   * @throws IllegalArgumentException naming a column that cannot become an attribute
   */
  public static Instances header(Dataset<Row> data, String classColumn) {
    return header(data, classColumn, false);
  }

  /**
   * The Weka header for a dataset.
   *
   * @param data the dataset
   * @param classColumn the name of the class column
   * @param allowMixed true to let a string column that holds numbers as well as other text become nominal; false
   *        (the default) refuses it with {@link MixedColumnException}, since it is most likely a numeric column
   *        with a bad cell, which would otherwise silently change type
   * @return the header, class set
   * @throws IllegalArgumentException naming a column that cannot become an attribute
   */
  public static Instances header(Dataset<Row> data, String classColumn, boolean allowMixed) {
    StructField[] fields = data.schema().fields();
    if (fields.length == 0) {
      throw new IllegalArgumentException("the data has no columns (an empty file?)");
    }
    ArrayList<Attribute> attributes = new ArrayList<>();
    int classIndex = -1;
    for (int a = 0; a < fields.length; a++) {
      String name = fields[a].name();
      DataType type = fields[a].dataType();
      boolean isClass = name.equals(classColumn);
      if (isClass) {
        classIndex = a;
      }
      if (type instanceof NumericType && !isClass) {
        attributes.add(new Attribute(name));
      } else if (type instanceof NumericType || type instanceof StringType || type instanceof BooleanType) {
        attributes.add(new Attribute(name, distinctValues(data, name, type instanceof NumericType,
            !allowMixed && !isClass && type instanceof StringType)));
      } else {
        throw new IllegalArgumentException("column '" + name + "' has type " + type.simpleString()
            + "; only numeric, string and boolean columns can become attributes");
      }
    }
    if (classIndex < 0) {
      throw new IllegalArgumentException("no column named '" + classColumn + "' for the class");
    }
    Instances header = new Instances("spark-dataset", attributes, 0);
    header.setClassIndex(classIndex);
    return header;
  }

  private static List<String> distinctValues(Dataset<Row> data, String column, boolean numeric,
      boolean refuseMixed) {
    List<Row> rows = data.select(functions.col(quoted(column))).na().drop().distinct()
        .limit(MAX_NOMINAL_VALUES + 1).collectAsList();
    if (refuseMixed) {
      String number = null;
      String text = null;
      for (Row row : rows) {
        String value = String.valueOf(row.get(0)).trim();
        if (BadCell.isNumber(value)) {
          number = number == null ? value : number;
        } else {
          text = text == null ? value : text;
        }
      }
      if (number != null && text == null && rows.size() > MAX_NOMINAL_VALUES) {
        // more distinct values than were collected: look for a value that is not a number among all of them
        Column cell = functions.trim(functions.col(quoted(column)).cast("string"));
        List<Row> other = data.select(cell).na().drop().filter(functions.not(cell.rlike(BadCell.NUMBER_REGEX)))
            .limit(1).collectAsList();
        text = other.isEmpty() ? null : other.get(0).getString(0);
      }
      if (number != null && text != null) {
        throw new MixedColumnException(column, text, number);
      }
    }
    if (rows.size() > MAX_NOMINAL_VALUES) {
      throw new IllegalArgumentException("column '" + column + "' holds text with more than " + MAX_NOMINAL_VALUES
          + " distinct values: too many for a nominal attribute");
    }
    List<Object> values = new ArrayList<>();
    for (Row row : rows) {
      values.add(row.get(0));
    }
    if (numeric) {
      values.sort((x, y) -> Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue()));
    } else {
      values.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
    }
    List<String> names = new ArrayList<>();
    for (Object value : values) {
      names.add(label(value));
    }
    return names;
  }

  /** @return the column's name quoted for Spark SQL */
  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** The nominal value for a cell: its text ("1" rather than "1.0" for whole numbers). */
  private static String label(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
    return String.valueOf(value);
  }

  /**
   * The dataset's rows in Weka's encoding, every weight 1.
   *
   * @param data the dataset
   * @param header its header ({@link #header})
   * @return the rows
   */
  public static JavaRDD<RawRow> rows(Dataset<Row> data, Instances header) {
    Instances template = new Instances(header, 0);
    return data.javaRDD().map(row -> {
      double[] values = new double[template.numAttributes()];
      for (int a = 0; a < values.length; a++) {
        if (row.isNullAt(a)) {
          values[a] = Double.NaN;
        } else if (template.attribute(a).isNumeric()) {
          values[a] = ((Number) row.get(a)).doubleValue();
        } else {
          int index = template.attribute(a).indexOfValue(label(row.get(a)));
          if (index < 0) {
            throw new IllegalArgumentException("value '" + row.get(a) + "' of column '"
                + template.attribute(a).name() + "' is not among its values");
          }
          values[a] = index;
        }
      }
      return new RawRow(values, 1.0);
    });
  }
}
