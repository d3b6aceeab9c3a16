package weka.classifiers.functions.backprop.bridge;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;

import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.tune.SearchReport;
import weka.core.Instance;
import weka.core.Instances;

/**
 * What a BackpropOneHidden holds, in one field: exactly one of
 * <ul>
 *   <li>{@link #NONE}: nothing built yet;</li>
 *   <li>{@link NetworkModel}: a trained network with its preprocessing, header and training facts;</li>
 *   <li>{@link PriorModel}: the class prior, with the reason no network could be trained;</li>
 *   <li>{@link CommitteeModel}: the k fold networks chosen by cross-validation (-tune cv), with their preprocessing,
 *       header and the tuning's report;</li>
 *   <li>{@link BatchRun}: batch training in progress (between initializeClassifier and done), or kept after it
 *       for -resume; never saved (a saved copy holds what the run had finished, or nothing);</li>
 *   <li>{@link StreamTrainer}: incremental training: the buffer, the stream's counts and the network (or prior)
 *       so far.</li>
 * </ul>
 * Predictions, the model text and the lifecycle's next step ask the state; the classifier tests no field for null.
 */
public abstract class ModelState implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Nothing built yet. */
  public static final ModelState NONE = new Unbuilt(false);

  /**
   * A build in progress that has no run yet (its data is being checked and its preprocessing fitted): what another
   * thread predicting with the classifier meets then, and is told so. Saved as {@link #NONE}.
   */
  public static final ModelState BUILDING = new Unbuilt(true);

  ModelState() {
  }

  /** @return false for {@link #NONE} */
  public boolean isBuilt() {
    return true;
  }

  /** @return the training data's header (the header checks compare with it) */
  public abstract Instances header();

  /** @return the trained network and how training went, or null if no network was trained (yet) */
  public abstract TrainingResult result();

  /** @return the networks of a model tuned by cross-validation, or null for any other state */
  public Committee committee() {
    return null;
  }

  /** @return what the tuning tried and chose for the committee held (-tune cv), or null for any other state */
  public SearchReport report() {
    return null;
  }

  /**
   * @param instance an instance with the training header, checked
   * @return the class probabilities
   * @throws Exception if prediction fails
   */
  public abstract double[] distribution(Instance instance) throws Exception;

  /**
   * @param instances instances with the training header, checked
   * @return the class probabilities of each
   * @throws Exception if prediction fails
   */
  public abstract double[][] distributions(Instances instances) throws Exception;

  /**
   * Appends the model text after the classifier's title.
   *
   * @param text where the text goes
   * @param context the classifier's current options
   */
  public abstract void describe(StringBuilder text, ModelText.Context context);

  /**
   * @return what {@link JavaSource} writes as a self-contained Java class: the model's preprocessing and networks,
   *     or its class prior
   * @throws Exception if there is no model to write (nothing built, training in progress, a model that cannot be
   *     written), saying why
   */
  public abstract JavaSource javaSource() throws Exception;

  /** @return the number the next instance given to updateClassifier gets, counting from 1 */
  public long nextStreamInstance() {
    return 1;
  }

  /**
   * The stream that updateClassifier adds to: the stream itself, or a new one continuing a trained network.
   *
   * @return the stream
   * @throws IllegalStateException if this state cannot be updated, saying why
   * @throws Exception if nothing was built
   */
  public abstract StreamTrainer stream() throws Exception;

  /**
   * Checks a loaded state before it is used: its parts agree with each other (the network with the preprocessing
   * and the class, the stream's buffer with its header). Each part has checked itself as it was read (shapes,
   * lengths, finite numbers, checksums).
   *
   * @throws InvalidObjectException saying what does not fit
   */
  public void validate() throws InvalidObjectException {
    // nothing built: nothing to check
  }

  /** Releases what training holds (the threads of a batch run); a no-op for a state that holds nothing. */
  public void close() {
  }

  /** Nothing built yet ({@link #NONE}, also after loading), or a build starting ({@link #BUILDING}). */
  private static final class Unbuilt extends ModelState {

    private static final long serialVersionUID = 1L;

    /** True for {@link #BUILDING}. */
    private final transient boolean building;

    Unbuilt(boolean building) {
      this.building = building;
    }

    @Override
    public boolean isBuilt() {
      return false;
    }

    @Override
    public Instances header() {
      throw building ? rebuilding() : new IllegalStateException(TrainingLog.PREFIX + "no model built yet");
    }

    /** @return the failure of a prediction that meets a build in another thread */
    private static IllegalStateException rebuilding() {
      return new IllegalStateException(TrainingLog.PREFIX + "the classifier is being rebuilt (buildClassifier has "
          + "started in another thread and has no model yet); do not predict with a classifier while another thread "
          + "trains it: predict with a copy (AbstractClassifier.makeCopy), or wait until buildClassifier returns");
    }

    @Override
    public TrainingResult result() {
      return null;
    }

    @Override
    public double[] distribution(Instance instance) throws Exception {
      throw notBuilt();
    }

    @Override
    public double[][] distributions(Instances instances) throws Exception {
      throw notBuilt();
    }

    private Exception notBuilt() {
      return building ? rebuilding() : new Exception(TrainingLog.PREFIX + "no model built yet; call buildClassifier "
          + "first");
    }

    @Override
    public JavaSource javaSource() throws Exception {
      throw notBuilt();
    }

    @Override
    public void describe(StringBuilder text, ModelText.Context context) {
      text.append(building ? "Training is starting (buildClassifier in progress).\n" : "No model built yet.\n");
    }

    @Override
    public StreamTrainer stream() throws Exception {
      throw new Exception(TrainingLog.PREFIX + "no model to update; call buildClassifier first (on the "
          + "header without instances, to start incremental training)");
    }

    /** A copy saved during a build holds nothing. */
    private Object writeReplace() throws ObjectStreamException {
      return NONE;
    }

    private Object readResolve() throws ObjectStreamException {
      return NONE;
    }
  }
}
