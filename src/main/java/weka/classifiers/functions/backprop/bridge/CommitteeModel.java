package weka.classifiers.functions.backprop.bridge;

import java.io.InvalidObjectException;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A committee chosen by cross-validation inside training (-tune cv): the k fold networks of the best candidate
 * with the fitted preprocessing they share, the training header, the {@link SearchReport} of what was tried, and
 * how many training instances were dropped for a missing class. Predictions average the networks' class
 * probabilities ({@link Committee}). Immutable; a stream updates it by training each network further
 * ({@link StreamTrainer#continuing(CommitteeModel)}).
 */
public final class CommitteeModel extends ModelState {

  private static final long serialVersionUID = 1L;

  private final Instances header;
  private final Preprocessor preprocessing;
  private final Committee committee;
  private final SearchReport report;
  private final int missingClassDropped;

  CommitteeModel(Instances header, Preprocessor preprocessing, Committee committee, SearchReport report,
      int missingClassDropped) {
    this.header = header;
    this.preprocessing = preprocessing;
    this.committee = committee;
    this.report = report;
    this.missingClassDropped = missingClassDropped;
  }

  @Override
  public void validate() throws InvalidObjectException {
    if (header == null || preprocessing == null || committee == null || report == null) {
      throw new InvalidObjectException("the tuned model has no " + (header == null ? "header"
          : preprocessing == null ? "preprocessing" : committee == null ? "networks" : "tuning report"));
    }
    NetworkModel.validateParts(header, preprocessing, committee.shape(), missingClassDropped,
        "the committee's networks have");
  }

  /** @return the same model with networks trained further (the next buffer of a stream) */
  CommitteeModel withCommittee(Committee trainedFurther) {
    return new CommitteeModel(header, preprocessing, trainedFurther, report, missingClassDropped);
  }

  /** @return the fitted preprocessing */
  Preprocessor preprocessing() {
    return preprocessing;
  }

  /** @return training instances dropped because their class was missing */
  int missingClassDropped() {
    return missingClassDropped;
  }

  @Override
  public Instances header() {
    return header;
  }

  /** @return null: a committee has no single network (see {@link #committee()}) */
  @Override
  public TrainingResult result() {
    return null;
  }

  /** @return the networks whose probabilities the model averages */
  @Override
  public Committee committee() {
    return committee;
  }

  /** @return what the tuning tried and chose */
  @Override
  public SearchReport report() {
    return report;
  }

  @Override
  public double[] distribution(Instance instance) throws Exception {
    return NetworkModel.prediction(preprocessing, committee.distribution(preprocessing.toRow(instance)),
        "the instance");
  }

  @Override
  public double[][] distributions(Instances instances) throws Exception {
    NetworkShape shape = committee.shape();
    return NetworkModel.distributions(preprocessing, committee::distributions, shape.numClasses(), shape.rowWidth(),
        instances);
  }

  @Override
  public JavaSource javaSource() throws Exception {
    Network[] members = new Network[committee.size()];
    for (int j = 0; j < members.length; j++) {
      members[j] = committee.member(j);
    }
    return JavaSource.networks(header, preprocessing, members);
  }

  @Override
  public void describe(StringBuilder text, ModelText.Context context) {
    describe(text, context, missingClassDropped);
  }

  /** @param missingClass training instances without a class value, a stream's included */
  void describe(StringBuilder text, ModelText.Context context, long missingClass) {
    ModelText.facts(text, null, missingClass);
    text.append(ModelText.describeTuned(header, preprocessing, report, committee, context.trainingConfig(),
        context.balanced(), context.options(), context.printAllWeights()));
  }

  /**
   * A committee is updated by a stream that continues each of its networks from its weights, its preprocessing
   * fixed.
   */
  @Override
  public StreamTrainer stream() {
    return StreamTrainer.continuing(this);
  }
}
