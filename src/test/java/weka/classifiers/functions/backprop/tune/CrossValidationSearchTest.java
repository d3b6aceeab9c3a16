package weka.classifiers.functions.backprop.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.EngineTestData;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingDivergedException;

/**
 * The search: its report agrees with its committee (the chosen candidate has the lowest score, which is the mean
 * held-out Brier score of the committee's networks on their folds, recomputed here), the committee averages its
 * networks, the patience ends a candidate, and the whole search is bit-identical for any number of threads.
 */
class CrossValidationSearchTest {

  private static final int ROWS = 240;
  private static final int FOLDS = 4;

  private static TrainingConfig.Builder base(int threads) {
    return TrainingConfig.builder().numHidden(4).activation(Activation.TANH).updateRule(UpdateRule.ADAM)
        .learningRate(0.02).batchSize(16).epochs(60).seed(3).numThreads(threads).weightDecay(1e-4);
  }

  /** The data sorted by fold, with the folds' ranges. */
  private static final class Sorted {
    final DataMatrix rows;
    final int[] start;

    Sorted(DataMatrix data, long seed) {
      int[] fold = Folds.stratified(data.y(), data.numClasses(), FOLDS, seed);
      rows = EngineTestData.rows(data, Folds.sortedByFold(fold, FOLDS));
      start = Folds.starts(fold, FOLDS);
    }
  }

  private static TuningPlan plan() {
    return TuningPlan.of(ROWS, 4, 1e-4, 60, FOLDS, new int[] {2, 6}, new double[] {1e-4, 0.05});
  }

  @Test
  void theReportAgreesWithTheCommittee() {
    Sorted data = new Sorted(EngineTestData.learnable(ROWS, 3, 3, 5), 3);
    List<int[]> epochs = new ArrayList<>();
    CrossValidationSearch.Outcome outcome = CrossValidationSearch.run(data.rows, data.start, base(1).build(),
        plan(), (candidate, epoch, score) -> epochs.add(new int[] {candidate, epoch}));
    SearchReport report = outcome.report();
    Committee committee = outcome.committee();
    assertEquals(4, report.numCandidates());
    assertEquals(FOLDS, report.folds());
    assertEquals(ROWS, report.rows());
    int chosen = report.chosen();
    for (int i = 0; i < report.numCandidates(); i++) {
      assertTrue(report.brier(chosen) <= report.brier(i), "candidate " + i);
      assertTrue(report.bestEpoch(i) >= 1 && report.bestEpoch(i) <= report.epochsRun(i), "candidate " + i);
      assertTrue(report.epochsRun(i) <= 60, "candidate " + i);
      assertTrue(report.epochsRun(i) - report.bestEpoch(i) <= TuningPlan.PATIENCE, "candidate " + i);
    }
    assertEquals(FOLDS, committee.size());
    assertEquals(report.candidate(chosen).numHidden(), committee.shape().numHidden());

    // the chosen score is the mean held-out Brier score of the committee's networks, each on its own fold
    double squares = 0;
    double correct = 0;
    double weight = 0;
    for (int f = 0; f < FOLDS; f++) {
      double[] p = new double[(data.start[f + 1] - data.start[f]) * 3];
      double[] score = CrossValidationSearch.score(committee.member(f), data.rows, data.start[f], data.start[f + 1], p);
      squares += score[0];
      correct += score[1];
    }
    for (int r = 0; r < ROWS; r++) {
      weight += data.rows.weight(r);
    }
    assertEquals(report.brier(chosen), squares / weight, 1e-15);
    assertEquals(report.accuracy(chosen), correct / weight, 1e-15);
    assertTrue(report.accuracy(chosen) > 0.8, "learnable data: " + report.accuracy(chosen));

    // every epoch of every candidate was reported, in order
    int[] last = {-1, 0};
    for (int[] e : epochs) {
      assertTrue(e[0] > last[0] && e[1] == 1 || e[0] == last[0] && e[1] == last[1] + 1, e[0] + "/" + e[1]);
      last = e;
    }
  }

  @Test
  void theCommitteeAveragesItsNetworks() {
    Sorted data = new Sorted(EngineTestData.learnable(ROWS, 3, 3, 6), 3);
    Committee committee = CrossValidationSearch.run(data.rows, data.start, base(1).build(), plan(), null)
        .committee();
    double[] out = new double[5 * 3];
    committee.distributions(data.rows.x(), 10, 5, out);
    for (int r = 0; r < 5; r++) {
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        double mean = 0;
        for (int j = 0; j < committee.size(); j++) {
          double[] pj = new double[5 * 3];
          committee.member(j).distributions(data.rows.x(), 10, 5, pj);
          mean += pj[r * 3 + c];
        }
        assertEquals(mean / committee.size(), out[r * 3 + c], 1e-15);
        sum += out[r * 3 + c];
      }
      assertEquals(1.0, sum, 1e-12);
    }
  }

  @Test
  void theSearchIsBitIdenticalForAnyNumberOfThreads() {
    Sorted data = new Sorted(EngineTestData.random(ROWS, 3, 2, true, 7), 3);
    CrossValidationSearch.Outcome one = CrossValidationSearch.run(data.rows, data.start, base(1).build(), plan(),
        null);
    CrossValidationSearch.Outcome three = CrossValidationSearch.run(data.rows, data.start, base(3).build(),
        plan(), null);
    assertEquals(one.report().chosen(), three.report().chosen());
    for (int i = 0; i < one.report().numCandidates(); i++) {
      assertEquals(one.report().brier(i), three.report().brier(i), 0.0);
      assertEquals(one.report().bestEpoch(i), three.report().bestEpoch(i));
    }
    for (int j = 0; j < FOLDS; j++) {
      assertArrayEquals(one.committee().member(j).parameters(), three.committee().member(j).parameters());
    }
  }

  @Test
  void aDivergingCandidateFailsNamingTheLearningRate() {
    Sorted data = new Sorted(EngineTestData.learnable(ROWS, 3, 2, 8), 3);
    TrainingConfig wild = base(1).updateRule(UpdateRule.GD).batchSize(0).learningRate(1e300).build();
    Exception e = assertThrows(TrainingDivergedException.class,
        () -> CrossValidationSearch.run(data.rows, data.start, wild, plan(), null));
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
  }

  @Test
  void foldRangesThatDoNotCoverTheRowsAreRefused() {
    Sorted data = new Sorted(EngineTestData.learnable(ROWS, 3, 2, 9), 3);
    int[] wrong = data.start.clone();
    wrong[FOLDS] = ROWS - 1;
    assertThrows(IllegalArgumentException.class,
        () -> CrossValidationSearch.run(data.rows, wrong, base(1).build(), plan(), null));
  }
}
