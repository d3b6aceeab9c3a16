package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Committee;
import weka.classifiers.functions.backprop.Kernels;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.EngineTestData;
import weka.classifiers.functions.backprop.train.TrainingConfig;

/**
 * The linear output for a numeric target (regression): p = w, ℓ = ½ (p − t)², δ2 = p − t. The engine's loss and
 * gradient equal the closed forms written out here from the derivation,
 * <pre>
 *   J          = Σ_k s_k ½ (p_k − t_k)² / Σ_k s_k
 *   ∂J/∂β_j    = Σ_k s_k (p_k − t_k) a_kj / Σ_k s_k
 *   ∂J/∂Θ_{l,i} = Σ_k s_k (p_k − t_k) β_l σ1'(z_kl) x_ki / Σ_k s_k
 * </pre>
 * every component agrees with central finite differences, and training fits a smooth function.
 */
class LinearOutputTest {

  private static final double[][] X = {{1.0, 0.5, -1.2}, {1.0, -0.3, 0.8}, {1.0, 2.0, 0.1}, {1.0, -1.1, -0.4}};
  private static final double[] T = {0.7, -1.3, 2.1, 0.05};
  private static final double[] S = {1.0, 0.5, 2.0, 1.5};
  private static final double[][] THETA = {{0.1, -0.4, 0.7}, {-0.2, 0.3, 0.5}, {0.05, 0.9, -0.6}};
  private static final double[] BETA = {0.3, -0.8, 0.6, 1.1};
  private static final int M = 2;
  private static final int G = 3;

  private static NetworkShape shape(int m, int g, Activation activation) {
    return NetworkShape.forClasses(m, g, 1, activation, Kernels.SCALAR);
  }

  private static DataMatrix matrix(boolean weighted) {
    double[] x = new double[X.length * (M + 1)];
    for (int k = 0; k < X.length; k++) {
      System.arraycopy(X[k], 0, x, k * (M + 1), M + 1);
    }
    return DataMatrix.numeric(x, T.clone(), weighted ? S.clone() : null, M);
  }

  /** θ in the documented layout: Θ_{l,i} at i·g + l, β_j at (m+1)·g + j. */
  private static double[] params() {
    double[] params = new double[(M + 1) * G + G + 1];
    for (int l = 0; l < G; l++) {
      for (int i = 0; i <= M; i++) {
        params[i * G + l] = THETA[l][i];
      }
    }
    System.arraycopy(BETA, 0, params, (M + 1) * G, G + 1);
    return params;
  }

  @ParameterizedTest(name = "{0}, weighted={1}")
  @CsvSource({"SIGMOID, false", "SIGMOID, true", "TANH, false", "TANH, true"})
  void lossAndGradientEqualTheClosedForms(Activation activation, boolean weighted) {
    double[] expectedGradient = new double[(M + 1) * G + G + 1];
    double loss = 0;
    double total = 0;
    for (int k = 0; k < X.length; k++) {
      double s = weighted ? S[k] : 1.0;
      double[] a = new double[G + 1];
      a[0] = 1;
      double p = BETA[0];
      for (int l = 0; l < G; l++) {
        double z = 0;
        for (int i = 0; i <= M; i++) {
          z += THETA[l][i] * X[k][i];
        }
        a[l + 1] = activation == Activation.TANH ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
        p += BETA[l + 1] * a[l + 1];
      }
      double e = p - T[k];
      loss += s * 0.5 * e * e;
      total += s;
      for (int j = 0; j <= G; j++) {
        expectedGradient[(M + 1) * G + j] += s * e * a[j];
      }
      for (int l = 0; l < G; l++) {
        double al = a[l + 1];
        double derivative = activation == Activation.TANH ? 1 - al * al : al * (1 - al);
        for (int i = 0; i <= M; i++) {
          expectedGradient[i * G + l] += s * e * BETA[l + 1] * derivative * X[k][i];
        }
      }
    }
    for (int p = 0; p < expectedGradient.length; p++) {
      expectedGradient[p] /= total;
    }
    NetworkShape shape = shape(M, G, activation);
    DataMatrix data = matrix(weighted);
    assertEquals(loss / total, EngineTestData.meanLoss(shape, params(), data), 1e-12);
    assertArrayEquals(expectedGradient, EngineTestData.meanGradient(shape, params(), data), 1e-12);
  }

  @ParameterizedTest(name = "{0}, weighted={1}")
  @CsvSource({"SIGMOID, false", "SIGMOID, true", "TANH, false", "TANH, true"})
  void analyticGradientMatchesCentralDifferences(Activation activation, boolean weighted) {
    DataMatrix data = randomNumeric(150, 3, weighted, 17 + (weighted ? 1 : 0));
    NetworkShape shape = shape(3, 4, activation);
    double[] params = EngineTestData.randomParameters(shape, 0.8, 5);
    double[] analytic = EngineTestData.meanGradient(shape, params, data);
    double h = 5e-5;
    for (int p = 0; p < params.length; p++) {
      double original = params[p];
      params[p] = original + h;
      double plus = EngineTestData.meanLoss(shape, params, data);
      params[p] = original - h;
      double minus = EngineTestData.meanLoss(shape, params, data);
      params[p] = original;
      double numeric = (plus - minus) / (2 * h);
      double error = Math.abs(analytic[p] - numeric) / Math.max(1e-8, Math.abs(analytic[p]) + Math.abs(numeric));
      assertTrue(error < 1e-6, "parameter " + p + ": analytic " + analytic[p] + ", numeric " + numeric);
    }
  }

  @Test
  void thePredictionIsTheOutputItselfAndACommitteeAveragesIt() {
    NetworkShape shape = shape(M, G, Activation.TANH);
    assertTrue(shape.linearOutput());
    assertEquals(1, shape.numClasses());
    assertTrue(shape.toString().endsWith("1 linear output"), shape.toString());
    Network network = new Network(shape, params());
    double[] row = X[1];
    double p = BETA[0];
    for (int l = 0; l < G; l++) {
      double z = 0;
      for (int i = 0; i <= M; i++) {
        z += THETA[l][i] * row[i];
      }
      p += BETA[l + 1] * Math.tanh(z);
    }
    double[] out = network.distribution(row);
    assertEquals(1, out.length);
    assertEquals(p, out[0], 1e-15);
    double[] shifted = params();
    shifted[(M + 1) * G] += 2.0; // β_0 + 2: the prediction moves by 2
    Committee committee = new Committee(new Network[] {network, new Network(shape, shifted)});
    assertEquals(p + 1.0, committee.distribution(row)[0], 1e-12);
  }

  @Test
  void linearAndSigmoidNetworksAreNotOneCommitteeNorOneChecksum() {
    NetworkShape linear = shape(M, G, Activation.TANH);
    NetworkShape sigmoid = new NetworkShape(M, G, 1, Activation.TANH);
    assertThrows(IllegalArgumentException.class, () -> new Committee(new Network[] {new Network(linear, params()),
        new Network(sigmoid, params())}));
    assertFalse(sigmoid.linearOutput());
  }

  @Test
  void numericTargetsMustBeFiniteAndMatchTheNetwork() {
    double[] x = {1.0, 0.5};
    assertThrows(IllegalArgumentException.class, () -> DataMatrix.numeric(x, new double[] {Double.NaN}, null, 1));
    assertThrows(IllegalArgumentException.class,
        () -> DataMatrix.numeric(x, new double[] {Double.POSITIVE_INFINITY}, null, 1));
    DataMatrix numeric = DataMatrix.numeric(x, new double[] {3.0}, null, 1);
    assertTrue(numeric.isNumeric());
    assertEquals(1, numeric.numClasses());
    NetworkShape sigmoid = new NetworkShape(1, 2, 1, Activation.TANH);
    double[] params = new double[sigmoid.numParameters()];
    assertThrows(IllegalArgumentException.class, () -> EngineTestData.meanLoss(sigmoid, params, numeric));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"GD", "ADAM", "LBFGS"})
  void trainingFitsASmoothFunction(UpdateRule rule) {
    DataMatrix data = smooth(400, 11);
    TrainingConfig config = TrainingConfig.builder().numHidden(8).activation(Activation.TANH).updateRule(rule)
        .learningRate(rule == UpdateRule.GD ? 0.5 : 0.02).batchSize(rule == UpdateRule.ADAM ? 32 : 0)
        .epochs(rule == UpdateRule.GD ? 2000 : 300).validationFraction(0).weightDecay(0).seed(3).build();
    TrainingResult result = EngineTestData.train(data, config);
    // the targets have variance about 0.55 (J = 0.27 predicting their mean); the noise has variance 0.01
    assertTrue(result.finalLoss() < 0.02, rule + ": final loss " + result.finalLoss());
    assertTrue(result.network().shape().linearOutput());
  }

  /** t = sin(2 x1) + 0.5 x2 + noise of sd 0.1. */
  private static DataMatrix smooth(int rows, long seed) {
    Random random = new Random(seed);
    double[] x = new double[rows * 3];
    double[] t = new double[rows];
    for (int k = 0; k < rows; k++) {
      x[3 * k] = 1;
      x[3 * k + 1] = random.nextDouble() * 2 - 1;
      x[3 * k + 2] = random.nextDouble() * 2 - 1;
      t[k] = Math.sin(2 * x[3 * k + 1]) + 0.5 * x[3 * k + 2] + 0.1 * random.nextGaussian();
    }
    return DataMatrix.numeric(x, t, null, 2);
  }

  private static DataMatrix randomNumeric(int rows, int m, boolean weighted, long seed) {
    Random random = new Random(seed);
    double[] x = new double[rows * (m + 1)];
    double[] t = new double[rows];
    double[] s = weighted ? new double[rows] : null;
    for (int k = 0; k < rows; k++) {
      x[k * (m + 1)] = 1;
      for (int i = 1; i <= m; i++) {
        x[k * (m + 1) + i] = random.nextGaussian();
      }
      t[k] = 2 * random.nextGaussian();
      if (weighted) {
        s[k] = 0.2 + 2.8 * random.nextDouble();
      }
    }
    return DataMatrix.numeric(x, t, s, m);
  }
}
