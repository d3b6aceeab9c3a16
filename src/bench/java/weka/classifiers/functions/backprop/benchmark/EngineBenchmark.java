package weka.classifiers.functions.backprop.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import weka.classifiers.functions.BackpropOneHidden;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.bridge.FilterChain;
import weka.classifiers.functions.backprop.bridge.TrainingData;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.GradientSums;
import weka.classifiers.functions.backprop.train.LocalRowSums;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingConfig;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.datagenerators.classifiers.classification.RandomRBF;

/**
 * The benchmark of BENCHMARKS.md (not a unit test): BackpropOneHidden's engine against Weka's
 * MultilayerPerceptron and MLPClassifier (multiLayerPerceptrons 1.0.10) in one process, plus same-run
 * reference rates, thread scaling, linearity in rows and the 1M × 50 run under -Xmx2g in a child JVM.
 *
 * <p>FLOP model per epoch (one full-batch gradient evaluation), as the issue defines it: forward 2·n·d·h
 * plus backward 4·n·d·h = 6·n·d·h with d = inputs + 1; the output layer (O(n·h·K)), the activation
 * functions and the loss are not counted. The engine actually executes only 4·n·d·h of these (Z = XΘ and
 * GΘ = XᵀD1; a one-hidden-layer network needs no error term for the inputs, D1Θᵀ), so the executed rate
 * is 2/3 of the model rate; both are printed.
 *
 * <p>System properties: {@code bench.quick=true} for a run under two minutes.
 */
public final class EngineBenchmark {

  static final boolean QUICK = Boolean.getBoolean("bench.quick");

  private EngineBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args);
      return;
    }
    long t0 = System.nanoTime();
    header();

    section("Reference rates (same run)");
    double javaMm = ReferenceRates.javaMatmulGflops(1000, QUICK ? 2 : 5);
    double javaFlat = ReferenceRates.javaMatmulGflops(1000, QUICK ? 2 : 3, true);
    double np1 = ReferenceRates.numpyGflops(2000, QUICK ? 2 : 5, 1);
    double np2 = ReferenceRates.numpyGflops(2000, QUICK ? 2 : 5, 2);
    System.out.printf("Java blocked i-k-j double matmul 1000x1000, 1 thread: %.2f GFLOP/s (median)%n", javaMm);
    System.out.printf("The same with one flat array per matrix and offsets (c[ci + j] += aik * b[bk + j]):"
        + " %.2f GFLOP/s (C2 leaves it scalar)%n", javaFlat);
    System.out.printf("numpy float64 matmul 2000x2000: 1 thread %s, 2 threads %s GFLOP/s (median)%n",
        fmt(np1), fmt(np2));

    section("Data (RandomRBF, standardized by BackpropOneHidden's preprocessing)");
    Instances rbf10k = rbf(1, 10000, 20);
    Instances rbf100k = rbf(2, 100000, 50);
    DataMatrix m10k = toMatrix(rbf10k);
    DataMatrix m100k = toMatrix(rbf100k);
    System.out.println("10k x 20: -S 1 -n 10000 -a 20 -c 2 -C 50; 100k x 50: -S 2 -n 100000 -a 50 -c 2 -C 50");

    // JIT warm-up of the engine before any timing
    for (int h : new int[] {16, 64}) {
      engineEpoch(m100k, h, 2, new long[1]);
      engineEpoch(m10k, h, 1, new long[1]);
    }

    section("BackpropOneHidden engine: time per epoch (full-batch gradient + step), median");
    System.out.println("| data | H | threads | ms/epoch | model GFLOP/s (6ndh) | executed GFLOP/s (4ndh) | % of Java matmul"
        + " (model) | % of numpy, same threads (model) | peak heap MB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    double[][][] engine = new double[2][2][2]; // data, H index, threads-1
    int[] hidden = {16, 64};
    DataMatrix[] sets = {m10k, m100k};
    String[] names = {"10k x 20", "100k x 50"};
    for (int s = 0; s < 2; s++) {
      for (int hi = 0; hi < 2; hi++) {
        for (int t = 1; t <= 2; t++) {
          long[] peak = new long[1];
          double sec = engineEpoch(sets[s], hidden[hi], t, peak);
          engine[s][hi][t - 1] = sec;
          double gf = flops(sets[s], hidden[hi]) / sec * 1e-9;
          double np = t == 1 ? np1 : np2;
          System.out.printf("| %s | %d | %d | %.2f | %.2f | %.2f | %.0f%% | %s | %d |%n", names[s], hidden[hi], t,
              sec * 1e3, gf, gf * 2 / 3, 100 * gf / javaMm, Double.isNaN(np) ? "n/a" : String.format("%.0f%%", 100 * gf / np),
              peak[0] >> 20);
        }
      }
    }
    double dense100k = 8.0 * m100k.numRows() * m100k.rowWidth();
    System.out.printf("(dense size of 100k x 50 with bias column: %.0f MB; heap includes the Weka Instances"
        + " still held by the benchmark)%n", dense100k / (1 << 20));

    section("Thread scaling (2 threads vs 1, same run)");
    for (int s = 0; s < 2; s++) {
      for (int hi = 0; hi < 2; hi++) {
        System.out.printf("%s H=%d: %.2fx%n", names[s], hidden[hi], engine[s][hi][0] / engine[s][hi][1]);
      }
    }

    section("Weka MultilayerPerceptron -H 16 -L 0.3 -M 0.2 -N E: build time / E (includes its one-off setup)");
    double[] mlpEpoch = new double[2];
    Instances[] raw = {rbf10k, rbf100k};
    for (int s = 0; s < 2; s++) {
      int extra = s == 0 ? 20 : (QUICK ? 2 : 3);
      mlpEpoch[s] = mlpEpoch(raw[s], extra, QUICK ? 1 : 3);
      double gf = flops(sets[s], 16) / mlpEpoch[s] * 1e-9;
      System.out.printf("%s: %.1f ms/epoch (E = %d epochs, median of %d builds), %.2f GFLOP/s by the same model;"
          + " BackpropOneHidden H=16 is %.0fx faster with 1 thread, %.0fx with 2%n", names[s], mlpEpoch[s] * 1e3,
          extra, QUICK ? 1 : 3, gf, mlpEpoch[s] / engine[s][0][0], mlpEpoch[s] / engine[s][0][1]);
    }

    section("MLPClassifier -N 16 (multiLayerPerceptrons 1.0.10, BFGS, default 1 thread): one build");
    for (int s = 0; s < (QUICK ? 1 : 2); s++) {
      CountingMLPClassifier c = new CountingMLPClassifier();
      c.setOptions(Utils.splitOptions("-N 16"));
      long start = System.nanoTime();
      c.buildClassifier(raw[s]);
      double sec = (System.nanoTime() - start) * 1e-9;
      int evals = Math.max(c.gradientEvaluations, 1);
      double perEval = sec / evals;
      System.out.printf("%s: build %.1f s, %d loss and %d gradient evaluations, %.1f ms per gradient evaluation"
          + " (build time / gradient evaluations); BackpropOneHidden H=16 epoch (1 gradient) is %.0fx faster"
          + " with 1 thread, %.0fx with 2%n", names[s], sec, c.lossEvaluations, c.gradientEvaluations,
          perEval * 1e3, perEval / engine[s][0][0], perEval / engine[s][0][1]);
    }
    if (QUICK) {
      System.out.println("(quick run: 100k x 50 skipped; about 70 s per build)");
    }
    rbf10k = null;
    raw = null;

    section("Time per epoch vs rows, 50 inputs (prefixes of one RandomRBF -S 3 -a 50 data set), 2 threads");
    int maxRows = QUICK ? 200000 : 1000000;
    DataMatrix big = plainMatrix(rbf(3, maxRows, 50));
    int[] rowsList = QUICK ? new int[] {20000, 200000} : new int[] {10000, 100000, 1000000};
    for (int h : new int[] {16, 64}) {
      double first = 0;
      for (int n : rowsList) {
        double sec = gradientTime(big, n, h, 2);
        if (first == 0) {
          first = sec / n;
        }
        System.out.printf("H=%d n=%d: %.2f ms/epoch, %.1f ns/row, %.2f GFLOP/s, per-row time vs smallest %.2f%n", h, n,
            sec * 1e3, sec / n * 1e9, 6.0 * n * big.rowWidth() * h / sec * 1e-9, (sec / n) / first);
      }
    }
    big = null;

    if (!QUICK) {
      section("1M x 50 under -Xmx2g in a child JVM (RandomRBF -S 3 -n 1000000 -a 50), H=16, 2 threads, 3 epochs");
      runChild("engine");
      runChild("weka");
    } else {
      System.out.println("\n(quick run: the 1M x 50 -Xmx2g child runs are skipped)");
    }
    try {
      System.out.println("load average at end: " + new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).trim());
    } catch (Exception e) {
      // not Linux
    }
    System.out.printf("%nTotal benchmark time: %.0f s%n", (System.nanoTime() - t0) * 1e-9);
  }

  static double flops(DataMatrix data, int h) {
    return 6.0 * data.numRows() * data.rowWidth() * h;
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
  }

  static void section(String title) {
    System.out.println();
    System.out.println("## " + title);
  }

  static void header() throws Exception {
    System.out.println("# BackpropOneHidden benchmark" + (QUICK ? " (quick)" : ""));
    System.out.println("date: " + ZonedDateTime.now());
    System.out.println("activation kernels: " + weka.classifiers.functions.backprop.kernel.ActivationKernels.selected().name()
        + " (-Dbench.vector=true: the Vector API kernels a JVM started with --add-modules jdk.incubator.vector uses)");
    System.out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
    String cpu = "?";
    File info = new File("/proc/cpuinfo");
    if (info.exists()) {
      for (String line : Files.readAllLines(info.toPath())) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    }
    System.out.println("cpu: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " processors; os "
        + System.getProperty("os.name") + " " + System.getProperty("os.version"));
    try {
      System.out.println("load average at start: " + new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).trim());
    } catch (Exception e) {
      // not Linux
    }
  }

  static Instances rbf(int seed, int n, int attributes) throws Exception {
    RandomRBF generator = new RandomRBF();
    generator.setOptions(Utils.splitOptions("-S " + seed + " -n " + n + " -a " + attributes + " -c 2 -C 50"));
    generator.defineDataFormat();
    Instances data = generator.generateExamples();
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** The matrix BackpropOneHidden trains on (missing values, useless attributes, standardization). */
  static DataMatrix toMatrix(Instances data) throws Exception {
    return TrainingData.matrix(FilterChain.fit(data), data, null, false);
  }

  /** The raw attribute values as a matrix (RandomRBF values are already in [0, 1]); for large data sets. */
  static DataMatrix plainMatrix(Instances data) {
    int m = data.numAttributes() - 1;
    int d = m + 1;
    int n = data.numInstances();
    double[] x = new double[n * d];
    int[] y = new int[n];
    for (int k = 0; k < n; k++) {
      Instance instance = data.instance(k);
      x[k * d] = 1.0;
      for (int a = 0; a < m; a++) {
        x[k * d + 1 + a] = instance.value(a);
      }
      y[k] = (int) instance.classValue();
    }
    return new DataMatrix(x, y, null, m, data.numClasses());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Median seconds per epoch of Trainer.epoch() after warm-up; peak[0] receives the peak heap. */
  static double engineEpoch(DataMatrix data, int h, int threads, long[] peak) {
    int warm = QUICK ? 3 : 8;
    int reps = QUICK ? 5 : 11;
    int epochsPerRep = data.numRows() >= 100000 ? 1 : 5;
    // full-batch gradient descent (the engine's defaults) for exactly the epochs timed here
    TrainingConfig config = TrainingConfig.builder().numHidden(h).activation(Activation.SIGMOID).learningRate(0.1)
        .numThreads(threads).seed(1).epochs(warm + reps * epochsPerRep).build();
    double[] times = new double[reps];
    try (HeapWatcher heap = new HeapWatcher();
        Trainer trainer = Trainer.withHeldOutRowsLast(data, data.numRows(), config)) {
      for (int w = 0; w < warm; w++) {
        runEpoch(trainer);
      }
      for (int r = 0; r < reps; r++) {
        long start = System.nanoTime();
        for (int e = 0; e < epochsPerRep; e++) {
          runEpoch(trainer);
        }
        times[r] = (System.nanoTime() - start) * 1e-9 / epochsPerRep;
      }
      peak[0] = heap.peak();
    }
    return median(times);
  }

  /** One epoch, or an error if the trainer had none left to run (a benchmark must never time nothing). */
  private static void runEpoch(Trainer trainer) {
    if (!trainer.epoch()) {
      throw new IllegalStateException("the trainer ran no epoch: its epoch limit is too small for the benchmark");
    }
  }

  /** Median seconds of one gradient evaluation over the first n rows. */
  static double gradientTime(DataMatrix data, int n, int h, int threads) {
    NetworkShape shape = new NetworkShape(data.numInputs(), h, 1, Activation.SIGMOID);
    double[] params = Trainer.initialParameters(shape, 1);
    GradientSums sums = new GradientSums(shape.numParameters());
    int reps = QUICK ? 3 : 7;
    int inner = Math.max(1, 200000 / n);
    double[] times = new double[reps];
    try (LocalRowSums gradient = new LocalRowSums(shape, data, 0, n, threads)) {
      for (int w = 0; w < 3 * inner; w++) {
        gradient.sums(params, sums);
      }
      for (int r = 0; r < reps; r++) {
        long start = System.nanoTime();
        for (int i = 0; i < inner; i++) {
          gradient.sums(params, sums);
        }
        times[r] = (System.nanoTime() - start) * 1e-9 / inner;
      }
    }
    return median(times);
  }

  /** Weka MLP seconds per epoch: build(-N epochs) / epochs, median of reps builds after one warm-up build. */
  static double mlpEpoch(Instances data, int epochs, int reps) throws Exception {
    mlpBuild(data, 1);
    double[] times = new double[reps];
    for (int r = 0; r < reps; r++) {
      times[r] = mlpBuild(data, epochs) / epochs;
    }
    return median(times);
  }

  static double mlpBuild(Instances data, int epochs) throws Exception {
    MultilayerPerceptron mlp = new MultilayerPerceptron();
    mlp.setOptions(Utils.splitOptions("-H 16 -L 0.3 -M 0.2 -N " + epochs));
    long start = System.nanoTime();
    mlp.buildClassifier(data);
    return (System.nanoTime() - start) * 1e-9;
  }

  // ------------------------------------------------------------------------------------ child JVM

  static void runChild(String mode) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(Arrays.asList(java, "-Xmx2g",
        "-DWEKA_HOME=" + System.getProperty("WEKA_HOME", "target/wekahome"), "-Dweka.packageManager.offline=true",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), EngineBenchmark.class.getName(),
        "child", mode));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("child")) {
          System.out.println(line);
        }
      }
    }
    int code = process.waitFor();
    if (code != 0) {
      System.out.println("child " + mode + ": exited with " + code + " (did not train under -Xmx2g)");
    }
  }

  static void child(String[] args) throws Exception {
    String mode = args[1];
    Instances data = rbf(3, 1000000, 50);
    double dense = 8.0 * data.numInstances() * data.numAttributes();
    int threads = 2;
    int h = 16;
    try {
      if (mode.equals("engine")) {
        DataMatrix matrix = plainMatrix(data);
        data = null;
        long base = HeapWatcher.usedAfterGc();
        NetworkShape shape = new NetworkShape(matrix.numInputs(), h, 1, Activation.SIGMOID);
        long params = 8L * shape.numParameters();
        double bound = 2 * dense + params + threads * params;
        TrainingConfig config = TrainingConfig.builder().numHidden(h).numThreads(threads).epochs(3).learningRate(0.1).build();
        long start = System.nanoTime();
        long peak;
        try (HeapWatcher heap = new HeapWatcher()) {
          try (Trainer trainer = Trainer.withHeldOutRowsLast(matrix, matrix.numRows(), config)) {
            while (trainer.epoch()) {
              // all epochs
            }
          }
          peak = heap.peak();
        }
        System.out.printf("child engine: trained 3 epochs in %.1f s; heap after loading the matrix %d MB, peak heap"
            + " while training %d MB; bound 2 x dense data (%.0f MB) + params + threads x params = %.0f MB: %s%n",
            (System.nanoTime() - start) * 1e-9, base >> 20, peak >> 20, dense / (1 << 20), bound / (1 << 20),
            peak <= bound ? "within" : "exceeded");
      } else {
        BackpropOneHidden classifier = new BackpropOneHidden();
        classifier.setOptions(Utils.splitOptions("-tune none -H " + h + " -N 3 -num-threads " + threads));
        long base = HeapWatcher.usedAfterGc();
        long start = System.nanoTime();
        long peak;
        long live;
        try (HeapWatcher heap = new HeapWatcher()) {
          classifier.buildClassifier(data);
          peak = heap.peak();
          live = heap.peakLive();
        }
        double bound = base + 2 * dense;
        System.out.printf("child weka: BackpropOneHidden.buildClassifier (preprocessing + 3 epochs) on 1M x 50"
            + " Instances trained in %.1f s; heap holding the Instances %d MB, peak heap %d MB (garbage included),"
            + " peak live heap after a GC %d MB; the Instances + 2 x dense data (%.0f MB) = %.0f MB: %s%n",
            (System.nanoTime() - start) * 1e-9, base >> 20, peak >> 20, live >> 20, dense / (1 << 20),
            bound / (1 << 20), live <= bound ? "within" : "exceeded");
      }
    } catch (OutOfMemoryError e) {
      System.out.println("child " + mode + ": OutOfMemoryError under -Xmx2g: " + e.getMessage());
      System.exit(3);
    }
  }
}
