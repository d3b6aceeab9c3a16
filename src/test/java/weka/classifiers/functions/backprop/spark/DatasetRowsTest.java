package weka.classifiers.functions.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.CSVSaver;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * A Spark Dataset (a CSV file, or rows built in code) becomes a Weka header and rows: numeric columns numeric,
 * string and boolean columns nominal with their sorted distinct values, nulls missing; and a model trained on
 * iris from a CSV file on Spark equals the model trained locally from iris.arff.
 */
class DatasetRowsTest {

  private static SparkSession spark() {
    return SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
  }

  @Test
  void irisFromCsvOnSparkEqualsIrisFromArffLocally() throws Exception {
    Path base = Paths.get(System.getProperty("basedir", "."));
    Instances iris = DataSource.read(base.resolve("target/data/iris.arff").toString());
    iris.setClassIndex(iris.numAttributes() - 1);
    Path folder = Files.createDirectories(base.resolve("target/spark-csv"));
    File csv = folder.resolve("iris.csv").toFile();
    CSVSaver saver = new CSVSaver();
    saver.setInstances(iris);
    saver.setFile(csv);
    saver.writeBatch();

    Dataset<Row> table = DatasetRows.readCsv(spark(), csv.getPath());
    Instances header = DatasetRows.header(table, "class");
    assertEquals(5, header.numAttributes());
    for (int a = 0; a < 4; a++) {
      assertTrue(header.attribute(a).isNumeric(), header.attribute(a).toString());
    }
    assertEquals(iris.classAttribute().toString(), header.classAttribute().toString());

    String options = "-O gd -B 0 -V 0 -R 0 -L 0.5 -N 20 -H 4 -S 2 -num-threads 1";
    BackpropOneHidden onSpark = new BackpropOneHidden();
    onSpark.setOptions(Utils.splitOptions(options));
    SparkTrainer.train(LocalSpark.context(), header, DatasetRows.rows(table, header), onSpark);
    BackpropOneHidden local = new BackpropOneHidden();
    local.setOptions(Utils.splitOptions("-tune none " + options)); // Spark trains one network, as -tune none
    local.buildClassifier(iris);
    double[] expected = local.getNetwork().parameters();
    double[] actual = onSpark.getNetwork().parameters();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-9, "parameter " + i);
    }
  }

  @Test
  void stringBooleanAndNullCellsBecomeNominalAndMissingValues() {
    StructType schema = new StructType().add("size", DataTypes.DoubleType).add("colour", DataTypes.StringType)
        .add("shiny", DataTypes.BooleanType).add("label", DataTypes.IntegerType);
    List<Row> rows = Arrays.asList(RowFactory.create(1.5, "red", true, 1), RowFactory.create(null, "blue", false, 0),
        RowFactory.create(2.5, null, true, 1));
    Dataset<Row> table = spark().createDataFrame(rows, schema);
    Instances header = DatasetRows.header(table, "label");
    assertEquals(3, header.classIndex());
    assertEquals(Arrays.asList("blue", "red"), values(header, 1));
    assertEquals(Arrays.asList("false", "true"), values(header, 2));
    assertEquals(Arrays.asList("0", "1"), values(header, 3));
    List<RawRow> raw = DatasetRows.rows(table, header).collect();
    assertEquals(Arrays.toString(new double[] {1.5, 1, 1, 1}), Arrays.toString(raw.get(0).values()));
    assertTrue(Double.isNaN(raw.get(1).values()[0]));
    assertTrue(Double.isNaN(raw.get(2).values()[1]));
  }

  @Test
  void questionMarksAndEmptyCellsAreMissingAndDottedNamesWork() throws Exception {
    Path folder = Files.createDirectories(Paths.get(System.getProperty("basedir", "."), "target/spark-csv"));
    Path csv = folder.resolve("missing.csv");
    Files.write(csv, java.util.Arrays.asList("size.cm,colour.name,class", "1.5,red,a", "?,blue,b", ",red,a",
        "2.5,?,b"), java.nio.charset.StandardCharsets.UTF_8);
    Dataset<Row> table = DatasetRows.readCsv(spark(), csv.toString());
    Instances header = DatasetRows.header(table, "class");
    assertTrue(header.attribute(0).isNumeric(), header.attribute(0).toString());
    assertEquals(Arrays.asList("blue", "red"), values(header, 1));
    List<RawRow> raw = DatasetRows.rows(table, header).collect();
    assertEquals(1.5, raw.get(0).values()[0]);
    assertTrue(Double.isNaN(raw.get(1).values()[0]), "'?' is missing");
    assertTrue(Double.isNaN(raw.get(2).values()[0]), "an empty cell is missing");
    assertTrue(Double.isNaN(raw.get(3).values()[1]), "'?' in a string column is missing");
  }

  @Test
  void anUnsupportedColumnOrAMissingClassColumnIsNamed() {
    StructType schema = new StructType().add("when", DataTypes.DateType).add("label", DataTypes.StringType);
    Dataset<Row> table = spark().createDataFrame(Arrays.asList(RowFactory.create(null, "a")), schema);
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> DatasetRows.header(table, "label"));
    assertTrue(type.getMessage().contains("'when'"), type.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> DatasetRows.header(table.drop("when"), "class"));
    assertTrue(missing.getMessage().contains("'class'"), missing.getMessage());
  }

  private static List<String> values(Instances header, int attribute) {
    List<String> values = new java.util.ArrayList<>();
    for (int v = 0; v < header.attribute(attribute).numValues(); v++) {
      values.add(header.attribute(attribute).value(v));
    }
    return values;
  }
}
