package weka.classifiers.functions.backprop.benchmark;

import java.util.Arrays;
import java.util.Random;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.GradientSums;
import weka.classifiers.functions.backprop.train.LocalRowSums;
import weka.classifiers.functions.backprop.train.Trainer;

/**
 * A quick engine-only timing on Gaussian data, for tuning the kernels: one gradient evaluation per epoch.
 * Arguments: rows inputs hidden threads [sigmoid|tanh] [classes].
 */
public final class KernelBench {
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int m = Integer.parseInt(args[1]);
    int[] hs = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    int[] ts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
    Activation act = args.length > 4 ? Activation.fromOptionName(args[4]) : Activation.SIGMOID;
    int classes = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    int d = m + 1;
    DataMatrix data = gaussianRows(n, m, classes);
    for (int h : hs) {
      for (int t : ts) {
        NetworkShape shape = new NetworkShape(m, h, NetworkShape.outputsForClasses(classes), act);
        double[] params = Trainer.initialParameters(shape, 1);
        GradientSums sums = new GradientSums(shape.numParameters());
        try (LocalRowSums bg = new LocalRowSums(shape, data, t)) {
          int reps = 15;
          double[] times = new double[reps];
          for (int w = 0; w < 10; w++) {
            bg.sums(params, sums);
          }
          for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            bg.sums(params, sums);
            times[r] = (System.nanoTime() - t0) * 1e-9;
          }
          Arrays.sort(times);
          double med = times[reps / 2];
          double flops = 6.0 * n * d * h;
          System.out.printf("n=%d d=%d h=%d threads=%d %s: %.2f ms/epoch  %.2f GFLOP/s (min %.2f ms) loss=%.6f%n",
              n, d, h, t, act.optionName(), med * 1e3, flops / med * 1e-9, times[0] * 1e3, sums.meanLoss());
        }
      }
    }
  }

  /**
   * @param n rows
   * @param m inputs
   * @param classes class values
   * @return n rows of m standard normal inputs (seed 1) with uniformly drawn classes: data for timing kernels
   */
  public static DataMatrix gaussianRows(int n, int m, int classes) {
    Random random = new Random(1);
    int d = m + 1;
    double[] x = new double[n * d];
    int[] y = new int[n];
    for (int k = 0; k < n; k++) {
      x[k * d] = 1;
      for (int i = 1; i < d; i++) {
        x[k * d + i] = random.nextGaussian();
      }
      y[k] = random.nextInt(classes);
    }
    return new DataMatrix(x, y, null, m, classes);
  }
}
