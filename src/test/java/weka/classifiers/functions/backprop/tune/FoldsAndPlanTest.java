package weka.classifiers.functions.backprop.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The folds (stratified, seeded, sorted into ranges) and the plan's rule (folds, candidates, patience). */
class FoldsAndPlanTest {

  private static int[] labels(int n, int numClasses, long seed) {
    Random random = new Random(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(numClasses - 1); // imbalanced
    }
    return y;
  }

  @Test
  void foldsAreStratifiedAndDifferInSizeByAtMostOne() {
    int[] y = labels(203, 3, 1);
    int k = 5;
    int[] fold = Folds.stratified(y, 3, k, 7);
    int[] size = new int[k];
    int[][] perClass = new int[3][k];
    for (int i = 0; i < y.length; i++) {
      size[fold[i]]++;
      perClass[y[i]][fold[i]]++;
    }
    assertTrue(Arrays.stream(size).max().getAsInt() - Arrays.stream(size).min().getAsInt() <= 1,
        Arrays.toString(size));
    for (int[] counts : perClass) {
      assertTrue(Arrays.stream(counts).max().getAsInt() - Arrays.stream(counts).min().getAsInt() <= 1,
          Arrays.toString(counts));
    }
    assertArrayEquals(fold, Folds.stratified(y, 3, k, 7), "the same seed, the same folds");
    assertFalse(Arrays.equals(fold, Folds.stratified(y, 3, k, 8)), "another seed, other folds");
  }

  @Test
  void sortedByFoldPutsEachFoldInItsRange() {
    int[] y = labels(57, 2, 2);
    int k = 4;
    int[] fold = Folds.stratified(y, 2, k, 1);
    int[] order = Folds.sortedByFold(fold, k);
    int[] start = Folds.starts(fold, k);
    assertEquals(0, start[0]);
    assertEquals(y.length, start[k]);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i], "a permutation of the rows");
    }
    for (int f = 0; f < k; f++) {
      for (int p = start[f]; p < start[f + 1]; p++) {
        assertEquals(f, fold[order[p]], "position " + p);
        if (p > start[f]) {
          assertTrue(order[p] > order[p - 1], "ascending within a fold");
        }
      }
    }
  }

  private static void assertCandidates(TuningPlan plan, Object... gAndLambda) {
    assertEquals(gAndLambda.length / 2, plan.candidates().size(), plan.candidates().toString());
    for (int i = 0; i < gAndLambda.length; i += 2) {
      Candidate c = plan.candidates().get(i / 2);
      assertEquals(gAndLambda[i], c.numHidden(), c.toString());
      assertEquals((double) gAndLambda[i + 1], c.weightDecay(), 0.0, c.toString());
    }
  }

  @Test
  void theRuleOnSmallData() {
    TuningPlan plan = TuningPlan.of(150, 16, 1e-4, 200, 0, null, null);
    assertTrue(plan.runs());
    assertEquals(5, plan.folds());
    assertEquals(TuningPlan.PATIENCE, plan.patience());
    assertCandidates(plan, 16, 1e-4, 16, 0.01);
    assertCandidates(TuningPlan.of(150, 16, 0.01, 200, 0, null, null), 16, 0.01);
  }

  @Test
  void theRuleOnLargeData() {
    TuningPlan plan = TuningPlan.of(2001, 16, 1e-4, 200, 0, null, null);
    assertEquals(3, plan.folds());
    assertEquals(TuningPlan.LARGE_DATA_PATIENCE, plan.patience());
    assertCandidates(plan, 16, 1e-4, 64, 1e-4);
    assertEquals(5, TuningPlan.of(2000, 16, 1e-4, 200, 0, null, null).folds(), "2,000 rows are not large");
  }

  @Test
  void tooFewRowsOrNoEpochsSkipTheTuning() {
    assertFalse(TuningPlan.of(14, 16, 1e-4, 200, 0, null, null).runs());
    assertTrue(TuningPlan.of(14, 16, 1e-4, 200, 0, null, null).skipReason().contains("14 training instances"));
    assertEquals(3, TuningPlan.of(15, 16, 1e-4, 200, 0, null, null).folds(), "3 folds of 5 rows");
    assertEquals(4, TuningPlan.of(24, 16, 1e-4, 200, 0, null, null).folds());
    assertFalse(TuningPlan.of(1000, 16, 1e-4, 0, 0, null, null).runs());
    assertTrue(TuningPlan.of(1000, 16, 1e-4, 0, 0, null, null).skipReason().contains("-N 0"));
  }

  @Test
  void anExplicitGridAndFoldsReplaceTheRules() {
    TuningPlan plan = TuningPlan.of(5000, 16, 1e-4, 200, 10, new int[] {8, 8, 32}, new double[] {0.1});
    assertEquals(10, plan.folds());
    assertCandidates(plan, 8, 0.1, 32, 0.1);
    assertEquals(6, TuningPlan.of(30, 16, 1e-4, 200, 10, null, null).folds(), "at most one fold per 5 rows");
    assertEquals(2, TuningPlan.of(30, 16, 1e-4, 200, 2, null, null).folds(), "2 folds when asked");
    assertFalse(TuningPlan.of(9, 16, 1e-4, 200, 2, null, null).runs(), "not even 2 folds of 5 rows");
  }
}
