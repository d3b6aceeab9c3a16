package weka.classifiers.functions.backprop.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.DataMatrix;

/** The engine's input importance on networks whose weights are set by hand. */
class InputImportanceTest {

  /** 3 inputs, 2 tanh hidden units; input 3 (index 2) has zero weights, so the network ignores it. */
  private static Network network(int outputs) {
    NetworkShape shape = new NetworkShape(3, 2, outputs, Activation.TANH);
    double[] params = new double[shape.numParameters()];
    params[shape.thetaIndex(1, 0)] = 1;
    params[shape.thetaIndex(1, 1)] = 2;
    params[shape.thetaIndex(2, 0)] = 0.5;
    params[shape.thetaIndex(2, 1)] = -0.25;
    for (int c = 0; c < outputs; c++) {
      params[shape.betaIndex(c, 1)] = 3 + c;
      params[shape.betaIndex(c, 2)] = -1 + 2 * c;
    }
    return new Network(shape, params);
  }

  private static DataMatrix rows(int n, int numClasses) {
    Random random = new Random(5);
    double[] x = new double[n * 4];
    int[] y = new int[n];
    for (int k = 0; k < n; k++) {
      x[k * 4] = 1;
      for (int i = 1; i <= 3; i++) {
        x[k * 4 + i] = random.nextGaussian();
      }
      y[k] = x[k * 4 + 1] > 0 ? numClasses - 1 : 0;
    }
    return new DataMatrix(x, y, null, 3, numClasses);
  }

  @Test
  void oldenIsThetaTimesBetaSummedOverHiddenUnits() {
    // one sigmoid output: |Σ_l Θ_li β_l|
    assertArrayEquals(new double[] {Math.abs(1 * 3 + 2 * -1), Math.abs(0.5 * 3 - 0.25 * -1), 0},
        InputImportance.oldenOf(network(1)), 1e-15);
    // softmax: O_ic centred over the classes, mean of absolute values
    double[] o1 = {1 * 3 + 2 * -1, 1 * 4 + 2 * 1, 1 * 5 + 2 * 3};
    double mean = (o1[0] + o1[1] + o1[2]) / 3;
    double expected = (Math.abs(o1[0] - mean) + Math.abs(o1[1] - mean) + Math.abs(o1[2] - mean)) / 3;
    assertEquals(expected, InputImportance.oldenOf(network(3))[0], 1e-14);
    assertEquals(0, InputImportance.oldenOf(network(3))[2], 0);
  }

  @Test
  void anIgnoredInputHasNoPermutationImportanceAndGroupsAddUp() {
    DataMatrix rows = rows(60, 2);
    Network[] members = {network(1), network(1)};
    InputImportance importance = InputImportance.of(members, rows, new int[] {0, 30, 60},
        new int[][] {{0}, {1}, {2}, {0, 1}}, 4, 7);
    double[] rise = importance.permutation();
    assertEquals(0, rise[2], 0);
    assertEquals(0, importance.permutationSd()[2], 0);
    assertTrue(rise[0] > 0.05, "the input the class follows matters: " + rise[0]);
    double[] olden = importance.olden();
    assertEquals(olden[0] + olden[1], olden[3], 1e-15);
    assertEquals(60L * (1 + 4 * 4), importance.rowsPredicted());
    InputImportance again = InputImportance.of(members, rows, new int[] {0, 30, 60},
        new int[][] {{0}, {1}, {2}, {0, 1}}, 4, 7);
    assertArrayEquals(rise, again.permutation(), 0);
    // the rows are left as they were
    assertArrayEquals(rows(60, 2).x(), rows.x(), 0);
  }
}
