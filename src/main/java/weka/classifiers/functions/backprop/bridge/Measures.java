package weka.classifiers.functions.backprop.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.ToDoubleFunction;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.core.Utils;

/**
 * The facts about training that BackpropOneHidden reports as Weka's additional measures
 * ({@code weka.core.AdditionalMeasureProducer}), so that the Experimenter records them per fold as columns. A
 * measure that does not apply to the model held (the tuning's facts for one network, the training loss of a
 * committee, anything before a model is built) is Weka's missing value, which the Experimenter records as missing.
 * <ul>
 *   <li>{@code measureNumWeights}: the model's weights and biases (a committee: all its networks'; the class prior:
 *       0);</li>
 *   <li>{@code measureNumHiddenUnits}: the hidden units of the network, or of each network of a committee (the
 *       class prior: 0);</li>
 *   <li>{@code measureEpochsRun}: epochs run (a committee: by the chosen candidate's fold networks);</li>
 *   <li>{@code measureKeptEpoch}: the epoch whose weights the model has (a committee: the chosen candidate's best
 *       epoch);</li>
 *   <li>{@code measureFinalTrainingLoss}: one network's training objective after its last epoch;</li>
 *   <li>{@code measureBestValidationLoss}: one network's held-out loss at the kept epoch (missing without a
 *       validation split);</li>
 *   <li>{@code measureTunedHiddenUnits}, {@code measureTunedWeightDecay}: what -tune cv chose;</li>
 *   <li>{@code measureTuningFolds}: its k;</li>
 *   <li>{@code measureTuningCvBrier}, {@code measureTuningCvAccuracy}: the chosen candidate's mean held-out Brier
 *       score and held-out accuracy in percent, at its best epoch (a numeric class: the mean held-out squared error
 *       of the standardized class, and no accuracy);</li>
 *   <li>{@code measureTuningCvRrse}: for a numeric class, the chosen candidate's held-out root relative squared error
 *       in percent at its best epoch, 100 · √(Σ_k s_k (p_k − t_k)² / Σ_k s_k (t_k − t̄)²) over all rows, each
 *       predicted by the fold network that did not train on it, t̄ the rows' weighted mean (100: no better than
 *       predicting the mean); missing for a nominal class;</li>
 *   <li>{@code measureCommitteeSize}: the networks the committee averages.</li>
 * </ul>
 */
public final class Measures {

  /** The facts of one model state, read once. */
  private static final class Facts {
    /** One network's training, or null. */
    final TrainingResult result;
    /** A committee's networks, or null. */
    final Committee committee;
    /** The tuning's report, or null. */
    final SearchReport report;
    /** True for the class prior (no network). */
    final boolean prior;

    Facts(ModelState state) {
      result = state.result();
      committee = result == null ? state.committee() : null;
      report = committee == null ? null : state.report();
      prior = state instanceof PriorModel;
    }

    /** @return the chosen candidate's value, or the missing value without a tuning report */
    double chosen(IndexedValue value) {
      return report == null ? Utils.missingValue() : value.of(report, report.chosen());
    }
  }

  /** A value a {@link SearchReport} gives for candidate i. */
  private interface IndexedValue {
    double of(SearchReport report, int i);
  }

  /** The measures, in the order they are enumerated. */
  private enum Measure {
    NUM_WEIGHTS("measureNumWeights", f -> f.result != null ? f.result.network().shape().numParameters()
        : f.committee != null ? (double) f.committee.size() * f.committee.shape().numParameters()
        : f.prior ? 0 : Utils.missingValue()),
    NUM_HIDDEN_UNITS("measureNumHiddenUnits", f -> f.result != null ? f.result.network().shape().numHidden()
        : f.committee != null ? f.committee.shape().numHidden() : f.prior ? 0 : Utils.missingValue()),
    EPOCHS_RUN("measureEpochsRun", f -> f.result != null ? f.result.epochs() : f.chosen(SearchReport::epochsRun)),
    KEPT_EPOCH("measureKeptEpoch", f -> f.result != null ? f.result.keptEpoch()
        : f.chosen(SearchReport::bestEpoch)),
    FINAL_TRAINING_LOSS("measureFinalTrainingLoss", f -> f.result != null ? f.result.finalLoss()
        : Utils.missingValue()),
    BEST_VALIDATION_LOSS("measureBestValidationLoss", Measures::bestValidationLoss),
    TUNED_HIDDEN_UNITS("measureTunedHiddenUnits", f -> f.chosen((r, i) -> r.candidate(i).numHidden())),
    TUNED_WEIGHT_DECAY("measureTunedWeightDecay", f -> f.chosen((r, i) -> r.candidate(i).weightDecay())),
    TUNING_FOLDS("measureTuningFolds", f -> f.chosen((r, i) -> r.folds())),
    TUNING_CV_BRIER("measureTuningCvBrier", f -> f.chosen(SearchReport::brier)),
    TUNING_CV_ACCURACY("measureTuningCvAccuracy", f -> f.chosen((r, i) -> 100 * r.accuracy(i))),
    TUNING_CV_RRSE("measureTuningCvRrse", f -> f.chosen((r, i) -> 100 * r.rootRelativeSquaredError(i))),
    COMMITTEE_SIZE("measureCommitteeSize", f -> f.committee != null ? f.committee.size() : Utils.missingValue());

    final String measureName;
    final ToDoubleFunction<Facts> value;

    Measure(String measureName, ToDoubleFunction<Facts> value) {
      this.measureName = measureName;
      this.value = value;
    }
  }

  private Measures() {
  }

  /** @return the names of the measures, as AdditionalMeasureProducer enumerates them */
  public static Enumeration<String> names() {
    List<String> names = new ArrayList<>();
    for (Measure measure : Measure.values()) {
      names.add(measure.measureName);
    }
    return Collections.enumeration(names);
  }

  /**
   * @param state the model the classifier holds
   * @param name a measure's name (case is ignored, as Weka's classifiers do)
   * @return its value for the model, or Weka's missing value where it does not apply
   * @throws IllegalArgumentException if no measure has the name, listing those that exist
   */
  public static double value(ModelState state, String name) {
    for (Measure measure : Measure.values()) {
      if (measure.measureName.equalsIgnoreCase(name)) {
        return measure.value.applyAsDouble(new Facts(state));
      }
    }
    throw new IllegalArgumentException(TrainingLog.PREFIX + name + " not supported; the measures are " + String.join(", ", Collections.list(names())));
  }

  /** @return one network's held-out loss at its kept epoch, or the missing value without a validation split */
  private static double bestValidationLoss(Facts facts) {
    double[] history = facts.result == null ? null : facts.result.validationHistory();
    return history == null ? Utils.missingValue() : history[facts.result.keptEpoch()];
  }
}
