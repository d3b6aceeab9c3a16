package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.core.Instances;

/**
 * The Explorer's Stop button interrupts the training thread: training ends within one epoch with a clear
 * message and leaves no model.
 */
class InterruptionTest {

  /** An epoch takes about a millisecond; the interruption must end a training of many seconds at once. */
  @ParameterizedTest(name = "-num-threads {0}")
  @ValueSource(strings = {"1", "2"})
  void interruptingALongTrainingFromAnotherThreadEndsItPromptly(String threads) throws Exception {
    TestSupport.quietLogging();
    Instances iris = TestSupport.iris();
    BackpropOneHidden classifier = TestSupport.plain();
    classifier.setOptions(new String[] {"-tune", "none", "-H", "20", "-O", "gd", "-L", "0.1", "-B", "0", "-V", "0", "-N", "100000000", "-num-threads",
        threads, "-S", "1"});
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread training = new Thread(() -> {
      try {
        classifier.buildClassifier(iris);
      } catch (Throwable e) {
        thrown.set(e);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    }, "training");
    training.start();
    Thread.sleep(300);
    long interruptedAt = System.nanoTime();
    training.interrupt();
    training.join(10_000);
    double seconds = (System.nanoTime() - interruptedAt) / 1e9;
    assertFalse(training.isAlive(), "training still running 10 s after the interrupt");
    assertTrue(seconds < 2, "took " + seconds + " s to stop");
    Throwable e = thrown.get();
    assertTrue(e instanceof InterruptedException, "expected InterruptedException, got " + e);
    assertTrue(e.getMessage().matches("BackpropOneHidden: training was interrupted after \\d+ epoch\\(s\\); "
        + "no model was built"), e.getMessage());
    assertFalse(flagAfter.get(), "the interrupt flag is cleared by the InterruptedException");
    assertNull(classifier.getNetwork());
    assertEquals("BackpropOneHidden\n=================\n\nNo model built yet.\n", classifier.toString());
    Exception noModel = assertThrows(Exception.class, () -> classifier.distributionForInstance(iris.instance(0)));
    assertTrue(noModel.getMessage().contains("no model built yet"), noModel.getMessage());
  }
}
