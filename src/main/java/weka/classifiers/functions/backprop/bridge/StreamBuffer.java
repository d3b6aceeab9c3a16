package weka.classifiers.functions.backprop.bridge;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import weka.classifiers.functions.backprop.Checksum;
import weka.classifiers.functions.backprop.preprocess.TargetSums;

import weka.core.Instance;
import weka.core.Instances;

/**
 * The bookkeeping of incremental training (Weka's {@code UpdateableClassifier}): the instances buffered since
 * the last buffer was trained, and counts of what the stream has brought. Only the buffer (at most one buffer
 * of instances) and a few numbers per class are kept: nothing grows with the length of the stream.
 *
 * <p>It is saved with the model, buffered instances included, so that a saved model can go on being updated.
 * Its methods are synchronized: predictions and the model text read the counts while a stream adds to them.
 */
public final class StreamBuffer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The instances waiting to be trained on (the training header; copies of the stream's instances). */
  private Instances buffer;
  /**
   * Sum of the weights of the instances with each class value, over the whole stream (for the prior); for a numeric
   * class one sum, of all instances' weights.
   */
  private final double[] classWeights;
  /** For a numeric class, the sums of the class values received (their weighted mean is the prior); else null. */
  private TargetSums targetSums;
  /**
   * The class weights are in units of 2^this: 0, or once a sum would overflow {@link PriorModel#OVERFLOW_UNIT_EXPONENT}
   * (0 in models saved before it was added).
   */
  private int classWeightExponent;
  /** Instances given to {@link #add}, with or without a class value. */
  private long received;
  /** Instances given to {@link #add} whose class value was missing (not buffered). */
  private long missingClass;
  /** Buffers handed out by {@link #take} and trained on (or, when nothing could be learned, counted only). */
  private long buffersTaken;
  /** Number of instances the preprocessing statistics were computed from; 0 while not yet computed. */
  private int statisticsRows;
  /** The buffer they came from, counting from 1 (0 for the batch before the stream, or not yet computed). */
  private long statisticsBuffer;
  /** Instances the model had been trained on in one batch before the stream (0 if it began with the stream). */
  private final int batchRows;
  /**
   * {@link Checksum} of the counts, the class weights and the buffered instances, computed when saved;
   * {@link Checksum#NONE} in models saved before it was kept.
   */
  private long checksum;

  /**
   * A stream that begins with no model (buildClassifier on a header without instances).
   *
   * @param header the training header (class set)
   */
  public StreamBuffer(Instances header) {
    this(header, 0, 0);
  }

  /**
   * A stream that continues a model trained in one batch.
   *
   * @param header the training header (class set)
   * @param batchRows instances of that batch (with a class value)
   * @param statisticsRows instances its preprocessing statistics came from (0 if none were computed)
   */
  public StreamBuffer(Instances header, int batchRows, int statisticsRows) {
    this.buffer = new Instances(header, 0);
    this.classWeights = new double[Math.max(header.numClasses(), 0)];
    this.batchRows = batchRows;
    this.statisticsRows = statisticsRows;
  }

  private long checksum() {
    Checksum sum = new Checksum().add(classWeights).add((long) classWeightExponent).add(received).add(missingClass)
        .add(buffersTaken).add((long) statisticsRows).add(statisticsBuffer).add((long) batchRows)
        .add((long) buffer.numInstances());
    if (targetSums != null) {
      sum.add(targetSums.totalWeight()).add(targetSums.mean()); // only then: older checksums stay valid
    }
    for (int k = 0; k < buffer.numInstances(); k++) {
      sum.add(buffer.instance(k).weight()).add(buffer.instance(k).toDoubleArray());
    }
    return sum.value();
  }

  private synchronized void writeObject(ObjectOutputStream out) throws IOException {
    checksum = checksum();
    out.defaultWriteObject();
  }

  /** A loaded buffer is checked: counts that add up, class weights that are weights, and a checksum that matches. */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (buffer == null || classWeights == null) {
      throw new InvalidObjectException("the stream has no buffer");
    }
    if (received < 0 || missingClass < 0 || missingClass > received || buffersTaken < 0 || statisticsRows < 0
        || statisticsBuffer < 0 || batchRows < 0 || received - missingClass < buffer.numInstances()) {
      throw new InvalidObjectException("the stream's counts do not add up");
    }
    for (double w : classWeights) {
      if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
        throw new InvalidObjectException("the stream has a class weight of " + w);
      }
    }
    if (checksum != Checksum.NONE && checksum != checksum()) {
      throw new InvalidObjectException("the stream's counts and buffered instances do not match their checksum: the "
          + "file was changed or damaged");
    }
  }

  /**
   * @param header the stream's training header
   * @throws InvalidObjectException if the buffer's header or the class weights do not fit it
   */
  void validate(Instances header) throws InvalidObjectException {
    String difference = header.equalHeadersMsg(buffer);
    if (difference != null) {
      throw new InvalidObjectException("the stream's buffer does not have the stream's header: " + difference);
    }
    if (classWeights.length != Math.max(header.numClasses(), 0)) {
      throw new InvalidObjectException("the stream has " + classWeights.length + " class weights for "
          + header.numClasses() + " class values");
    }
  }

  /**
   * Adds a copy of one instance to the buffer, or only counts it if its class value is missing.
   *
   * @param instance an instance with the training header, already checked
   */
  public synchronized void add(Instance instance) {
    received++;
    if (instance.classIsMissing()) {
      missingClass++;
      return;
    }
    buffer.add(instance); // Instances.add stores a copy
    boolean numeric = instance.classAttribute().isNumeric();
    int c = numeric ? 0 : (int) instance.classValue();
    double weight = Math.scalb(instance.weight(), -classWeightExponent);
    if (classWeightExponent == 0 && !(classWeights[c] + weight < Double.POSITIVE_INFINITY)) {
      for (int other = 0; other < classWeights.length; other++) {
        classWeights[other] = Math.scalb(classWeights[other], -PriorModel.OVERFLOW_UNIT_EXPONENT);
      }
      classWeightExponent = PriorModel.OVERFLOW_UNIT_EXPONENT;
      weight = Math.scalb(instance.weight(), -classWeightExponent);
    }
    classWeights[c] += weight;
    if (numeric) {
      if (targetSums == null) {
        targetSums = new TargetSums();
      }
      targetSums.add(instance.classValue(), instance.weight());
    }
  }

  /** @return for a numeric class, the weighted mean of the class values received so far (0 before any) */
  public synchronized double targetMean() {
    return targetSums == null ? 0.0 : targetSums.mean();
  }

  /** @return the instances waiting in the buffer */
  public synchronized int size() {
    return buffer.numInstances();
  }

  /** @return the buffered instances, without taking them (a new set of the same instances) */
  public synchronized Instances peek() {
    return new Instances(buffer);
  }

  /**
   * Hands out the buffered instances and starts an empty buffer.
   *
   * @return the buffer (this object keeps no reference to it)
   */
  public synchronized Instances take() {
    Instances taken = buffer;
    buffer = new Instances(taken, 0);
    buffersTaken++;
    return taken;
  }

  /**
   * Records that the preprocessing statistics were computed from a buffer.
   *
   * @param rows the buffer's instances
   * @param bufferNumber the buffer's number, counting from 1
   */
  public synchronized void statisticsComputed(int rows, long bufferNumber) {
    statisticsRows = rows;
    statisticsBuffer = bufferNumber;
  }

  /** @return the number of the next instance given to {@link #add}, counting from 1 */
  public synchronized long nextInstanceNumber() {
    return received + 1;
  }

  /** @return instances received with a class value (buffered, trained or counted) */
  public synchronized long instancesWithClass() {
    return received - missingClass;
  }

  /** @return instances received without a class value */
  public synchronized long missingClass() {
    return missingClass;
  }

  /** @return buffers taken for training */
  public synchronized long buffersTaken() {
    return buffersTaken;
  }

  /** @return the instances the preprocessing statistics came from, 0 if not computed yet */
  public synchronized int statisticsRows() {
    return statisticsRows;
  }

  /** @return the buffer the preprocessing statistics came from, counting from 1; 0 if none */
  public synchronized long statisticsBuffer() {
    return statisticsBuffer;
  }

  /** @return instances of the batch the model was trained on before the stream, 0 if none */
  public int batchRows() {
    return batchRows;
  }

  /**
   * @return the total weight of the instances of each class received so far (a copy), in units of 2^960 if a sum
   *     would overflow otherwise
   */
  public synchronized double[] classWeights() {
    return classWeights.clone();
  }
}
