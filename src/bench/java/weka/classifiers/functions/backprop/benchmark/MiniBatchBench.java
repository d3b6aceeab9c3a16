package weka.classifiers.functions.backprop.benchmark;

import java.util.Arrays;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;

/**
 * Engine-only timing of mini-batch epochs (Adam, tanh) on Gaussian data, one and two threads alternated, for tuning
 * the hidden-unit split. Arguments: rows inputs hidden batch [rounds [threads, e.g. 1,2]].
 */
public final class MiniBatchBench {
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int m = Integer.parseInt(args[1]);
    int h = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 7;
    DataMatrix data = KernelBench.gaussianRows(n, m, 2);
    int[] threads = args.length > 5 ? Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 2};
    double[][] times = new double[threads.length][rounds];
    for (int round = -2; round < rounds; round++) {
      for (int t = 0; t < threads.length; t++) {
        TrainingConfig config = TrainingConfig.builder().numHidden(h).activation(Activation.TANH)
            .updateRule(UpdateRule.ADAM).learningRate(0.01).batchSize(batch).epochs(1000).numThreads(threads[t])
            .seed(1).build();
        try (Trainer trainer = Trainer.withHeldOutRowsLast(data, n, config)) {
          trainer.epoch();
          long t0 = System.nanoTime();
          for (int e = 0; e < 5; e++) {
            trainer.epoch();
          }
          if (round >= 0) {
            times[t][round] = (System.nanoTime() - t0) / 5e6;
          }
        }
      }
    }
    for (int t = 0; t < threads.length; t++) {
      double[] s = times[t].clone();
      Arrays.sort(s);
      System.out.printf("n=%d m=%d h=%d B=%d threads=%d: median %.1f ms/epoch (min %.1f)%n", n, m, h, batch,
          threads[t], s[rounds / 2], s[0]);
      if (Boolean.getBoolean("bench.all")) {
        System.out.println("  all: " + Arrays.toString(times[t]));
      }
    }
  }
}
