package weka.classifiers.functions.backprop.bridge;

import weka.gui.Logger;

/**
 * Where training reports: the Explorer's log and status bar (a {@link Logger}, if one was set) and, with -D, standard
 * error. Every line starts with the classifier's name. Made for each call from the classifier's current log and
 * debug flag; never saved.
 */
public final class TrainingLog {

  /** What every line starts with. */
  public static final String PREFIX = "BackpropOneHidden: ";

  private final Logger log;
  private final boolean debug;

  /**
   * @param log the Explorer's log, or null for none
   * @param debug true for -D
   */
  public TrainingLog(Logger log, boolean debug) {
    this.log = log;
    this.debug = debug;
  }

  /** @return true if there is a log to write to */
  boolean hasLog() {
    return log != null;
  }

  /** @return true for -D: progress lines go to standard error */
  boolean debug() {
    return debug;
  }

  /** Writes a line to the Explorer's log, if there is one. */
  void log(String message) {
    if (log != null) {
      log.logMessage(PREFIX + message);
    }
  }

  /**
   * @param message a message that may start with {@link #PREFIX}
   * @return the message without it, to be quoted inside another one
   */
  public static String withoutPrefix(String message) {
    return message != null && message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
  }

  /** Shows a message in the Explorer's status bar, if there is one. */
  void status(String message) {
    if (log != null) {
      log.statusMessage(PREFIX + message);
    }
  }

  /** With -D, writes a line to standard error. */
  void debugLine(String message) {
    if (debug) {
      System.err.println(PREFIX + message);
    }
  }
}
