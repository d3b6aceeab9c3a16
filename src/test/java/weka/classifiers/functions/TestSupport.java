package weka.classifiers.functions;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** Shared helpers for the BackpropOneHidden tests: project paths, data sets, captured output. */
final class TestSupport {

  /** Loggers kept for the whole run so that their quieter level is not lost to garbage collection. */
  private static final Logger[] QUIET_LOGGERS = {Logger.getLogger("com.github.fommil")};

  static {
    // netlib's ARPACK loader (pulled in by Weka's class discovery) warns that no native library is found
    for (Logger logger : QUIET_LOGGERS) {
      logger.setLevel(Level.SEVERE);
    }
  }

  private TestSupport() {
  }

  /** Applies the quieter logging (the work is done once, by loading this class). */
  static void quietLogging() {
    // the static initialiser has run
  }

  /** @return the project directory (Maven's basedir, or the working directory) */
  static Path baseDir() {
    return Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  /** @return the Maven build directory, target/ */
  static Path targetDir() {
    return baseDir().resolve("target");
  }

  /**
   * @param name a data set the build unpacked from Weka's jar into target/data (iris.arff, credit-g.arff)
   * @return the data, class attribute last
   */
  static Instances load(String name) throws Exception {
    File file = targetDir().resolve("data").resolve(name).toFile();
    if (!file.isFile()) {
      throw new IllegalStateException(file + " is missing: run the tests through Maven (process-classes unpacks it)");
    }
    Instances data = DataSource.read(file.getPath());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** @return a classifier with the given options (Weka's command-line syntax) */
  static BackpropOneHidden classifier(String options) throws Exception {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(weka.core.Utils.splitOptions(options));
    return classifier;
  }

  /** @return a classifier with the given options, built on the data */
  static BackpropOneHidden built(String options, Instances data) throws Exception {
    BackpropOneHidden classifier = classifier(options);
    classifier.buildClassifier(data);
    return classifier;
  }

  /** @return a classifier with every default but -tune none: one network, as the tests of its training want */
  static BackpropOneHidden plain() {
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setTune(new weka.core.SelectedTag(weka.classifiers.functions.backprop.Tuning.NONE.ordinal(),
        BackpropOneHidden.TAGS_TUNE));
    return classifier;
  }

  /**
   * @param classifier a trained classifier
   * @return its network's parameters, or those of every network of its committee one after the other
   */
  static double[] parameters(BackpropOneHidden classifier) {
    if (classifier.getNetwork() != null) {
      return classifier.getNetwork().parameters();
    }
    weka.classifiers.functions.backprop.Committee committee = classifier.getCommittee();
    int each = committee.shape().numParameters();
    double[] all = new double[committee.size() * each];
    for (int j = 0; j < committee.size(); j++) {
      System.arraycopy(committee.member(j).parameters(), 0, all, j * each, each);
    }
    return all;
  }

  /** @return the shape of its network, or of its committee's networks */
  static weka.classifiers.functions.backprop.NetworkShape shape(BackpropOneHidden classifier) {
    return classifier.getNetwork() != null ? classifier.getNetwork().shape() : classifier.getCommittee().shape();
  }

  static Instances iris() throws Exception {
    return load("iris.arff");
  }

  /**
   * A two-class data set whose attributes are all constant: nothing to learn.
   *
   * @param classCounts how many instances of each class ("a", "b")
   */
  static Instances constantAttributes(int... classCounts) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    ArrayList<String> colours = new ArrayList<>();
    colours.add("red");
    colours.add("green");
    attributes.add(new Attribute("colour", colours));
    ArrayList<String> labels = new ArrayList<>();
    labels.add("a");
    labels.add("b");
    attributes.add(new Attribute("class", labels));
    Instances data = new Instances("constant", attributes, 0);
    data.setClassIndex(2);
    for (int c = 0; c < classCounts.length; c++) {
      for (int k = 0; k < classCounts[c]; k++) {
        data.add(new DenseInstance(1.0, new double[] {3.5, 1, c}));
      }
    }
    return data;
  }

  /** Standard output captured while running some code (Weka's check tools print their answers there). */
  static final class Captured<T> {
    final T value;
    final String output;

    Captured(T value, String output) {
      this.value = value;
      this.output = output;
    }
  }

  /**
   * Runs code with System.out redirected to a buffer. The tests run on one thread, so nothing else writes
   * to System.out meanwhile.
   */
  static synchronized <T> Captured<T> captureStdout(Callable<T> code) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8.name())) {
      System.setOut(capture);
      T value = code.call();
      capture.flush();
      return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8.name()));
    } finally {
      System.setOut(original);
    }
  }
}
