package weka.classifiers.functions.backprop.tune;

import java.io.Serializable;

/** A point of the tuning grid: g hidden units and weight decay λ. Immutable. */
public final class Candidate implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numHidden;
  private final double weightDecay;

  /**
   * @param numHidden g, at least 1
   * @param weightDecay λ, finite and at least 0
   */
  public Candidate(int numHidden, double weightDecay) {
    if (numHidden < 1 || !(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("a candidate needs at least 1 hidden unit and a finite weight decay >= 0, "
          + "got " + numHidden + " and " + weightDecay);
    }
    this.numHidden = numHidden;
    this.weightDecay = weightDecay;
  }

  /** @return g */
  public int numHidden() {
    return numHidden;
  }

  /** @return λ */
  public double weightDecay() {
    return weightDecay;
  }

  @Override
  public String toString() {
    return numHidden + (numHidden == 1 ? " hidden unit" : " hidden units") + ", weight decay " + weightDecay;
  }
}
