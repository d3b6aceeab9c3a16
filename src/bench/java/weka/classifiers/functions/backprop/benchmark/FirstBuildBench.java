package weka.classifiers.functions.backprop.benchmark;

import java.util.Arrays;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Instances;

/**
 * Builds in a fresh JVM, one after the other, on RandomRBF ({@code -S 2}, the given rows, 50 attributes): the first
 * build pays for the JIT's compilation, later ones do not. Arguments: rows builds [BackpropOneHidden options...].
 */
public final class FirstBuildBench {

  private FirstBuildBench() {
  }

  public static void main(String[] args) throws Exception {
    Instances data = EngineBenchmark.rbf(2, Integer.parseInt(args[0]), 50);
    String[] options = Arrays.copyOfRange(args, 2, args.length);
    for (int b = 1; b <= Integer.parseInt(args[1]); b++) {
      BackpropOneHidden classifier = new BackpropOneHidden();
      classifier.setOptions(options.clone());
      long start = System.nanoTime();
      classifier.buildClassifier(data);
      System.out.printf("build %d: %.3f s%n", b, (System.nanoTime() - start) * 1e-9);
    }
  }
}
