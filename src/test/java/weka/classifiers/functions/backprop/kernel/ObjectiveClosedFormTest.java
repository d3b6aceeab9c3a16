package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.EngineTestData;
import weka.classifiers.functions.backprop.train.GradientSums;


/**
 * The engine's loss and gradient on a tiny hand-written network equal the derivation's closed forms,
 * evaluated here directly from the formulas with the parameters held in plain nested arrays:
 * <pre>
 *   ∂J/∂β_{c,j} = mean_k (p_kc − y_kc) a_kj
 *   ∂J/∂Θ_{l,i} = mean_k [Σ_c (p_kc − y_kc) β_{c,l}] σ1'(z_kl) x_ki,  σ' = a(1 − a) or 1 − a²
 *   J           = mean_k −(y log p + (1 − y) log(1 − p))   (two classes),  mean_k −log p_{k,y_k} (softmax)
 * </pre>
 * The parameter layout is written out from the documentation (Θ_{l,i} at i·g + l, β_{c,j} at
 * (m+1)·g + c·(g+1) + j), not taken from {@link NetworkShape}, so a layout mix-up is caught too.
 */
class ObjectiveClosedFormTest {

  private static final double TOLERANCE = 1e-12;

  /** Three rows of two inputs each, bias first. */
  private static final double[][] X = {
    {1.0, 0.5, -1.2},
    {1.0, -0.3, 0.8},
    {1.0, 2.0, 0.1},
  };

  /** Θ[l][i]: three hidden units, bias weight first. */
  private static final double[][] THETA = {
    {0.1, -0.4, 0.7},
    {-0.2, 0.3, 0.5},
    {0.05, 0.9, -0.6},
  };

  /** β for one sigmoid output, bias first. */
  private static final double[][] BETA_BINARY = {
    {0.3, -0.8, 0.6, 1.1},
  };

  /** β[c][j] for three softmax outputs, bias first. */
  private static final double[][] BETA_SOFTMAX = {
    {0.3, -0.8, 0.6, 1.1},
    {-0.5, 0.4, 0.9, -0.7},
    {0.2, 1.3, -0.4, 0.25},
  };

  private static final int M = 2;
  private static final int G = 3;

  /** Reference values computed in this test from the closed forms. */
  private static final class Expected {
    final double[] gradient;
    final double loss;

    Expected(double[] gradient, double loss) {
      this.gradient = gradient;
      this.loss = loss;
    }
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  private static double tanh(double z) {
    return (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
  }

  private static int thetaPosition(int i, int l) {
    return i * G + l;
  }

  private static int betaPosition(int c, int j) {
    return (M + 1) * G + c * (G + 1) + j;
  }

  private static double[] pack(double[][] beta) {
    double[] params = new double[(M + 1) * G + beta.length * (G + 1)];
    for (int l = 0; l < G; l++) {
      for (int i = 0; i <= M; i++) {
        params[thetaPosition(i, l)] = THETA[l][i];
      }
    }
    for (int c = 0; c < beta.length; c++) {
      for (int j = 0; j <= G; j++) {
        params[betaPosition(c, j)] = beta[c][j];
      }
    }
    return params;
  }

  private static DataMatrix data(int[] y, double[] weights, int numClasses) {
    double[] x = new double[X.length * (M + 1)];
    for (int k = 0; k < X.length; k++) {
      System.arraycopy(X[k], 0, x, k * (M + 1), M + 1);
    }
    return new DataMatrix(x, y, weights, M, numClasses);
  }

  /**
   * The closed forms, row by row, in the derivation's notation.
   *
   * @param beta β[c][j]; one row means a sigmoid output
   * @param tanh true for σ1 = tanh, false for the logistic function
   * @param y class of each row
   * @param s weight of each row
   */
  private static Expected closedForm(double[][] beta, boolean tanh, int[] y, double[] s) {
    int k = beta.length;
    double[] gradient = new double[(M + 1) * G + k * (G + 1)];
    double loss = 0.0;
    double weight = 0.0;
    for (int n = 0; n < X.length; n++) {
      double[] x = X[n];
      double[] a = new double[G + 1];
      a[0] = 1.0;
      for (int l = 0; l < G; l++) {
        double z = 0.0;
        for (int i = 0; i <= M; i++) {
          z += THETA[l][i] * x[i];
        }
        a[l + 1] = tanh ? tanh(z) : sigmoid(z);
      }
      double[] w = new double[k];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j <= G; j++) {
          w[c] += beta[c][j] * a[j];
        }
      }
      // the error term p − y, one entry per output
      double[] error = new double[k];
      if (k == 1) {
        double p = sigmoid(w[0]);
        error[0] = p - y[n];
        loss += s[n] * -(y[n] * Math.log(p) + (1 - y[n]) * Math.log(1 - p));
      } else {
        double total = 0.0;
        for (int c = 0; c < k; c++) {
          total += Math.exp(w[c]);
        }
        for (int c = 0; c < k; c++) {
          double p = Math.exp(w[c]) / total;
          error[c] = p - (c == y[n] ? 1.0 : 0.0);
          if (c == y[n]) {
            loss += s[n] * -Math.log(p);
          }
        }
      }
      weight += s[n];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j <= G; j++) {
          gradient[betaPosition(c, j)] += s[n] * error[c] * a[j];
        }
      }
      for (int l = 0; l < G; l++) {
        double al = a[l + 1];
        double derivative = tanh ? 1 - al * al : al * (1 - al);
        double back = 0.0;
        for (int c = 0; c < k; c++) {
          back += error[c] * beta[c][l + 1];
        }
        for (int i = 0; i <= M; i++) {
          gradient[thetaPosition(i, l)] += s[n] * back * derivative * x[i];
        }
      }
    }
    for (int p = 0; p < gradient.length; p++) {
      gradient[p] /= weight;
    }
    return new Expected(gradient, loss / weight);
  }

  private static void assertEngineMatches(double[][] beta, Activation activation, int[] y, double[] weights) {
    int numClasses = beta.length == 1 ? 2 : beta.length;
    NetworkShape shape = new NetworkShape(M, G, beta.length, activation);
    double[] params = pack(beta);
    DataMatrix data = data(y, weights, numClasses);
    double[] s = weights != null ? weights : new double[] {1.0, 1.0, 1.0};
    Expected expected = closedForm(beta, activation == Activation.TANH, y, s);

    GradientSums sums = EngineTestData.sums(shape, params, data, 0, X.length);
    double[] gradient = new double[params.length];
    sums.meanGradient(gradient);

    for (int l = 0; l < G; l++) {
      for (int i = 0; i <= M; i++) {
        int p = thetaPosition(i, l);
        assertEquals(expected.gradient[p], gradient[p], TOLERANCE, "dJ/dTheta_{" + l + "," + i + "}");
      }
    }
    for (int c = 0; c < beta.length; c++) {
      for (int j = 0; j <= G; j++) {
        int p = betaPosition(c, j);
        assertEquals(expected.gradient[p], gradient[p], TOLERANCE, "dJ/dbeta_{" + c + "," + j + "}");
      }
    }
    assertEquals(expected.loss, sums.meanLoss(), TOLERANCE, "J");
    double weightSum = 0.0;
    for (double w : s) {
      weightSum += w;
    }
    assertEquals(weightSum, sums.weight(), TOLERANCE, "S");
  }

  @Test
  void sigmoidBinaryGradientIsErrorTimesActivationAndBackpropagatedError() {
    assertEngineMatches(BETA_BINARY, Activation.SIGMOID, new int[] {1, 0, 1}, null);
  }

  @Test
  void tanhBinaryGradientUsesOneMinusActivationSquared() {
    assertEngineMatches(BETA_BINARY, Activation.TANH, new int[] {0, 0, 1}, null);
  }

  @Test
  void singleRowSigmoidGradientMatchesTheDerivationTermByTerm() {
    // one row: no averaging, so each entry is literally (p − y) a_j and (p − y) β_l a_l (1 − a_l) x_i
    NetworkShape shape = new NetworkShape(M, G, 1, Activation.SIGMOID);
    double[] params = pack(BETA_BINARY);
    double[] x = X[2].clone();
    DataMatrix data = new DataMatrix(x, new int[] {0}, null, M, 2);
    double[] gradient = EngineTestData.meanGradient(shape, params, data);

    double[] a = new double[G + 1];
    a[0] = 1.0;
    double w = BETA_BINARY[0][0];
    for (int l = 0; l < G; l++) {
      a[l + 1] = sigmoid(THETA[l][0] * x[0] + THETA[l][1] * x[1] + THETA[l][2] * x[2]);
      w += BETA_BINARY[0][l + 1] * a[l + 1];
    }
    double p = sigmoid(w);
    double y = 0.0;
    for (int j = 0; j <= G; j++) {
      assertEquals((p - y) * a[j], gradient[betaPosition(0, j)], TOLERANCE, "beta_" + j);
    }
    for (int l = 0; l < G; l++) {
      for (int i = 0; i <= M; i++) {
        double expected = (p - y) * BETA_BINARY[0][l + 1] * a[l + 1] * (1 - a[l + 1]) * x[i];
        assertEquals(expected, gradient[thetaPosition(i, l)], TOLERANCE, "Theta_{" + l + "," + i + "}");
      }
    }
    assertEquals(-Math.log(1 - p), EngineTestData.meanLoss(shape, params, data), TOLERANCE);
  }

  @Test
  void softmaxGradientUsesOneHotErrorTermForEveryOutput() {
    assertEngineMatches(BETA_SOFTMAX, Activation.SIGMOID, new int[] {2, 0, 1}, null);
  }

  @Test
  void tanhSoftmaxGradientMatchesClosedForm() {
    assertEngineMatches(BETA_SOFTMAX, Activation.TANH, new int[] {1, 1, 2}, null);
  }

  @Test
  void weightedLossAndGradientAreWeightedMeans() {
    double[] weights = {0.5, 2.0, 1.25};
    assertEngineMatches(BETA_BINARY, Activation.SIGMOID, new int[] {1, 0, 1}, weights);
    assertEngineMatches(BETA_SOFTMAX, Activation.TANH, new int[] {2, 0, 1}, weights);
  }

  @Test
  void rowWeightOfTwoEqualsTheRowTwice() {
    NetworkShape shape = new NetworkShape(M, G, 3, Activation.SIGMOID);
    double[] params = pack(BETA_SOFTMAX);
    DataMatrix weighted = data(new int[] {2, 0, 1}, new double[] {1.0, 2.0, 1.0}, 3);
    double[] x = new double[4 * (M + 1)];
    for (int k = 0; k < 3; k++) {
      System.arraycopy(X[k], 0, x, k * (M + 1), M + 1);
    }
    System.arraycopy(X[1], 0, x, 3 * (M + 1), M + 1);
    DataMatrix duplicated = new DataMatrix(x, new int[] {2, 0, 1, 0}, null, M, 3);

    double[] g1 = EngineTestData.meanGradient(shape, params, weighted);
    double[] g2 = EngineTestData.meanGradient(shape, params, duplicated);
    for (int p = 0; p < g1.length; p++) {
      assertEquals(g2[p], g1[p], TOLERANCE, "parameter " + p);
    }
    assertEquals(EngineTestData.meanLoss(shape, params, duplicated),
        EngineTestData.meanLoss(shape, params, weighted), TOLERANCE);
  }

  @Test
  void binaryLossEqualsCrossEntropyOfTheSigmoidOutput() {
    NetworkShape shape = new NetworkShape(M, G, 1, Activation.SIGMOID);
    double[] params = pack(BETA_BINARY);
    int[] y = {1, 0, 0};
    DataMatrix data = data(y, null, 2);
    double expected = 0.0;
    for (int n = 0; n < X.length; n++) {
      double w = BETA_BINARY[0][0];
      for (int l = 0; l < G; l++) {
        double z = 0.0;
        for (int i = 0; i <= M; i++) {
          z += THETA[l][i] * X[n][i];
        }
        w += BETA_BINARY[0][l + 1] * sigmoid(z);
      }
      double p = sigmoid(w);
      expected += -(y[n] * Math.log(p) + (1 - y[n]) * Math.log(1 - p));
    }
    expected /= X.length;
    assertEquals(expected, EngineTestData.meanLoss(shape, params, data), TOLERANCE);
  }

  @Test
  void saturatedOutputsGiveFiniteLossEqualToTheLogitMargin() {
    // p = σ(w) with w ≈ ±1000 rounds to exactly 0 or 1, so log p would be −∞; the exact loss is
    // softplus(w) − y w, which for y = 0 and w = 1000 is 1000 + log1p(e^{−1000}) = 1000.
    NetworkShape shape = new NetworkShape(0, 1, 1, Activation.SIGMOID);
    double[] params = new double[shape.numParameters()];
    params[shape.betaIndex(0, 0)] = 1000.0;
    DataMatrix wrong = new DataMatrix(new double[] {1.0}, new int[] {0}, null, 0, 2);
    DataMatrix right = new DataMatrix(new double[] {1.0}, new int[] {1}, null, 0, 2);
    assertEquals(1000.0, EngineTestData.meanLoss(shape, params, wrong), 1e-9);
    assertEquals(0.0, EngineTestData.meanLoss(shape, params, right), 1e-300);
    double[] gradient = EngineTestData.meanGradient(shape, params, wrong);
    assertEquals(1.0, gradient[shape.betaIndex(0, 0)], TOLERANCE, "p − y = 1 − 0");

    NetworkShape softmax = new NetworkShape(0, 1, 3, Activation.SIGMOID);
    double[] p3 = new double[softmax.numParameters()];
    p3[softmax.betaIndex(0, 0)] = 1000.0;
    p3[softmax.betaIndex(1, 0)] = -1000.0;
    DataMatrix worst = new DataMatrix(new double[] {1.0}, new int[] {1}, null, 0, 3);
    double loss = EngineTestData.meanLoss(softmax, p3, worst);
    assertTrue(Double.isFinite(loss), "softmax loss is finite");
    assertEquals(2000.0, loss, 1e-9, "log Σ e^w − w_y = 1000 − (−1000)");
  }

  @Test
  void documentedParameterLayoutIsTheOneNetworkShapeUses() {
    NetworkShape shape = new NetworkShape(M, G, 3, Activation.SIGMOID);
    assertEquals((M + 1) * G + 3 * (G + 1), shape.numParameters());
    assertEquals((M + 1) * G, shape.betaOffset());
    int biases = 0;
    for (int i = 0; i <= M; i++) {
      for (int l = 0; l < G; l++) {
        assertEquals(thetaPosition(i, l), shape.thetaIndex(i, l));
        assertEquals(i == 0, shape.isBias(shape.thetaIndex(i, l)), "Theta_{" + l + "," + i + "}");
        biases += i == 0 ? 1 : 0;
      }
    }
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j <= G; j++) {
        assertEquals(betaPosition(c, j), shape.betaIndex(c, j));
        assertEquals(j == 0, shape.isBias(shape.betaIndex(c, j)), "beta_{" + c + "," + j + "}");
        biases += j == 0 ? 1 : 0;
      }
    }
    assertEquals(G + 3, biases);
  }
}
