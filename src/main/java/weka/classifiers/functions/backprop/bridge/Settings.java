package weka.classifiers.functions.backprop.bridge;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;

import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.train.TrainingConfig;

/**
 * The values of the options the {@link OptionTable} keeps, immutable: an option never set has its row's default.
 * Each value is checked by its row when it is set. Saved with the model, keyed by the option's bean property, so
 * that an option added later reads as its default from a model saved before it.
 */
public final class Settings implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Every option at its default. */
  public static final Settings DEFAULTS = new Settings(new HashMap<String, Object>());

  /** Bean property → value, for the options set; the others have their default. */
  private final HashMap<String, Object> values;

  private Settings(HashMap<String, Object> values) {
    this.values = values;
  }

  /**
   * Loaded settings are checked as set ones are: each option the table keeps has a value of its type that its rule
   * allows (a value of an option this version does not know is ignored, as a newer model may have one).
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (values == null) {
      throw new InvalidObjectException("the saved options are missing");
    }
    for (OptionRow<?> row : OptionTable.ROWS) {
      if (row.keeper() == OptionRow.Keeper.SETTINGS && values.containsKey(row.property())) {
        check(row, values.get(row.property()));
      }
    }
  }

  private static <T> void check(OptionRow<T> row, Object value) throws InvalidObjectException {
    if (!row.type().isInstance(value)) {
      throw new InvalidObjectException("saved option " + row + ": a " + (value == null ? "null"
          : value.getClass().getSimpleName()) + ", not a " + row.type().getSimpleName());
    }
    try {
      row.check(row.type().cast(value));
    } catch (IllegalArgumentException e) {
      throw new InvalidObjectException("saved option " + row + ": " + e.getMessage());
    }
  }

  /**
   * @param row an option the table keeps
   * @return its value
   */
  public <T> T get(OptionRow<T> row) {
    return row.cast(values.get(row.property()));
  }

  /**
   * @param row an option the table keeps
   * @param value its new value
   * @return these settings with that value
   * @throws IllegalArgumentException naming the option and its allowed values if the value is not allowed
   */
  public <T> Settings with(OptionRow<T> row, T value) {
    if (row.keeper() != OptionRow.Keeper.SETTINGS) {
      throw new IllegalArgumentException(row + " is kept by Weka's superclass");
    }
    HashMap<String, Object> changed = new HashMap<>(values);
    changed.put(row.property(), row.check(value));
    return new Settings(changed);
  }

  /** @return these settings with the row's value taken out of a command line (see {@link OptionRow#parse}) */
  <T> Settings parsed(OptionRow<T> row, String[] options) throws Exception {
    return with(row, row.parse(options));
  }

  /** Appends the row's option as getOptions writes it (a flag only when on). */
  <T> void write(OptionRow<T> row, List<String> options) {
    T value = get(row);
    if (!(value instanceof Boolean)) {
      options.add("-" + row.flag());
      options.add(row.text(value));
    } else if ((Boolean) value) {
      options.add("-" + row.flag());
    }
  }

  /** @return the number of threads to use: -num-threads, or the available processors for 0 */
  public int effectiveNumThreads() {
    int threads = get(OptionTable.NUM_THREADS);
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * @param seed the seed (-S, kept by Weka's RandomizableClassifier)
   * @return the engine's settings for these options, with this JVM's activation kernels
   *     ({@link Kernels#ofThisJvm()}: not an option, so that the model text's options stay what they were)
   * @throws IllegalArgumentException if the options break the rule across them (-O lbfgs needs -B 0)
   */
  public TrainingConfig trainingConfig(int seed) {
    return TrainingConfig.builder().numHidden(get(OptionTable.NUM_HIDDEN)).activation(get(OptionTable.ACTIVATION))
        .learningRate(get(OptionTable.LEARNING_RATE)).epochs(get(OptionTable.NUM_EPOCHS)).seed(seed)
        .numThreads(effectiveNumThreads()).updateRule(get(OptionTable.OPTIMIZER)).momentum(get(OptionTable.MOMENTUM))
        .learningRateDecay(get(OptionTable.LEARNING_RATE_DECAY)).weightDecay(get(OptionTable.WEIGHT_DECAY))
        .batchSize(get(OptionTable.MINI_BATCH_SIZE)).validationFraction(get(OptionTable.VALIDATION_FRACTION))
        .patience(get(OptionTable.PATIENCE)).kernels(Kernels.ofThisJvm()).build();
  }
}
