package weka.classifiers.functions.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.kernel.ForwardPass;
import weka.classifiers.functions.backprop.train.EngineTestData;


/**
 * {@link Network} returns proper class distributions — finite, non-negative, summing to 1 — even when the
 * logits are far beyond the range of {@code Math.exp}, and its probabilities are σ(w) / softmax(w) of the
 * forward pass.
 */
class NetworkProbabilityTest {

  private static final double TOLERANCE = 1e-12;

  private static void assertDistribution(double[] p, String what) {
    double sum = 0.0;
    for (int c = 0; c < p.length; c++) {
      assertTrue(Double.isFinite(p[c]) && p[c] >= 0.0 && p[c] <= 1.0, what + ": p[" + c + "] = " + p[c]);
      sum += p[c];
    }
    assertEquals(1.0, sum, TOLERANCE, what + ": sum of probabilities");
  }

  /** A network whose every weight is ±scale, so logits reach about scale · (g + 1). */
  private static Network hugeWeights(int numOutputs, Activation activation, double scale, long seed) {
    NetworkShape shape = new NetworkShape(3, 4, numOutputs, activation);
    Random random = new Random(seed);
    double[] params = new double[shape.numParameters()];
    for (int p = 0; p < params.length; p++) {
      params[p] = random.nextBoolean() ? scale : -scale;
    }
    return new Network(shape, params);
  }

  private static double[][] rows(int count, long seed) {
    Random random = new Random(seed);
    double[][] rows = new double[count][];
    for (int k = 0; k < count; k++) {
      rows[k] = new double[] {1.0, random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
    }
    return rows;
  }

  @Test
  void binaryProbabilitiesStayValidForHugeLogits() {
    for (Activation activation : Activation.values()) {
      for (long seed = 0; seed < 5; seed++) {
        Network network = hugeWeights(1, activation, 1e3, seed);
        for (double[] row : rows(20, seed)) {
          double[] p = network.distribution(row);
          assertEquals(2, p.length);
          assertDistribution(p, activation + " seed " + seed);
        }
      }
    }
  }

  @Test
  void binaryOutputGivesBothClassesTheirSaturatedValues() {
    NetworkShape shape = new NetworkShape(1, 1, 1, Activation.SIGMOID);
    double[] params = new double[shape.numParameters()];
    params[shape.betaIndex(0, 0)] = 1e3;
    double[] row = {1.0, 0.0};
    assertArrayEquals(new double[] {0.0, 1.0}, new Network(shape, params).distribution(row), 0.0);
    params[shape.betaIndex(0, 0)] = -1e3;
    assertArrayEquals(new double[] {1.0, 0.0}, new Network(shape, params).distribution(row), 0.0);
    // w = 40: 1 − σ(40) ≈ 4.2e-18 is below the spacing of doubles near 1, but σ(−40) keeps it
    params[shape.betaIndex(0, 0)] = 40.0;
    double[] p = new Network(shape, params).distribution(row);
    assertEquals(Math.exp(-40) / (1 + Math.exp(-40)), p[0], 1e-30, "class 0 probability is not rounded to 0");
  }

  @Test
  void softmaxProbabilitiesStayValidForHugeLogits() {
    for (Activation activation : Activation.values()) {
      for (long seed = 0; seed < 5; seed++) {
        Network network = hugeWeights(3, activation, 1e3, seed);
        for (double[] row : rows(20, seed + 50)) {
          assertDistribution(network.distribution(row), activation + " seed " + seed);
        }
      }
    }
    NetworkShape shape = new NetworkShape(0, 1, 3, Activation.SIGMOID);
    double[] params = new double[shape.numParameters()];
    params[shape.betaIndex(0, 0)] = 5e3;
    params[shape.betaIndex(1, 0)] = 5e3;
    params[shape.betaIndex(2, 0)] = -5e3;
    double[] p = new Network(shape, params).distribution(new double[] {1.0});
    assertArrayEquals(new double[] {0.5, 0.5, 0.0}, p, TOLERANCE, "two tied huge logits share the mass");
  }

  @Test
  void probabilitiesAreSigmoidAndSoftmaxOfTheForwardPass() {
    double[][] rows = rows(5, 1);
    for (int numOutputs : new int[] {1, 3}) {
      NetworkShape shape = new NetworkShape(3, 2, numOutputs, Activation.TANH);
      double[] params = EngineTestData.randomParameters(shape, 1.0, 3);
      Network network = new Network(shape, params);
      for (double[] row : rows) {
        double[] a = {1.0, 0.0, 0.0};
        for (int l = 0; l < 2; l++) {
          double z = 0.0;
          for (int i = 0; i < 4; i++) {
            z += params[shape.thetaIndex(i, l)] * row[i];
          }
          a[l + 1] = Math.tanh(z);
        }
        double[] w = new double[numOutputs];
        for (int c = 0; c < numOutputs; c++) {
          for (int j = 0; j < 3; j++) {
            w[c] += params[shape.betaIndex(c, j)] * a[j];
          }
        }
        double[] expected;
        if (numOutputs == 1) {
          double p1 = 1.0 / (1.0 + Math.exp(-w[0]));
          expected = new double[] {1.0 - p1, p1};
        } else {
          double total = Math.exp(w[0]) + Math.exp(w[1]) + Math.exp(w[2]);
          expected = new double[] {Math.exp(w[0]) / total, Math.exp(w[1]) / total, Math.exp(w[2]) / total};
        }
        assertArrayEquals(expected, network.distribution(row), TOLERANCE);
      }
    }
  }

  @Test
  void batchDistributionsEqualRowByRowDistributionsAcrossTiles() {
    NetworkShape shape = new NetworkShape(3, 4, 3, Activation.SIGMOID);
    Network network = new Network(shape, EngineTestData.randomParameters(shape, 1.5, 8));
    double[][] rows = rows(2 * ForwardPass.TILE_ROWS + 7, 4);
    int first = 3;
    int count = rows.length - first;
    double[] x = new double[rows.length * 4];
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(rows[k], 0, x, 4 * k, 4);
    }
    double[] out = new double[count * 3];
    network.distributions(x, first, count, out);
    for (int r = 0; r < count; r++) {
      assertArrayEquals(network.distribution(rows[first + r]), Arrays.copyOfRange(out, 3 * r, 3 * r + 3),
          0.0, "row " + (first + r));
    }
  }

  @Test
  void networkCopiesItsParameters() {
    NetworkShape shape = new NetworkShape(1, 1, 1, Activation.SIGMOID);
    double[] params = {0.5, 0.25, 1.0, -2.0};
    Network network = new Network(shape, params);
    double[] before = network.distribution(new double[] {1.0, 0.3});
    params[3] = 100.0;
    network.parameters()[3] = 100.0;
    assertArrayEquals(before, network.distribution(new double[] {1.0, 0.3}), 0.0);
  }
}
