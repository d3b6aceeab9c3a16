package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The split's choice between two threads and one ({@link HiddenSplit#useSplit}): each period starts with a trial
 * alone and a trial split, the faster per row wins the rest of the period, and a period the split lost is followed
 * by one twice as long, up to {@link HiddenSplit#MAX_PERIOD}.
 */
class HiddenSplitChoiceTest {

  private static HiddenSplit split() {
    Layout layout = new Layout(3, 16, 1, false);
    return new HiddenSplit(new Objective(layout, ActivationFunction.TANH, ActivationKernels.SCALAR),
        new Objective(layout, ActivationFunction.TANH, ActivationKernels.SCALAR));
  }

  /** Runs {@code calls} ranges of {@code rows} rows, each taking {@code nanos}; returns how many were split. */
  private static int run(HiddenSplit split, int calls, int rows, long nanos) {
    int splitCalls = 0;
    for (int c = 0; c < calls; c++) {
      splitCalls += split.useSplit() ? 1 : 0;
      split.called(rows, nanos);
    }
    return splitCalls;
  }

  @Test
  void theFasterPerRowWinsThePeriodAndALostPeriodIsFollowedByALongerOne() {
    HiddenSplit split = split();
    int trial = HiddenSplit.TRIAL_CALLS;
    assertEquals(0, run(split, trial, 32, 20_000), "the first trial is alone");
    assertEquals(trial, run(split, trial, 32, 30_000), "the second trial is split");
    assertFalse(split.splitWins());
    assertEquals(0, run(split, 2 * HiddenSplit.PERIOD, 32, 20_000), "a period the split lost is twice as long");

    assertEquals(0, run(split, trial, 32, 20_000));
    // split ranges of 64 rows in 30 µs are faster per row than ranges of 32 in 20 µs
    assertEquals(trial, run(split, trial, 64, 30_000));
    assertTrue(split.splitWins());
    assertEquals(HiddenSplit.PERIOD, run(split, HiddenSplit.PERIOD, 32, 13_000), "a period the split won");
    assertEquals(0, run(split, trial, 32, 20_000), "then trials again");
  }

  @Test
  void losingPeriodsGrowToTheLongest() {
    HiddenSplit split = split();
    int trial = HiddenSplit.TRIAL_CALLS;
    int period = HiddenSplit.PERIOD;
    for (int lost = 1; lost <= 6; lost++) {
      run(split, trial, 32, 10_000);
      run(split, trial, 32, 90_000);
      period = Math.min(2 * period, HiddenSplit.MAX_PERIOD);
      assertEquals(0, run(split, period, 32, 10_000), "period after " + lost + " lost trials");
    }
    assertEquals(HiddenSplit.MAX_PERIOD, period);
  }

  @Test
  void aNetworkWithFewerHiddenUnitsThanTheSplitNeedsIsRefused() {
    Layout small = new Layout(3, HiddenSplit.MIN_HIDDEN - 1, 1, false);
    Objective objective = new Objective(small, ActivationFunction.TANH, ActivationKernels.SCALAR);
    assertThrows(IllegalArgumentException.class, () -> new HiddenSplit(objective, objective));
  }
}
