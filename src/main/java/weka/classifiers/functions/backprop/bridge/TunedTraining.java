package weka.classifiers.functions.backprop.bridge;

import weka.classifiers.functions.backprop.Tuning;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.classifiers.functions.backprop.train.TrainingDivergedException;
import weka.classifiers.functions.backprop.train.TrainingInterruptedException;
import weka.classifiers.functions.backprop.tune.Candidate;
import weka.classifiers.functions.backprop.tune.CrossValidationSearch;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.classifiers.functions.backprop.tune.TuningPlan;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Batch training with -tune cv: the data checked and preprocessed as for one network, the
 * {@link TuningPlan} made from its size and the options, the {@link CrossValidationSearch} run with its progress in
 * the status bar (and with -D on standard error), and the chosen committee kept as a {@link CommitteeModel}. When
 * the plan does not run (too few instances, -N 0), the caller trains one network as with -tune none; the log says
 * why.
 */
public final class TunedTraining {

  private TunedTraining() {
  }

  /**
   * @param settings the classifier's options
   * @param log where training reports (that -resume turns tuning off)
   * @return true if batch training tunes with these options (-tune cv, and not -resume, which continues one network)
   */
  public static boolean applies(Settings settings, TrainingLog log) {
    boolean cv = settings.get(OptionTable.TUNE) == Tuning.CV;
    if (cv && settings.get(OptionTable.RESUME)) {
      log.log("-resume continues one network: -tune cv is not used with it");
    }
    return cv && !settings.get(OptionTable.RESUME);
  }

  /**
   * @param data the training data, at least one instance, values and capabilities checked
   * @param settings the classifier's options
   * @param config the engine's settings for them
   * @param log where training reports
   * @param missingClassBefore instances without a class value dropped before (by a stream's buffer)
   * @return the committee, or the class prior when there is nothing to learn; null when the plan does not run
   * @throws Exception if training was interrupted or diverged, or the data cannot be handled
   */
  public static ModelState train(Instances data, Settings settings, TrainingConfig config, TrainingLog log,
      int missingClassBefore) throws Exception {
    Instances train = TrainingData.withClass(data);
    int missingClassDropped = missingClassBefore + data.numInstances() - train.numInstances();
    Instances header = TrainingData.ownHeader(data);
    StatisticsPreprocessing preprocessing;
    try {
      preprocessing = TrainingData.fitPreprocessing(train);
    } catch (TrainingData.NothingToLearn e) {
      return BatchRun.prior(header, train, e, missingClassDropped, log);
    }
    int n = train.numInstances();
    TuningPlan plan = TuningPlan.of(n, config.numHidden(), config.weightDecay(), config.epochs(),
        settings.get(OptionTable.TUNE_FOLDS), TuningGrid.hidden(settings.get(OptionTable.TUNE_HIDDEN)),
        TuningGrid.decays(settings.get(OptionTable.TUNE_DECAY)));
    if (!plan.runs()) {
      String why = "no tuning: " + plan.skipReason() + "; one network is trained with the options, as with -tune none";
      log.log(why);
      log.debugLine(why);
      return null;
    }
    int largest = 0;
    for (Candidate candidate : plan.candidates()) {
      largest = Math.max(largest, candidate.numHidden());
    }
    TrainingData.checkTrainingSize(config.toBuilder().numHidden(largest).build(), n, preprocessing.numInputs(),
        train.numClasses());
    // the rows sorted by fold, built once: each fold network leaves its fold's range out
    TrainingData.FoldRows folds = TrainingData.foldRows(preprocessing, train, plan.folds(), config.seed(),
        settings.get(OptionTable.BALANCE_CLASSES));
    String started = "tuning started on " + n + " instances: " + plan.folds() + "-fold cross-validation of "
        + plan.candidates().size() + (plan.candidates().size() == 1 ? " candidate " : " candidates ")
        + plan.candidates() + ", at most " + config.epochs() + " epochs each, patience " + plan.patience()
        + "; activation kernels: " + config.kernels().implementation().name();
    log.log(started);
    log.debugLine(started);
    Progress progress = new Progress(plan, log, folds.rows.isNumeric());
    CrossValidationSearch.Outcome outcome;
    try {
      outcome = CrossValidationSearch.run(folds.rows, folds.start, config, plan, progress);
    } catch (TrainingInterruptedException e) {
      log.log("tuning stopped: " + e.getMessage());
      log.status("tuning stopped; no model was built");
      throw new InterruptedException(TrainingLog.PREFIX + "tuning: " + e.getMessage());
    } catch (TrainingDivergedException e) {
      log.log("tuning failed: " + e.getMessage());
      throw BatchRun.diverged(e, config);
    }
    SearchReport report = outcome.report();
    String finished = "tuning finished in " + Utils.doubleToString(progress.seconds(), 2).trim() + " s: chose "
        + report.candidate(report.chosen()) + " at epoch " + report.bestEpoch(report.chosen()) + " (mean held-out "
        + Progress.score(report.numeric()) + " " + ModelText.format(report.brier(report.chosen()))
        + "); the model averages its "
        + report.folds() + " fold networks";
    log.log(finished);
    log.debugLine(finished);
    log.status("tuning finished: " + report.candidate(report.chosen()));
    return new CommitteeModel(header, preprocessing, outcome.committee(), report, missingClassDropped);
  }

  /** The status bar (a few updates a second) and, with -D, a line every few epochs. */
  private static final class Progress implements CrossValidationSearch.Progress {
    private final TuningPlan plan;
    private final TrainingLog log;
    private final boolean numeric;
    private final long startNanos = System.nanoTime();
    private long lastStatusNanos = startNanos;

    Progress(TuningPlan plan, TrainingLog log, boolean numeric) {
      this.plan = plan;
      this.log = log;
      this.numeric = numeric;
    }

    /** @return the name of the tuning's score */
    static String score(boolean numeric) {
      return numeric ? "squared error" : "Brier score";
    }

    double seconds() {
      return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void epoch(int candidate, int epoch, double score) {
      if (!log.hasLog() && !log.debug()) {
        return;
      }
      String progress = "tuning: candidate " + (candidate + 1) + " of " + plan.candidates().size() + " ("
          + plan.candidates().get(candidate) + "), epoch " + epoch + ", mean held-out " + score(numeric) + " "
          + ModelText.format(score);
      long now = System.nanoTime();
      if (log.hasLog() && (epoch == 1 || now - lastStatusNanos >= BatchRun.STATUS_INTERVAL_MILLIS * 1_000_000L)) {
        lastStatusNanos = now;
        log.status(progress);
      }
      if (log.debug() && (epoch == 1 || epoch % BatchRun.DEBUG_EPOCH_INTERVAL == 0)) {
        log.debugLine(progress);
      }
    }
  }
}
