package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.Accumulator;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.GradientSums;
import weka.classifiers.functions.backprop.train.LocalRowSums;



/**
 * The optimized kernels (tiled, unrolled, per-row workspace arrays) against a straightforward reference
 * written here from the formulas, one row at a time. Sizes are chosen so that nothing is a multiple of
 * the tile (64 rows) or of the unrolling (4 inputs, 4 rows, 2 rows): every remainder loop runs.
 *
 * <p>Tolerance: each value may differ from the reference by 1e-12 × (|value| + Σ|terms|), where the
 * terms are the per-row contributions summed into it; this is 1e-12 relative wherever the sum does not
 * cancel, and the rounding bound of a re-ordered sum where it does.
 */
class KernelEquivalenceTest {

  private static final double TOLERANCE = 1e-12;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Activation activation : Activation.values()) {
      for (int classes : new int[] {2, 3}) {
        // rows, inputs m (d = m + 1), hidden g
        cases.add(Arguments.of(activation, classes, 203, 6, 5));
        cases.add(Arguments.of(activation, classes, 1234, 9, 7));
        cases.add(Arguments.of(activation, classes, 67, 2, 1));
        cases.add(Arguments.of(activation, classes, 131, 50, 17));
      }
    }
    return cases.build();
  }

  /** The reference: G, L, S and Σ|terms| of G, for rows from … to − 1, one row at a time from the formulas. */
  static final class Reference {
    final double[] gradient;
    final double[] magnitude;
    double loss;
    double weight;

    Reference(NetworkShape shape, double[] params, DataMatrix data, int from, int to) {
      int m = shape.numInputs();
      int g = shape.numHidden();
      int k = shape.numOutputs();
      gradient = new double[shape.numParameters()];
      magnitude = new double[shape.numParameters()];
      double[] x = data.x();
      for (int row = from; row < to; row++) {
        double s = data.weight(row);
        int y = data.y()[row];
        // z_l = Σ_i Θ_{l,i} x_i, a = (1, σ1(z))
        double[] a = new double[g + 1];
        a[0] = 1.0;
        for (int l = 0; l < g; l++) {
          double z = 0.0;
          for (int i = 0; i <= m; i++) {
            z += params[shape.thetaIndex(i, l)] * x[row * (m + 1) + i];
          }
          a[l + 1] = shape.activation().function().value(z);
        }
        // w_c = Σ_j β_{c,j} a_j; p = σ(w) or softmax(w); δ2 = s (p − y); ℓ
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
          for (int j = 0; j <= g; j++) {
            w[c] += params[shape.betaIndex(c, j)] * a[j];
          }
        }
        double[] delta2 = new double[k];
        double rowLoss;
        if (k == 1) {
          double p = 1.0 / (1.0 + Math.exp(-w[0]));
          double t = y == 1 ? 1.0 : 0.0;
          delta2[0] = s * (p - t);
          rowLoss = Math.max(w[0], 0.0) + Math.log1p(Math.exp(-Math.abs(w[0]))) - t * w[0];
        } else {
          double max = Double.NEGATIVE_INFINITY;
          for (double v : w) {
            max = Math.max(max, v);
          }
          double sum = 0.0;
          for (double v : w) {
            sum += Math.exp(v - max);
          }
          for (int c = 0; c < k; c++) {
            delta2[c] = s * (Math.exp(w[c] - max) / sum - (c == y ? 1.0 : 0.0));
          }
          rowLoss = Math.log(sum) + max - w[y];
        }
        loss += s * rowLoss;
        weight += s;
        // ∂/∂β_{c,j} = δ2_c a_j
        for (int c = 0; c < k; c++) {
          for (int j = 0; j <= g; j++) {
            add(shape.betaIndex(c, j), delta2[c] * a[j]);
          }
        }
        // δ1_l = Σ_c δ2_c β_{c,l} σ1'(z_l);  ∂/∂Θ_{l,i} = δ1_l x_i
        for (int l = 0; l < g; l++) {
          double back = 0.0;
          for (int c = 0; c < k; c++) {
            back += delta2[c] * params[shape.betaIndex(c, l + 1)];
          }
          double delta1 = back * shape.activation().function().derivative(a[l + 1]);
          for (int i = 0; i <= m; i++) {
            add(shape.thetaIndex(i, l), delta1 * x[row * (m + 1) + i]);
          }
        }
      }
    }

    private void add(int index, double term) {
      gradient[index] += term;
      magnitude[index] += Math.abs(term);
    }
  }

  static DataMatrix randomData(Random random, int n, int m, int classes) {
    double[] x = new double[n * (m + 1)];
    int[] y = new int[n];
    double[] weights = new double[n];
    for (int row = 0; row < n; row++) {
      x[row * (m + 1)] = 1.0;
      for (int i = 1; i <= m; i++) {
        x[row * (m + 1) + i] = random.nextGaussian() * 1.5;
      }
      y[row] = random.nextInt(classes);
      weights[row] = row % 17 == 3 ? 0.0 : 2.0 * random.nextDouble();
    }
    return new DataMatrix(x, y, weights, m, classes);
  }

  static double[] randomParams(Random random, NetworkShape shape) {
    double[] params = new double[shape.numParameters()];
    for (int i = 0; i < params.length; i++) {
      params[i] = random.nextGaussian() * 0.8;
    }
    return params;
  }

  static void assertClose(Reference reference, GradientSums sums, String what) {
    for (int i = 0; i < reference.gradient.length; i++) {
      double bound = TOLERANCE * (Math.abs(reference.gradient[i]) + reference.magnitude[i]);
      assertTrue(Math.abs(sums.gradient()[i] - reference.gradient[i]) <= bound,
          what + ": gradient[" + i + "] = " + sums.gradient()[i] + ", reference " + reference.gradient[i]);
    }
    assertEquals(reference.loss, sums.loss(), TOLERANCE * Math.abs(reference.loss), what + ": loss");
    assertEquals(reference.weight, sums.weight(), TOLERANCE * reference.weight, what + ": weight");
  }

  @ParameterizedTest(name = "{0}, {1} classes, {2} rows, {3} inputs, {4} hidden")
  @MethodSource("cases")
  void accumulateEqualsReference(Activation activation, int classes, int n, int m, int g) {
    Random random = new Random(31L * n + 7L * m + g + classes + activation.ordinal());
    DataMatrix data = randomData(random, n, m, classes);
    NetworkShape shape = new NetworkShape(m, g, NetworkShape.outputsForClasses(classes), activation);
    double[] params = randomParams(random, shape);
    Accumulator accumulator = new Accumulator(shape);

    // whole range, then an odd sub-range starting off a tile boundary
    int[][] ranges = {{0, n}, {5, n - 3}};
    for (int[] range : ranges) {
      GradientSums sums = new GradientSums(shape.numParameters());
      accumulator.add(params, data, range[0], range[1], sums);
      assertClose(new Reference(shape, params, data, range[0], range[1]), sums,
          "accumulate rows " + range[0] + ".." + range[1]);
    }

    // the multi-threaded evaluator: equal to the reference, and bit-identical for 1 and 3 threads
    GradientSums one = new GradientSums(shape.numParameters());
    GradientSums three = new GradientSums(shape.numParameters());
    try (LocalRowSums single = new LocalRowSums(shape, data, 1);
        LocalRowSums multi = new LocalRowSums(shape, data, 3)) {
      single.sums(params, one);
      multi.sums(params, three);
    }
    assertClose(new Reference(shape, params, data, 0, n), one, "BatchGradient");
    assertArrayEquals(one.gradient(), three.gradient(), 0.0, "1 and 3 threads");
    assertEquals(one.loss(), three.loss(), 0.0);
  }

  @ParameterizedTest(name = "{0}, {1} classes, {2} rows, {3} inputs, {4} hidden")
  @MethodSource("cases")
  void distributionsEqualReference(Activation activation, int classes, int n, int m, int g) {
    Random random = new Random(17L * n + m + 3L * g + classes + activation.ordinal());
    DataMatrix data = randomData(random, n, m, classes);
    NetworkShape shape = new NetworkShape(m, g, NetworkShape.outputsForClasses(classes), activation);
    double[] params = randomParams(random, shape);
    Network network = new Network(shape, params);
    int first = 3;
    int rows = n - 5;
    double[] out = new double[rows * classes];
    network.distributions(data.x(), first, rows, out);
    for (int r = 0; r < rows; r++) {
      int row = first + r;
      double[] a = new double[g + 1];
      a[0] = 1.0;
      for (int l = 0; l < g; l++) {
        double z = 0.0;
        for (int i = 0; i <= m; i++) {
          z += params[shape.thetaIndex(i, l)] * data.x()[row * (m + 1) + i];
        }
        a[l + 1] = activation.function().value(z);
      }
      double[] expected = new double[classes];
      if (classes == 2) {
        double w = 0.0;
        for (int j = 0; j <= g; j++) {
          w += params[shape.betaIndex(0, j)] * a[j];
        }
        expected[1] = 1.0 / (1.0 + Math.exp(-w));
        expected[0] = 1.0 / (1.0 + Math.exp(w));
      } else {
        double[] w = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          for (int j = 0; j <= g; j++) {
            w[c] += params[shape.betaIndex(c, j)] * a[j];
          }
          max = Math.max(max, w[c]);
        }
        double sum = 0.0;
        for (int c = 0; c < classes; c++) {
          sum += Math.exp(w[c] - max);
        }
        for (int c = 0; c < classes; c++) {
          expected[c] = Math.exp(w[c] - max) / sum;
        }
      }
      for (int c = 0; c < classes; c++) {
        // a sum of g + 1 terms feeds each logit; 1e-12 relative to the probability plus 1e-15 absolute
        assertEquals(expected[c], out[r * classes + c], 1e-12 * expected[c] + 1e-15,
            "row " + row + " class " + c);
      }
    }
  }
}
