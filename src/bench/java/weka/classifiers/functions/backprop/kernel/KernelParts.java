package weka.classifiers.functions.backprop.kernel;

import java.util.Arrays;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.Trainer;

/** Times the parts of one tile pass (forward product, activation, logits, backward) separately. */
public final class KernelParts {
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int m = Integer.parseInt(args[1]);
    int h = Integer.parseInt(args[2]);
    Activation act = args.length > 3 ? Activation.fromOptionName(args[3]) : Activation.SIGMOID;
    int d = m + 1;
    DataMatrix data = weka.classifiers.functions.backprop.benchmark.KernelBench.gaussianRows(n, m, 2);
    double[] x = data.x();
    int[] y = data.y();
    NetworkShape shape = new NetworkShape(m, h, 1, act);
    double[] params = Trainer.initialParameters(shape, 1);
    Objective objective = new Objective(shape.layout(), act.function(), shape.kernels().implementation());
    ForwardPass ws = objective.forward;
    ws.load(params);
    int T = ForwardPass.TILE_ROWS;
    int reps = 11;
    double[][] t = new double[4][reps];
    for (int rep = -5; rep < reps; rep++) {
      long f = 0, s = 0, o = 0, b = 0;
      for (int start = 0; start + T <= n; start += T) {
        long t0 = System.nanoTime();
        ws.pack(x, null, start, T);
        ws.hidden(T);
        long t1 = System.nanoTime();
        ws.logits(T);
        for (int r = 0; r < T; r++) {
          OutputFunction.SIGMOID.lossAndError(ws.out, r, 1, y[start + r], 0.0, 1.0);
        }
        long t2 = System.nanoTime();
        objective.backward(T);
        long t3 = System.nanoTime();
        f += t1 - t0;
        o += t2 - t1;
        b += t3 - t2;
      }
      // activation alone
      long t4 = System.nanoTime();
      double acc = 0;
      for (int start = 0; start + T <= n; start += T) {
        for (int q = 0; q < T * (h + 1); q++) {
          double z = ws.a[q % h][q % T] - 0.5;
          acc += act == Activation.SIGMOID ? ActivationFunction.SIGMOID.value(z) : Math.tanh(z);
        }
      }
      s = System.nanoTime() - t4;
      if (acc == 42) System.out.println();
      if (rep >= 0) {
        t[0][rep] = f * 1e-6; t[1][rep] = o * 1e-6; t[2][rep] = b * 1e-6; t[3][rep] = s * 1e-6;
      }
    }
    for (double[] a : t) Arrays.sort(a);
    double nf = 2.0 * n * d * h;
    System.out.printf("h=%d: forward(incl act) %.1f ms (%.2f GF/s)  logits+loss %.1f ms  backward %.1f ms (%.2f GF/s)  act-only %.1f ms (%.1f ns/elem)%n",
        h, t[0][reps / 2], nf / t[0][reps / 2] * 1e-6, t[1][reps / 2], t[2][reps / 2], 2 * nf / t[2][reps / 2] * 1e-6,
        t[3][reps / 2], t[3][reps / 2] * 1e6 / ((double) n * (h + 1)));
  }
}
