package weka.classifiers.functions.backprop.bridge;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;

import weka.classifiers.functions.backprop.Tuning;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;

/**
 * Reads a BackpropOneHidden saved by version 1.0 or 1.1, which kept each option in a field of its own
 * ({@code m_NumHidden} …) and its model in seven fields, told apart by which were null ({@code m_Preprocessing},
 * {@code m_Result}, {@code m_ZeroR}, {@code m_FallbackReason}, {@code m_NumMissingClassDropped}, {@code m_Header},
 * and since 1.1 {@code m_Stream} and {@code m_TrainedElsewhere}). The classifier's readObject hands over the
 * fields it read; this maps them to {@link Settings} and a {@link ModelState}, which predict exactly as before.
 */
public final class SavedFields {

  private SavedFields() {
  }

  /**
   * @param fields the saved fields of a model saved by version 1.0 or 1.1
   * @return its options; an option it did not have (-buffer in 1.0, any option added since) has its default, but
   *     -tune is none: those versions trained one network, and building the loaded classifier again does the same
   * @throws IOException if a saved value is not allowed
   */
  public static Settings settings(ObjectInputStream.GetField fields) throws IOException {
    Settings settings = Settings.DEFAULTS.with(OptionTable.TUNE, Tuning.NONE);
    for (OptionRow<?> row : OptionTable.ROWS) {
      if (row.keeper() == OptionRow.Keeper.SETTINGS) {
        settings = read(settings, row, fields);
      }
    }
    return settings;
  }

  /** @return the settings with the row's saved value, if the model has one */
  private static <T> Settings read(Settings settings, OptionRow<T> row, ObjectInputStream.GetField fields)
      throws IOException {
    // 1.x named each field after its property, except the mini-batch size (m_BatchSize, -B)
    String property = row.property();
    String name = row == OptionTable.MINI_BATCH_SIZE ? "m_BatchSize"
        : "m_" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
    if (!saved(fields, name)) {
      return settings;
    }
    Object value;
    if (row.type() == Integer.class) {
      value = fields.get(name, 0);
    } else if (row.type() == Double.class) {
      value = fields.get(name, 0.0);
    } else if (row.type() == Boolean.class) {
      value = fields.get(name, false);
    } else {
      value = fields.get(name, null);
    }
    if (row == OptionTable.BUFFER_SIZE && (Integer) value < 1) {
      return settings; // never set: the default
    }
    try {
      return settings.with(row, row.cast(value));
    } catch (IllegalArgumentException | ClassCastException e) {
      InvalidObjectException invalid = new InvalidObjectException("saved option " + row + ": " + e.getMessage());
      invalid.initCause(e);
      throw invalid;
    }
  }

  /**
   * @param fields the saved fields of a model saved by version 1.0 or 1.1
   * @return its model: a stream, a network, the class prior, or nothing built
   * @throws IOException if a field cannot be read
   */
  public static ModelState model(ObjectInputStream.GetField fields) throws IOException {
    Instances header = (Instances) fields.get("m_Header", null);
    Preprocessor preprocessing = (Preprocessor) fields.get("m_Preprocessing", null);
    TrainingResult result = (TrainingResult) fields.get("m_Result", null);
    ZeroR zeroR = (ZeroR) fields.get("m_ZeroR", null);
    String reason = (String) fields.get("m_FallbackReason", null);
    int missingClassDropped = fields.get("m_NumMissingClassDropped", 0);
    String trainedWhere = saved(fields, "m_TrainedElsewhere") ? (String) fields.get("m_TrainedElsewhere", null) : null;
    StreamBuffer stream = saved(fields, "m_Stream") ? (StreamBuffer) fields.get("m_Stream", null) : null;
    NetworkModel network = result == null ? null
        : new NetworkModel(header, preprocessing, result, missingClassDropped, trainedWhere);
    if (stream != null) {
      // the prior a stream predicts until a network is trained is made again from its class weights
      return new StreamTrainer(header, stream, network, network == null ? reason : null);
    }
    if (network != null) {
      return network;
    }
    if (zeroR != null) {
      return new PriorModel(header, zeroR, reason, missingClassDropped);
    }
    return ModelState.NONE;
  }

  /** @return true if the saved class had the field */
  private static boolean saved(ObjectInputStream.GetField fields, String name) throws IOException {
    try {
      return !fields.defaulted(name);
    } catch (IllegalArgumentException e) {
      return false; // neither the saved class nor this one has the field
    }
  }
}
