package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.TestSupport.classifier;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.bridge.BatchRun;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.gui.Logger;

/**
 * The Explorer's side of training, without a GUI: the status bar and log lines BackpropOneHidden writes to a
 * {@link Logger} (a recording one here, the Explorer's log panel in Weka), the Stop button (an interrupt of
 * the training thread) and the -D progress lines on standard error.
 */
class BackpropOneHiddenLogTest {

  private static final Pattern EPOCH_STATUS =
      Pattern.compile("BackpropOneHidden: epoch (\\d+) of (\\d+), loss (\\d+\\.\\d+)");

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    TestSupport.quietLogging();
    iris = TestSupport.iris();
  }

  /** A Logger that records what it is told and when. */
  static class RecordingLogger implements Logger {
    final List<String> log = new ArrayList<>();
    final List<String> status = new ArrayList<>();
    final List<Long> statusNanos = new ArrayList<>();

    @Override
    public synchronized void logMessage(String message) {
      log.add(message);
    }

    @Override
    public synchronized void statusMessage(String message) {
      status.add(message);
      statusNanos.add(System.nanoTime());
    }

    synchronized List<String> epochStatus() {
      return status.stream().filter(s -> EPOCH_STATUS.matcher(s).matches()).collect(Collectors.toList());
    }
  }

  @Test
  void logRecordsStartEndEpochsAndWhyTrainingStopped() throws Exception {
    BackpropOneHidden classifier = classifier("-tune none");
    RecordingLogger logger = new RecordingLogger();
    classifier.setLog(logger);
    assertSame(logger, classifier.getLog());
    classifier.buildClassifier(iris);

    TrainingResult result = classifier.getTrainingResult();
    assertEquals(2, logger.log.size(), "one line at the start, one at the end: " + logger.log);
    assertTrue(logger.log.get(0).startsWith("BackpropOneHidden: training started on 150 instances: 4 inputs -> 16 "
        + "tanh hidden units -> 3 softmax outputs, at most 200 epochs"), logger.log.get(0));
    String end = logger.log.get(1);
    assertTrue(end.startsWith("BackpropOneHidden: training finished after " + result.epochs() + " epochs in "), end);
    assertTrue(end.contains("stopped because " + result.stopReason().description()), end);
    assertTrue(end.contains("weights of epoch " + result.keptEpoch() + " (lowest validation loss) kept"), end);

    List<String> epochs = logger.epochStatus();
    assertEquals("BackpropOneHidden: epoch 1 of 200, loss", epochs.get(0).replaceAll(" [0-9.]+$", ""));
    Matcher last = EPOCH_STATUS.matcher(epochs.get(epochs.size() - 1));
    assertTrue(last.matches());
    assertEquals(result.epochs(), Integer.parseInt(last.group(1)), "the last epoch is always shown");
    assertEquals("BackpropOneHidden: training finished after " + result.epochs() + " epochs",
        logger.status.get(logger.status.size() - 1));
  }

  @Test
  void statusBarIsThrottledToAFewUpdatesASecond() throws Exception {
    BackpropOneHidden classifier = classifier("-tune none -V 0 -N 400");
    RecordingLogger logger = new RecordingLogger();
    classifier.setLog(logger);
    long start = System.nanoTime();
    classifier.buildClassifier(iris);
    double seconds = (System.nanoTime() - start) / 1e9;

    List<String> epochs = logger.epochStatus();
    // first and last epoch, and in between at most one update per STATUS_INTERVAL_MILLIS
    assertTrue(epochs.size() <= 2 + seconds * 1000 / BatchRun.STATUS_INTERVAL_MILLIS + 1,
        epochs.size() + " status updates in " + seconds + " s");
    assertTrue(epochs.size() < 400, "not one update per epoch");
    long minimumGap = BatchRun.STATUS_INTERVAL_MILLIS * 1_000_000L;
    // all updates but the first (epoch 1) and the last (the final epoch) keep the minimum gap to the one before
    for (int k = 2; k < logger.statusNanos.size() - 2; k++) {
      assertTrue(logger.statusNanos.get(k) - logger.statusNanos.get(k - 1) >= minimumGap,
          "updates " + (k - 1) + " and " + k + " too close: " + logger.status);
    }
  }

  /**
   * The Explorer's Stop button interrupts the training thread: training ends before the next epoch, with an
   * InterruptedException, a line in the log, and no model left behind.
   */
  @Test
  void stopButtonEndsTrainingWithinOneEpochAndLeavesNoModel() throws Exception {
    BackpropOneHidden classifier = classifier("-tune none -V 0 -N 1000000");
    CountDownLatch firstEpochDone = new CountDownLatch(1);
    CountDownLatch stopPressed = new CountDownLatch(1);
    RecordingLogger logger = new RecordingLogger() {
      @Override
      public void statusMessage(String message) {
        super.statusMessage(message);
        if (message.contains("epoch 1 of")) {
          firstEpochDone.countDown();
          try {
            stopPressed.await(); // hold training here until the test has pressed Stop
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    classifier.setLog(logger);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread training = new Thread(() -> {
      try {
        classifier.buildClassifier(iris);
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "training");
    training.start();
    assertTrue(firstEpochDone.await(30, TimeUnit.SECONDS), "the first epoch never finished");
    training.interrupt(); // what the Explorer's Stop button does
    stopPressed.countDown();
    training.join(30_000);
    assertTrue(!training.isAlive(), "training did not stop");

    assertInstanceOf(InterruptedException.class, thrown.get());
    assertEquals(1, logger.epochStatus().size(), "no epoch may run after Stop: " + logger.status);
    String last = logger.log.get(logger.log.size() - 1);
    assertEquals("BackpropOneHidden: training stopped: training was interrupted after 1 epoch(s); no model was built",
        last);
    assertTrue(classifier.toString().contains("No model built yet"), classifier.toString());
    assertNull(classifier.getTrainingResult());
    assertThrows(Exception.class, () -> classifier.distributionForInstance(iris.instance(0)));
  }

  /**
   * On Java 8 to 19 the Explorer's Stop button also calls Thread.stop(): a ThreadDeath anywhere in training (here
   * thrown where the status bar is updated) must leave no half-trained model either.
   */
  @Test
  @SuppressWarnings("removal")
  void threadDeathLeavesNoModel() throws Exception {
    BackpropOneHidden classifier = classifier("-tune none -V 0 -N 1000");
    classifier.setLog(new RecordingLogger() {
      @Override
      public void statusMessage(String message) {
        super.statusMessage(message);
        throw new ThreadDeath();
      }
    });
    assertThrows(ThreadDeath.class, () -> classifier.buildClassifier(iris));
    assertTrue(classifier.toString().contains("No model built yet"), classifier.toString());
    assertThrows(Exception.class, () -> classifier.distributionForInstance(iris.instance(0)));
  }

  @Test
  void logIsNotPartOfTheModel() throws Exception {
    BackpropOneHidden classifier = classifier("-tune none -N 3");
    classifier.setLog(new RecordingLogger());
    classifier.buildClassifier(iris);
    BackpropOneHidden copy = (BackpropOneHidden) new SerializedObject(classifier).getObject();
    assertNull(copy.getLog(), "a copied model (cross-validation, Experimenter) must not write to the Explorer");
    assertEquals(classifier.toString(), copy.toString());
  }

  @Test
  void fallbackToThePriorIsLogged() throws Exception {
    BackpropOneHidden classifier = classifier("-tune none");
    RecordingLogger logger = new RecordingLogger();
    classifier.setLog(logger);
    classifier.buildClassifier(TestSupport.constantAttributes(3, 1));
    assertEquals(List.of("BackpropOneHidden: no network trained: no attribute varies in the training data; "
        + "predicting the class prior, as ZeroR does"), logger.log);
  }

  @Test
  void debugPrintsAProgressLineEveryFewEpochsOnStandardError() throws Exception {
    BackpropOneHidden classifier = classifier("-tune none -D -N 25");
    assertTrue(classifier.getDebug(), "-D is the short form of -output-debug-info");
    String err = captureStderr(() -> classifier.buildClassifier(iris));
    List<Integer> epochs = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^BackpropOneHidden: epoch (\\d+) of 25, loss \\d+\\.\\d+, "
        + "validation loss \\d+\\.\\d+$").matcher(err);
    while (m.find()) {
      epochs.add(Integer.parseInt(m.group(1)));
    }
    assertEquals(List.of(1, 10, 20, 25), epochs, err);
    assertTrue(err.startsWith("BackpropOneHidden: training started on 150 instances") && err.contains(
        "activation kernels: scalar"), "the first line says what trains, with which kernels:\n" + err);

    BackpropOneHidden quiet = classifier("-tune none -N 25");
    assertEquals("", captureStderr(() -> quiet.buildClassifier(iris)), "no progress lines without -D");
  }

  interface Action {
    void run() throws Exception;
  }

  private static synchronized String captureStderr(Action action) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8.name())) {
      System.setErr(capture);
      action.run();
    } finally {
      System.setErr(original);
    }
    return buffer.toString(StandardCharsets.UTF_8.name());
  }
}
