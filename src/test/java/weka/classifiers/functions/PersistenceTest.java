package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * Saved models: {@code -d} then {@code -l} predicts identically; every Serializable class has a fixed
 * serialVersionUID; a model saved by version 1.0.0 (committed in src/test/resources/models) keeps loading and
 * predicting the same.
 *
 * <p>To regenerate the committed model deliberately (only when its format must change, and say so in the
 * commit): {@code mvn -B -q test-compile} then
 * {@code java -cp "target/test-classes:target/classes:target/weka-lib/*" weka.classifiers.functions.PersistenceTest}.
 */
class PersistenceTest {

  /** The options of the committed model, every one explicit so that changed defaults do not matter. */
  static final String[] MODEL_OPTIONS = {"-H", "5", "-A", "sigmoid", "-O", "gd", "-L", "0.5", "-M", "0.9",
      "-decay", "0.0", "-R", "0.0", "-B", "0", "-N", "200", "-V", "0.0", "-E", "10", "-num-threads", "1", "-S", "1"};
  static final String MODEL_RESOURCE = "src/test/resources/models/backprop-1.0.0-iris.model";
  static final String PREDICTIONS_RESOURCE = "src/test/resources/models/backprop-1.0.0-iris-predictions.csv";

  private static Instances iris;

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  private static String irisPath() {
    return TestSupport.targetDir().resolve("data").resolve("iris.arff").toString();
  }

  private static String[] concat(String[] first, String... second) {
    return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
  }

  /**
   * Trains on iris through Weka's command-line evaluation and saves the model with -d. Batch training is
   * forced: without it Weka trains an UpdateableClassifier incrementally (the same network here, iris fitting in
   * one buffer, but a model text that says so; IncrementalTrainingTest covers that path).
   */
  private static void saveWithDashD(File file) throws Exception {
    Evaluation.evaluateModel(new BackpropOneHidden(),
        concat(MODEL_OPTIONS, "-t", irisPath(), "-no-cv", "-force-batch-training", "-d", file.getPath()));
  }

  /** The prediction lines (instance, actual, predicted, error, distribution) Weka prints for -classifications. */
  private static List<String> predictionLines(String... options) throws Exception {
    String output = Evaluation.evaluateModel(new BackpropOneHidden(), concat(options, "-classifications",
        "weka.classifiers.evaluation.output.prediction.CSV -distribution -decimals 15"));
    List<String> lines = output.lines().filter(line -> line.matches("\\d+,.*")).collect(Collectors.toList());
    assertEquals(iris.numInstances(), lines.size(), output);
    return lines;
  }

  @Test
  void modelSavedWithDashDLoadsWithDashLAndPredictsIdentically(@TempDir Path dir) throws Exception {
    File file = dir.resolve("iris.model").toFile();
    saveWithDashD(file);
    BackpropOneHidden saved = (BackpropOneHidden) SerializationHelper.readAll(file.getPath())[0];
    BackpropOneHidden fresh = RobustnessTest.train(iris, MODEL_OPTIONS);
    double[][] freshBatch = fresh.distributionsForInstances(iris);
    for (int k = 0; k < iris.numInstances(); k++) {
      assertArrayEquals(fresh.distributionForInstance(iris.instance(k)), saved.distributionForInstance(iris.instance(k)));
      assertArrayEquals(freshBatch[k], saved.distributionsForInstances(iris)[k]);
    }
    assertEquals(fresh.toString(), saved.toString());
    List<String> loaded = predictionLines("-l", file.getPath(), "-T", irisPath());
    List<String> trained = predictionLines(concat(MODEL_OPTIONS, "-t", irisPath(), "-T", irisPath()));
    assertEquals(trained, loaded);
  }

  /** The model committed with version 1.0.0 loads, through Java and through -l, and predicts as recorded. */
  @Test
  void committedModelKeepsLoadingAndPredictingTheSame() throws Exception {
    Path model = TestSupport.baseDir().resolve(MODEL_RESOURCE);
    List<String> csv = Files.readAllLines(TestSupport.baseDir().resolve(PREDICTIONS_RESOURCE), StandardCharsets.UTF_8);
    assertEquals("instance,Iris-setosa,Iris-versicolor,Iris-virginica", csv.get(0));
    assertEquals(iris.numInstances() + 1, csv.size());
    BackpropOneHidden loaded = (BackpropOneHidden) SerializationHelper.readAll(model.toString())[0];
    double[][] batch = loaded.distributionsForInstances(iris);
    for (int k = 0; k < iris.numInstances(); k++) {
      String[] fields = csv.get(k + 1).split(",");
      assertEquals(Integer.toString(k + 1), fields[0]);
      double[] expected = new double[3];
      for (int c = 0; c < 3; c++) {
        expected[c] = Double.parseDouble(fields[c + 1]);
      }
      assertArrayEquals(expected, loaded.distributionForInstance(iris.instance(k)), 1e-12, "instance " + (k + 1));
      assertArrayEquals(expected, batch[k], 1e-12, "batch, instance " + (k + 1));
    }
    List<String> viaDashL = predictionLines("-l", model.toString(), "-T", irisPath());
    for (int k = 0; k < iris.numInstances(); k++) {
      String[] fields = viaDashL.get(k).split(",");
      double predicted = Double.parseDouble(fields[fields.length - 3].replace("*", ""));
      double[] expected = loaded.distributionForInstance(iris.instance(k));
      assertEquals(expected[0], predicted, 1e-12, viaDashL.get(k));
    }
  }

  /** Every Serializable class of the package declares its serialVersionUID (enums need none). */
  @Test
  void everySerializableClassHasAFixedSerialVersionUid() throws Exception {
    Path classes = TestSupport.targetDir().resolve("classes");
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      // META-INF/versions/17 holds the multi-release jar's Java 17 classes, which are not Serializable
      names = files.filter(p -> p.toString().endsWith(".class") && !classes.relativize(p).startsWith("META-INF"))
          .map(p -> classes.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
          .collect(Collectors.toList());
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String name : names) {
      Class<?> type = Class.forName(name, false, getClass().getClassLoader());
      if (!Serializable.class.isAssignableFrom(type) || type.isEnum() || type.isInterface()
          || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
        continue;
      }
      checked++;
      try {
        Field field = type.getDeclaredField("serialVersionUID");
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers) || field.getType() != long.class) {
          missing.add(name + " (not static final long)");
        }
      } catch (NoSuchFieldException e) {
        missing.add(name);
      }
    }
    assertTrue(checked >= 10, "found only " + checked + " Serializable classes in " + classes);
    assertEquals(List.of(), missing);
  }

  /**
   * Writes the committed model (through {@code -d}, as a user would) and its predictions on iris.
   *
   * @param args unused
   */
  public static void main(String[] args) throws Exception {
    iris = TestSupport.iris();
    File model = TestSupport.baseDir().resolve(MODEL_RESOURCE).toFile();
    model.getParentFile().mkdirs();
    saveWithDashD(model);
    BackpropOneHidden loaded = (BackpropOneHidden) SerializationHelper.readAll(model.getPath())[0];
    StringBuilder csv = new StringBuilder("instance,Iris-setosa,Iris-versicolor,Iris-virginica\n");
    for (int k = 0; k < iris.numInstances(); k++) {
      double[] p = loaded.distributionForInstance(iris.instance(k));
      csv.append(k + 1).append(',').append(p[0]).append(',').append(p[1]).append(',').append(p[2]).append('\n');
    }
    writeString(TestSupport.baseDir().resolve(PREDICTIONS_RESOURCE), csv.toString());
  }

  private static void writeString(Path path, String text) throws IOException {
    Files.write(path, text.getBytes(StandardCharsets.UTF_8));
  }
}
