package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.bridge.ModelState;
import weka.classifiers.functions.backprop.bridge.Settings;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.preprocess.InputEncoder;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * Loaded models are validated before they are used (issue 14, item 10): a saved model whose arrays disagree with its
 * shape, whose weights or statistics are not finite, whose class counts disagree, or whose numbers were changed (a
 * checksum over the weights, the preprocessing statistics, the training history and the prior), is refused when it
 * is loaded, with a message that says so; a truncated file says it ends early. Weka's loaders (SerializationHelper,
 * {@code -l}) show that message. A file from an untrusted source stays dangerous: Java deserialization runs the code
 * of the classes it names before any of this can look at the model (README, ROBUSTNESS.md).
 */
class LoadedModelValidationTest {

  private static Instances iris;
  private static Instances test;
  private static BackpropOneHidden model;
  private static byte[] bytes;
  private static double[][] expected;

  @BeforeAll
  static void trainAndSave() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
    test = new Instances(iris, 0);
    for (int k = 0; k < iris.numInstances(); k += 15) {
      test.add(iris.instance(k));
    }
    model = TestSupport.classifier("-tune none -H 2 -N 3 -num-threads 1");
    model.buildClassifier(iris);
    bytes = save(model);
    expected = model.distributionsForInstances(test);
  }

  static byte[] save(Object object) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SerializationHelper.write(out, object);
    return out.toByteArray();
  }

  /** @return the object read by Weka's reader, as {@code -l} and the Explorer read models */
  static Object load(byte[] data) throws Exception {
    return SerializationHelper.read(new ByteArrayInputStream(data));
  }

  /** @return the object read by Java's reader, which Weka's wraps (faster, for the thousands of damaged copies) */
  static Object read(byte[] data) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
      return in.readObject();
    }
  }

  /**
   * Every single byte of the classifier's data in a saved model flipped (XOR 0xFF), one at a time: the model is
   * refused at load time with a message, or it predicts exactly as before, or it refuses the test data with a
   * message (an attribute's name changed, so the header differs); never different probabilities, never a failure
   * without a message at prediction, never an exhausted memory. (The bytes before it are the class descriptors and
   * Weka's superclasses' fields, which Java reads and refuses itself.)
   */
  @Test
  void aFlippedByteIsRefusedOrChangesNoPrediction() throws Exception {
    int refusedAtLoad = 0;
    int unchanged = 0;
    int refusedAtPrediction = 0;
    List<String> silent = new ArrayList<>();
    int first = ourDataStart();
    for (int position = first; position < bytes.length; position++) {
      byte[] flipped = bytes.clone();
      flipped[position] ^= (byte) 0xFF;
      Object loaded;
      try {
        loaded = read(flipped);
      } catch (Exception e) {
        assertTrue(e.getMessage() != null, "byte " + position + ": " + e);
        refusedAtLoad++;
        continue;
      }
      if (!(loaded instanceof BackpropOneHidden)) {
        refusedAtLoad++; // Weka's reader gives back what the stream holds; a caller's cast refuses it
        continue;
      }
      BackpropOneHidden copy = (BackpropOneHidden) loaded;
      double[][] p;
      try {
        p = copy.distributionsForInstances(test);
        copy.toString();
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().startsWith("BackpropOneHidden: "), "byte " + position + ": " + e);
        refusedAtPrediction++;
        continue;
      }
      boolean same = true;
      for (int k = 0; k < p.length; k++) {
        same &= java.util.Arrays.equals(expected[k], p[k]);
      }
      if (same) {
        unchanged++;
      } else {
        silent.add("byte " + position);
      }
    }
    assertTrue(silent.isEmpty(), silent.size() + " flipped bytes changed the predictions silently: " + silent);
    assertEquals(bytes.length - first, refusedAtLoad + unchanged + refusedAtPrediction);
    assertTrue(refusedAtLoad > unchanged, refusedAtLoad + " refused, " + unchanged + " unchanged");
  }

  /**
   * @return where the classifier's own data begins (its model's class descriptor): before it are the class
   *     descriptors and Weka's superclasses' fields, which Java reads before the classifier can look at anything
   */
  private static int ourDataStart() {
    byte[] name = "weka.classifiers.functions.backprop.bridge.NetworkModel".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + name.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(java.util.Arrays.copyOfRange(bytes, i, i + name.length), name)) {
        return i - 4; // TC_OBJECT, TC_CLASSDESC and the name's length come first
      }
    }
    throw new IllegalStateException("no NetworkModel in the saved model");
  }

  /**
   * A file cut anywhere: refused; anywhere in the classifier's data, saying that the saved model ends early (Java's
   * own EOFException, without a message, became Weka's "Weka exception: null"). Before it, Java reads the class
   * descriptors and Weka's superclasses' fields and fails with its own exception.
   */
  @Test
  void aTruncatedFileIsRefusedSayingItEndsEarly() throws Exception {
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = java.util.Arrays.copyOf(bytes, length);
      Exception e = assertThrows(Exception.class, () -> read(cut), "cut at " + length);
      if (length >= ourDataStart()) {
        assertEquals("BackpropOneHidden: the saved model ends early: the file is truncated or damaged", e.getMessage(),
            "cut at " + length);
      } else {
        assertTrue(e instanceof IOException, "cut at " + length + ": " + e);
      }
    }
    Exception e = assertThrows(Exception.class, () -> load(java.util.Arrays.copyOf(bytes, bytes.length / 2)));
    assertEquals("BackpropOneHidden: the saved model ends early: the file is truncated or damaged", e.getMessage());
  }

  /** A model whose parts were made inconsistent (as a damaged or forged file could be): refused at load time. */
  static Stream<Arguments> inconsistentModels() {
    return Stream.of(
        Arguments.of("fewer weights than the shape needs", (Consumer<BackpropOneHidden>) c ->
            set(network(c), "params", new double[network(c).shape().numParameters() - 1]),
            "the network has 18 weights, but its shape (4 inputs, 2 tanh hidden units, 3 softmax outputs) needs 19"),
        Arguments.of("a NaN weight", (Consumer<BackpropOneHidden>) c -> ((double[]) get(network(c), "params"))[3]
            = Double.NaN, "weight 4 of the network is NaN"),
        Arguments.of("a weight changed", (Consumer<BackpropOneHidden>) c -> ((double[]) get(network(c), "params"))[3]
            += 1e-9, "the network's weights do not match their checksum"),
        Arguments.of("no hidden unit", (Consumer<BackpropOneHidden>) c -> set(network(c).shape(), "numHidden", 0),
            "number of hidden units must be >= 1"),
        Arguments.of("a statistic of another length", (Consumer<BackpropOneHidden>) c ->
            set(encoder(c), "mean", new double[2]), "the preprocessing's arrays have different lengths"),
        Arguments.of("an infinite standard deviation", (Consumer<BackpropOneHidden>) c ->
            ((double[]) get(encoder(c), "stdDev"))[1] = Double.POSITIVE_INFINITY,
            "input 2 of the preprocessing has standard deviation Infinity"),
        Arguments.of("an input column beyond the attributes", (Consumer<BackpropOneHidden>) c ->
            ((int[]) get(encoder(c), "column"))[0] = 9, "input 1 of the preprocessing reads column 9"),
        Arguments.of("a statistic changed", (Consumer<BackpropOneHidden>) c ->
            ((double[]) get(encoder(c), "mean"))[0] += 1e-9, "the preprocessing's statistics do not match their checksum"),
        Arguments.of("a network for another number of inputs", (Consumer<BackpropOneHidden>) c -> {
          NetworkShape shape = new NetworkShape(3, 2, 3, network(c).shape().activation());
          set(result(c), "network", new Network(shape, new double[shape.numParameters()]));
        }, "the network has 3 inputs, but its preprocessing gives 4"),
        Arguments.of("a network for another number of classes", (Consumer<BackpropOneHidden>) c -> {
          NetworkShape shape = new NetworkShape(4, 2, 4, network(c).shape().activation());
          set(result(c), "network", new Network(shape, new double[shape.numParameters()]));
        }, "the network has 4 classes, but the class attribute 'class' has 3 values"),
        Arguments.of("a kept epoch after the last", (Consumer<BackpropOneHidden>) c -> set(result(c), "keptEpoch", 7),
            "the kept epoch 7 is not one of the 3 epochs run"),
        Arguments.of("a training history changed", (Consumer<BackpropOneHidden>) c ->
            ((double[]) get(result(c), "lossHistory"))[1] += 1e-9, "the training history does not match its checksum"),
        Arguments.of("an option out of its range", (Consumer<BackpropOneHidden>) c -> {
          @SuppressWarnings("unchecked")
          HashMap<String, Object> values = (HashMap<String, Object>) get(settings(c), "values");
          values.put("numHidden", 0);
        }, "saved option -H (numHidden): -H (hidden units) must be at least 1, got 0"),
        Arguments.of("an option of another type", (Consumer<BackpropOneHidden>) c -> {
          @SuppressWarnings("unchecked")
          HashMap<String, Object> values = (HashMap<String, Object>) get(settings(c), "values");
          values.put("learningRate", "fast");
        }, "saved option -L (learningRate): a String, not a Double"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inconsistentModels")
  void anInconsistentModelIsRefusedAtLoadTime(String name, Consumer<BackpropOneHidden> damage, String says)
      throws Exception {
    BackpropOneHidden copy = (BackpropOneHidden) load(bytes);
    damage.accept(copy);
    byte[] damaged = save(copy);
    Exception e = assertThrows(Exception.class, () -> load(damaged));
    assertTrue(e.getMessage() != null && e.getMessage().startsWith("BackpropOneHidden: the saved model cannot be used: ")
        && e.getMessage().contains(says), e.toString());
  }

  /** The models of every kind load and predict as saved: a batch network, a class prior, a stream, nothing built. */
  @Test
  void everyKindOfModelStillLoads() throws Exception {
    BackpropOneHidden prior = TestSupport.plain();
    prior.buildClassifier(TestSupport.constantAttributes(3, 1));
    BackpropOneHidden stream = TestSupport.classifier("-tune none -H 2 -N 3 -num-threads 1 -buffer 40");
    stream.buildClassifier(new Instances(iris, 0));
    for (int k = 0; k < 100; k++) {
      stream.updateClassifier(iris.instance(k));
    }
    for (BackpropOneHidden original : new BackpropOneHidden[] {model, prior, stream, new BackpropOneHidden()}) {
      BackpropOneHidden copy = (BackpropOneHidden) load(save(original));
      assertEquals(original.toString(), copy.toString());
      if (original.getTrainingResult() != null || original == prior) {
        Instances data = original == prior ? TestSupport.constantAttributes(3, 1) : test;
        assertArrayEquals(original.distributionsForInstances(data), copy.distributionsForInstances(data));
      }
    }
  }

  // ---------------------------------------------------------------------------------------- reflection helpers

  private static ModelState state(BackpropOneHidden classifier) {
    return (ModelState) get(classifier, "m_Model");
  }

  private static Settings settings(BackpropOneHidden classifier) {
    return (Settings) get(classifier, "m_Settings");
  }

  private static TrainingResult result(BackpropOneHidden classifier) {
    return state(classifier).result();
  }

  private static Network network(BackpropOneHidden classifier) {
    return result(classifier).network();
  }

  private static InputEncoder encoder(BackpropOneHidden classifier) {
    return (InputEncoder) get((StatisticsPreprocessing) get(state(classifier), "preprocessing"), "encoder");
  }

  static Object get(Object object, String name) {
    try {
      Field field = field(object.getClass(), name);
      return field.get(object);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static void set(Object object, String name, Object value) {
    try {
      field(object.getClass(), name).set(object, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        // the superclass's
      }
    }
    throw new NoSuchFieldException(name);
  }
}
