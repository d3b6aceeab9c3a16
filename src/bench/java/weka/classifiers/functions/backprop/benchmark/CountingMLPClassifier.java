package weka.classifiers.functions.backprop.benchmark;

import weka.classifiers.functions.MLPClassifier;

/** MLPClassifier (multiLayerPerceptrons 1.0.10) counting its loss and gradient evaluations. */
public final class CountingMLPClassifier extends MLPClassifier {

  private static final long serialVersionUID = 1L;

  int lossEvaluations;
  int gradientEvaluations;

  @Override
  protected double calculateSE() {
    lossEvaluations++;
    return super.calculateSE();
  }

  @Override
  protected double[] calculateGradient() {
    gradientEvaluations++;
    return super.calculateGradient();
  }
}
