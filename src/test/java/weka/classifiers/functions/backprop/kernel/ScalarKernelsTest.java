package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The scalar activation kernels, which compute a row in separate loops (exponentials, then quotients, then signs),
 * against {@link ActivationFunction#value} one value at a time: the same bits for every value, including ±0,
 * the series' bound 2^-13 and its neighbours, values whose exponential underflows or overflows, ±∞ and NaN, on rows
 * of every length up to a tile and a few longer.
 */
class ScalarKernelsTest {

  private static final double[] EDGES = {0.0, -0.0, ActivationFunction.SERIES_BELOW, -ActivationFunction.SERIES_BELOW,
      Math.nextDown(ActivationFunction.SERIES_BELOW), Math.nextUp(ActivationFunction.SERIES_BELOW),
      -Math.nextDown(ActivationFunction.SERIES_BELOW), 1e-300, -1e-300, Double.MIN_VALUE, 0.5, -0.5, 19.0, -19.0,
      20.0, -20.0, 354.0, -354.0, 710.0, -710.0, 746.0, -746.0, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

  private static double[] row(Random random, int n) {
    double[] z = new double[n];
    for (int l = 0; l < n; l++) {
      int kind = random.nextInt(4);
      z[l] = kind == 0 ? EDGES[random.nextInt(EDGES.length)]
          : kind == 1 ? random.nextGaussian() * 1e-4 : random.nextGaussian() * Math.pow(10, random.nextInt(4) - 1);
    }
    return z;
  }

  private static void assertSameBits(ActivationFunction f, double[] z, double[] got) {
    for (int l = 0; l < z.length; l++) {
      assertEquals(Double.doubleToLongBits(f.value(z[l])), Double.doubleToLongBits(got[l]),
          "at " + l + " of " + z.length + ": " + f + "(" + z[l] + ")");
    }
  }

  @Test
  void tanhHasTheFormulasBitsOnEveryRowLength() {
    Random random = new Random(5);
    double[] work = new double[ForwardPass.TILE_ROWS + 40];
    for (int n = 0; n <= work.length; n++) {
      for (int rep = 0; rep < 20; rep++) {
        double[] z = row(random, n);
        double[] a = z.clone();
        ActivationKernels.SCALAR.tanh(a, n, work);
        assertSameBits(ActivationFunction.TANH, z, a);
        double[] b = z.clone();
        ActivationKernels.SCALAR.tanh(b, n);
        assertSameBits(ActivationFunction.TANH, z, b);
      }
    }
  }

  @Test
  void logisticHasTheFormulasBitsOnEveryRowLength() {
    Random random = new Random(6);
    for (int n = 0; n <= ForwardPass.TILE_ROWS + 40; n++) {
      for (int rep = 0; rep < 20; rep++) {
        double[] z = row(random, n);
        double[] a = z.clone();
        ActivationKernels.SCALAR.logistic(a, n);
        assertSameBits(ActivationFunction.SIGMOID, z, a);
      }
    }
  }

  @Test
  void everyEdgeValueAlone() {
    for (double z : EDGES) {
      double[] a = {z};
      ActivationKernels.SCALAR.tanh(a, 1, new double[1]);
      assertEquals(Double.doubleToLongBits(ActivationFunction.TANH.value(z)), Double.doubleToLongBits(a[0]), "tanh " + z);
      double[] b = {z};
      ActivationKernels.SCALAR.logistic(b, 1);
      assertEquals(Double.doubleToLongBits(ActivationFunction.SIGMOID.value(z)), Double.doubleToLongBits(b[0]),
          "sigmoid " + z);
    }
  }
}
