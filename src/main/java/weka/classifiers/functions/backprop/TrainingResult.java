package weka.classifiers.functions.backprop;

import java.io.Serializable;

/** A trained network with its training-loss history. */
public final class TrainingResult implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final double[] lossHistory;
  private final int epochs;

  /**
   * @param network the trained network
   * @param lossHistory J(θ_0) … J(θ_epochs): entry e is the training loss after e epochs
   * @param epochs epochs run
   */
  public TrainingResult(Network network, double[] lossHistory, int epochs) {
    this.network = network;
    this.lossHistory = lossHistory.clone();
    this.epochs = epochs;
  }

  /** @return the trained network */
  public Network network() {
    return network;
  }

  /** @return J after each number of epochs, starting with the initial weights (a copy) */
  public double[] lossHistory() {
    return lossHistory.clone();
  }

  /** @return the training loss with the initial weights */
  public double initialLoss() {
    return lossHistory[0];
  }

  /** @return the training loss with the final weights */
  public double finalLoss() {
    return lossHistory[lossHistory.length - 1];
  }

  /** @return epochs run */
  public int epochs() {
    return epochs;
  }
}
