package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.EngineTestData;


/**
 * Every component of the analytic gradient ∇J agrees with the central finite difference
 * (J(θ + h e_p) − J(θ − h e_p)) / 2h, for both activations, two and three classes, with and without row
 * weights. The data have more rows than one tile of {@link Objective}, with a partial last tile.
 */
class ObjectiveGradientCheckTest {

  /** Step of the central difference: its O(h²) truncation and O(ε/h) rounding errors are both ~1e-9. */
  private static final double H = 5e-5;
  private static final double MAX_RELATIVE_ERROR = 1e-6;
  private static final int ROWS = 150;
  private static final int INPUTS = 3;
  private static final int HIDDEN = 4;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Activation activation : Activation.values()) {
      for (int numClasses : new int[] {2, 3}) {
        for (boolean weighted : new boolean[] {false, true}) {
          cases.add(Arguments.of(activation, numClasses, weighted));
        }
      }
    }
    return cases.stream();
  }

  /** |a − b| / max(1e-8, |a| + |b|): relative where the values are large, absolute near zero. */
  static double relativeError(double a, double b) {
    return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
  }

  @ParameterizedTest(name = "{0}, {1} classes, weighted={2}")
  @MethodSource("cases")
  void analyticGradientMatchesCentralDifferencesForEveryParameter(Activation activation, int numClasses,
      boolean weighted) {
    long seed = 31L * activation.ordinal() + 7L * numClasses + (weighted ? 1 : 0);
    DataMatrix data = EngineTestData.random(ROWS, INPUTS, numClasses, weighted, seed);
    NetworkShape shape = new NetworkShape(INPUTS, HIDDEN, NetworkShape.outputsForClasses(numClasses),
        activation);
    double[] params = EngineTestData.randomParameters(shape, 0.8, seed + 100);
    double[] analytic = EngineTestData.meanGradient(shape, params, data);

    StringBuilder failures = new StringBuilder();
    for (int p = 0; p < params.length; p++) {
      double original = params[p];
      params[p] = original + H;
      double plus = EngineTestData.meanLoss(shape, params, data);
      params[p] = original - H;
      double minus = EngineTestData.meanLoss(shape, params, data);
      params[p] = original;
      double numeric = (plus - minus) / (2 * H);
      double error = relativeError(analytic[p], numeric);
      if (!(error < MAX_RELATIVE_ERROR)) {
        failures.append(String.format("%n  parameter %d: analytic %.12g, numeric %.12g, relative error %.3g",
            p, analytic[p], numeric, error));
      }
    }
    assertTrue(failures.length() == 0, "gradient check failed:" + failures);
  }
}
