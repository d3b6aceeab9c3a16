package weka.classifiers.functions.backprop.benchmark;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;

/**
 * Several training runs at once in one JVM (as two builds at once would be), each with mini-batches of 32 (Adam,
 * tanh, 16 hidden units) on the same 100 000 × 50 Gaussian rows: the wall time of 5 epochs of each, in rounds.
 * Arguments: threads-per-run runs-at-once [rounds]. With more threads than cores busy, a mini-batch split between
 * two threads waits for a partner that is not running; this shows what that costs.
 */
public final class ConcurrentTrainingBench {

  private ConcurrentTrainingBench() {
  }

  public static void main(String[] args) throws InterruptedException {
    int threads = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    DataMatrix data = KernelBench.gaussianRows(100000, 50, 2);
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      Thread[] running = new Thread[runs];
      for (int r = 0; r < runs; r++) {
        running[r] = new Thread(() -> {
          TrainingConfig config = TrainingConfig.builder().numHidden(16).activation(Activation.TANH)
              .updateRule(UpdateRule.ADAM).learningRate(0.01).batchSize(32).epochs(1000).numThreads(threads).seed(1)
              .build();
          try (Trainer trainer = Trainer.withHeldOutRowsLast(data, data.numRows(), config)) {
            for (int e = 0; e < 5; e++) {
              trainer.epoch();
            }
          }
        });
        running[r].start();
      }
      for (Thread t : running) {
        t.join();
      }
      System.out.printf("round %d: %d run(s) at once, %d thread(s) each: %.2f s for 5 epochs of each%n", round + 1,
          runs, threads, (System.nanoTime() - start) * 1e-9);
    }
  }
}
