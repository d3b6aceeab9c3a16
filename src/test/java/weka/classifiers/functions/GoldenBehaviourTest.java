package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The behaviour pinned before the redesign of issue 11 ("One room per job"), bit for bit: for each of
 * {@link #CASES} option sets (every optimizer, both activations, mini-batch and full batch, early stopping,
 * -balance, instance weights, L-BFGS, a stream in buffers, -resume) on iris, credit-g and a generated data set
 * with nominal attributes and missing values, and (since version 1.3) a generated numeric-class data set (every case
 * but -balance, which a numeric class refuses; its "probabilities" are the one predicted value), every predicted
 * probability of every training instance (through
 * {@code distributionForInstance} and through {@code distributionsForInstances}) and the model text.
 *
 * <p>The expected values are in {@code src/test/resources/golden/}: per case a SHA-256 of the bits of every
 * probability, every 10th instance's probabilities in hexadecimal (so a failure says how far off it is), and the
 * model text in a file of its own. A refactoring passes unchanged; a deliberate change of behaviour regenerates
 * them, says so in its commit, and explains why:
 * {@code mvn -B -ntp -q test -Dtest=GoldenBehaviourTest -Dgolden.write=true}.

 */
class GoldenBehaviourTest {

  /** Where the expected values are, relative to the project directory. */
  static final String GOLDEN_DIR = "src/test/resources/golden";
  /** Every this many instances, the probabilities are kept in full for the failure message. */
  private static final int SAMPLE_EVERY = 10;

  /**
   * The option sets: name → options. Every case fixes the epochs so that the file stays small and the test
   * fast; the defaults case keeps every default.
   */
  static final Map<String, String> CASES = new LinkedHashMap<>();

  static {
    CASES.put("defaults", "");
    // version 1.1's behaviour, pinned before tuning came: one network (-tune none), bit for bit as 1.1
    CASES.put("untuned-defaults", "-tune none");
    CASES.put("seed-gd", "-tune none -O gd -B 0 -V 0 -R 0 -A sigmoid -L 0.5 -N 100 -H 5");
    CASES.put("momentum-minibatch", "-tune none -O momentum -M 0.9 -L 0.05 -B 16 -N 30");
    CASES.put("nesterov-decay-sigmoid", "-tune none -O nesterov -M 0.8 -L 0.05 -decay 0.1 -B 64 -N 30 -A sigmoid");
    CASES.put("adam-fullbatch", "-tune none -O adam -B 0 -V 0 -N 60");
    CASES.put("lbfgs", "-tune none -O lbfgs -B 0 -N 40");
    CASES.put("balance", "-tune none -balance -N 40 -H 8");
    CASES.put("early-stopping", "-tune none -V 0.25 -E 3 -H 4 -N 100 -S 7");
    CASES.put("weights", "-tune none -N 40 -WEIGHTED");
    CASES.put("decay-sigmoid", "-tune none -R 0.01 -H 8 -A sigmoid -N 50 -L 0.02");
    CASES.put("stream", "-tune none -N 20 -STREAM");
    CASES.put("resume", "-tune none -N 10 -resume -RESUME_TO 25");
    // tuning (-tune cv) with a grid, and a stream that fits one buffer (trained as one batch: tuned)
    CASES.put("tuned-grid", "-tune-hidden 4,8 -tune-decay 0.001 -tune-folds 3 -N 30");
    CASES.put("tuned-stream-one-buffer", "-N 20 -STREAM_ONE");
  }

  static final String[] DATA_SETS = {"iris", "credit-g", "generated", "regression"};

  private static final Map<String, Instances> DATA = new LinkedHashMap<>();

  @BeforeAll
  static void loadData() throws Exception {
    TestSupport.quietLogging();
    DATA.put("iris", TestSupport.iris());
    DATA.put("credit-g", TestSupport.load("credit-g.arff"));
    DATA.put("generated", generated());
    DATA.put("regression", regression());
  }

  /**
   * A numeric class (version 1.3): 300 instances, 3 numeric and 1 nominal attribute, 10 % missing values,
   * y = 3 sin(2 x1) + x2² + 1.5 [a = v] + 50 + noise.
   */
  static Instances regression() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x1"));
    attributes.add(new Attribute("x2"));
    attributes.add(new Attribute("x3"));
    attributes.add(new Attribute("a", Arrays.asList("u", "v", "w")));
    attributes.add(new Attribute("y"));
    Instances data = new Instances("regression", attributes, 300);
    data.setClassIndex(4);
    Random random = new Random(42);
    for (int k = 0; k < 300; k++) {
      double x1 = random.nextDouble() * 2 - 1;
      double x2 = random.nextDouble() * 2 - 1;
      int a = random.nextInt(3);
      double[] values = {x1, x2, random.nextGaussian(), a,
          3 * Math.sin(2 * x1) + x2 * x2 + (a == 1 ? 1.5 : 0) + 50 + 0.2 * random.nextGaussian()};
      for (int i = 0; i < 4; i++) {
        if (random.nextDouble() < 0.1) {
          values[i] = Utils.missingValue();
        }
      }
      data.add(new DenseInstance(1.0, values));
    }
    return data;
  }

  /** 300 instances, 4 numeric and 3 nominal attributes, 3 classes, 10 % missing values. */
  static Instances generated() {
    return TestData.random(new Random(42), 300, 4, 3, 3, 0.1, false);
  }

  /** The same instances with weights drawn from the seed (no zero weights, so nothing is dropped). */
  static Instances weighted(Instances data) {
    Instances copy = new Instances(data);
    Random random = new Random(11);
    for (int k = 0; k < copy.numInstances(); k++) {
      copy.instance(k).setWeight(0.25 + 3 * random.nextDouble());
    }
    return copy;
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String data : DATA_SETS) {
      for (String name : CASES.keySet()) {
        if (applies(data, name)) {
          all.add(Arguments.of(data, name));
        }
      }
    }
    return all.stream();
  }

  /** @return false for -balance on the numeric class (refused: RegressionTest) */
  static boolean applies(String dataName, String caseName) {
    return !(dataName.equals("regression") && caseName.equals("balance"));
  }

  /** What one case produced: the probabilities (training instances in order) and the model text. */
  static final class Outcome {
    final double[][] single;
    final double[][] batch;
    final String text;

    Outcome(double[][] single, double[][] batch, String text) {
      this.single = single;
      this.batch = batch;
      this.text = text;
    }
  }

  /** Trains as the case says and predicts every training instance. */
  static Outcome run(String dataName, String caseName) throws Exception {
    String options = CASES.get(caseName);
    Instances data = DATA.get(dataName);
    boolean stream = options.contains("-STREAM");
    boolean oneBuffer = options.contains("-STREAM_ONE");
    boolean weightedData = options.contains("-WEIGHTED");
    int resumeTo = 0;
    if (options.contains("-RESUME_TO")) {
      resumeTo = Integer.parseInt(options.replaceAll(".*-RESUME_TO (\\d+).*", "$1"));
    }
    options = options.replace("-STREAM_ONE", "").replace("-STREAM", "").replace("-WEIGHTED", "").replaceAll("-RESUME_TO \\d+", "").trim();
    if (weightedData) {
      data = weighted(data);
    }
    BackpropOneHidden classifier = TestSupport.classifier(options);
    if (stream) {
      classifier.setBufferSize(oneBuffer ? data.numInstances() : data.numInstances() / 3 + 1);
      classifier.buildClassifier(new Instances(data, 0));
      for (Instance instance : data) {
        classifier.updateClassifier(instance);
      }
      classifier.batchFinished();
    } else {
      classifier.buildClassifier(data);
      if (resumeTo > 0) {
        classifier.setNumEpochs(resumeTo);
        classifier.buildClassifier(data);
      }
    }
    double[][] single = new double[data.numInstances()][];
    for (int k = 0; k < single.length; k++) {
      single[k] = classifier.distributionForInstance(data.instance(k));
    }
    return new Outcome(single, classifier.distributionsForInstances(data), classifier.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void behaviourIsAsPinned(String dataName, String caseName) throws Exception {
    Outcome outcome = run(dataName, caseName);
    String key = dataName + "/" + caseName;
    if (Boolean.getBoolean("golden.write")) {
      write(dataName, caseName, outcome);
      return;
    }
    Path expectedFile = TestSupport.baseDir().resolve(GOLDEN_DIR).resolve(dataName + "." + caseName + ".txt");
    assertTrue(Files.isRegularFile(expectedFile), expectedFile + " is missing: regenerate the golden files");
    List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
    List<String> actual = predictionLines(outcome);
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        fail(key + ": line " + (i + 1) + " differs\n  expected " + decode(expected.get(i)) + "\n  actual   "
            + decode(actual.get(i)));
      }
    }
    assertEquals(expected.size(), actual.size(), key + ": number of lines");
    String expectedText = new String(Files.readAllBytes(textFile(dataName, caseName)), StandardCharsets.UTF_8);
    assertEquals(expectedText, outcome.text, key + ": model text");
  }

  /** The lines of a case's golden file: digests of all probabilities, then every 10th instance's values. */
  static List<String> predictionLines(Outcome outcome) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("single sha256 " + digest(outcome.single));
    lines.add("batch sha256 " + digest(outcome.batch));
    for (int k = 0; k < outcome.single.length; k += SAMPLE_EVERY) {
      StringBuilder line = new StringBuilder("instance ").append(k + 1);
      for (double p : outcome.single[k]) {
        line.append(' ').append(Double.toHexString(p));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** A line with its hexadecimal numbers also in decimal, for the failure message. */
  private static String decode(String line) {
    StringBuilder out = new StringBuilder(line);
    String[] fields = line.split(" ");
    if (fields[0].equals("instance")) {
      out.append("  (");
      for (int i = 2; i < fields.length; i++) {
        out.append(i > 2 ? ", " : "").append(Double.parseDouble(fields[i]));
      }
      out.append(')');
    }
    return out.toString();
  }

  static String digest(double[][] rows) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (double[] row : rows) {
      for (double p : row) {
        long bits = Double.doubleToRawLongBits(p);
        for (int b = 0; b < 8; b++) {
          sha.update((byte) (bits >>> (8 * b)));
        }
      }
      sha.update((byte) '\n');
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : sha.digest()) {
      hex.append(String.format(Locale.ROOT, "%02x", b));
    }
    return hex.toString();
  }

  private static Path textFile(String dataName, String caseName) {
    return TestSupport.baseDir().resolve(GOLDEN_DIR).resolve(dataName + "." + caseName + ".model.txt");
  }

  private static void write(String dataName, String caseName, Outcome outcome) throws Exception {
    Path dir = TestSupport.baseDir().resolve(GOLDEN_DIR);
    Files.createDirectories(dir);
    writeString(dir.resolve(dataName + "." + caseName + ".txt"), String.join("\n", predictionLines(outcome)) + "\n");
    writeString(textFile(dataName, caseName), outcome.text);
  }

  private static void writeString(Path path, String text) throws IOException {
    Files.write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Regenerates every golden file.
   *
   * @param args unused
   */
  public static void main(String[] args) throws Exception {
    loadData();
    for (String data : DATA_SETS) {
      for (String name : CASES.keySet()) {
        if (applies(data, name)) {
          write(data, name, run(data, name));
        }
      }
    }
  }
}
