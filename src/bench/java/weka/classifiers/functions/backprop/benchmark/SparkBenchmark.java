package weka.classifiers.functions.backprop.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.spark.BenchRowBlocks;
import weka.classifiers.functions.backprop.spark.RowBlock;
import weka.classifiers.functions.backprop.spark.SparkRowSums;
import weka.classifiers.functions.backprop.train.DataMatrix;
import weka.classifiers.functions.backprop.train.GradientSums;
import weka.classifiers.functions.backprop.train.LocalRowSums;
import weka.classifiers.functions.backprop.train.Trainer;

/**
 * The overhead of a Spark pass (BENCHMARKS.md, issue 7): one full-batch evaluation of the sums G, L, S on
 * 1M × 50 Gaussian rows (2 classes, tanh, {@link KernelBench#gaussianRows}) by {@link SparkRowSums} (one
 * {@code treeAggregate} job: broadcast θ, one task per partition, merge) in a local[1] and then a local[2]
 * session, on 2, 4 and 8 partitions of cached row blocks, each Spark pass timed in rounds together with a
 * pass of the local engine ({@link LocalRowSums}) with 1 and with 2 threads, so that both see the same load
 * of a shared machine. The same job on a tiny RDD (1000 rows, same partitions) gives the fixed per-job cost,
 * and t(C, P) = t_fixed(C, P) + c · N / min(C, P) is fitted to the medians. Spark's sums are checked against
 * the engine's (relative 1e-12).
 *
 * <p>Run: {@code mvn -B -ntp -q -Pbenchmark test-compile exec:exec
 * -Dbench.main=weka.classifiers.functions.backprop.benchmark.SparkBenchmark}; system properties
 * {@code bench.quick=true} (fewer repetitions), {@code bench.hidden=16,64} (hidden sizes; default 16),
 * {@code bench.rows} (default 1000000).
 */
public final class SparkBenchmark {

  static final boolean QUICK = Boolean.getBoolean("bench.quick");
  static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
  static final int INPUTS = 50;
  static final int TINY_ROWS = 1000;
  /** Blocks of the big RDD: of 4096 rows, as the adapter cuts them (FixedBlocks). */
  static final int BLOCKS = (ROWS + 4095) / 4096;
  static final int[] PARTITIONS = {2, 4, 8};
  static final int[] CORES = {1, 2};
  static final int WARM = QUICK ? 1 : 3;
  static final int REPS = QUICK ? 3 : 7;
  static final int TINY_WARM = QUICK ? 3 : 5;
  static final int TINY_REPS = QUICK ? 7 : 15;

  private SparkBenchmark() {
  }

  /** Median, min and max of repeated timings, in seconds. */
  static final class Timing {
    final double median;
    final double min;
    final double max;

    Timing(double[] seconds) {
      double[] s = seconds.clone();
      Arrays.sort(s);
      median = s[s.length / 2];
      min = s[0];
      max = s[s.length - 1];
    }
  }

  static Timing time(int warm, int reps, Runnable pass) {
    for (int w = 0; w < warm; w++) {
      pass.run();
    }
    double[] t = new double[reps];
    for (int r = 0; r < reps; r++) {
      long start = System.nanoTime();
      pass.run();
      t[r] = (System.nanoTime() - start) * 1e-9;
    }
    return new Timing(t);
  }

  /** Counts jobs, stages and tasks seen by the listener bus (asynchronous: read after a pause). */
  static final class Counter extends SparkListener {
    final AtomicInteger jobs = new AtomicInteger();
    final AtomicInteger stages = new AtomicInteger();
    final AtomicInteger tasks = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
      stages.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      tasks.incrementAndGet();
    }

    void reset() {
      jobs.set(0);
      stages.set(0);
      tasks.set(0);
    }

    String perJob(int expectedJobs) throws InterruptedException {
      Thread.sleep(500);
      int j = Math.max(1, jobs.get());
      if (j != expectedJobs) {
        return "(listener saw " + j + " jobs, expected " + expectedJobs + ")";
      }
      return String.format(Locale.ROOT, "%.1f stages, %.1f tasks per job", (double) stages.get() / j,
          (double) tasks.get() / j);
    }
  }

  public static void main(String[] args) throws Exception {
    String part = System.getProperty("bench.part", "all");
    if (part.equals("all") || part.equals("passes")) {
      passes();
    }
    if (part.equals("all") || part.equals("mllib")) {
      MllibComparison.run();
    }
  }

  static void passes() throws Exception {
    long t0 = System.nanoTime();
    int[] hidden = Arrays.stream(System.getProperty("bench.hidden", "16").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    System.out.println("# SparkBenchmark: one full-batch pass (sums G, L, S), local engine vs Spark"
        + (QUICK ? " (quick)" : ""));
    System.out.println("date: " + ZonedDateTime.now());
    System.out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, "
        + Runtime.getRuntime().availableProcessors() + " processors");
    System.out.println("load average at start: " + loadAverage());
    System.out.println("cpu pressure at start: " + cpuPressure());
    System.out.printf(Locale.ROOT, "repetitions: %d warm-up + %d timed rounds, each round one pass of the engine with"
        + " 1 thread, one with 2 threads and one Spark pass, back to back (tiny RDD: %d + %d)%n", WARM, REPS,
        TINY_WARM, TINY_REPS);

    long g = System.nanoTime();
    DataMatrix data = KernelBench.gaussianRows(ROWS, INPUTS, 2);
    System.out.printf(Locale.ROOT, "data: %d x %d standard normal inputs (+ bias), 2 uniform classes, seed 1"
        + " (KernelBench.gaussianRows), %.0f MB dense, generated in %.1f s%n", ROWS, INPUTS,
        8.0 * data.x().length / (1 << 20), (System.nanoTime() - g) * 1e-9);
    List<RowBlock> blocks = BenchRowBlocks.blocks(data, 0, ROWS, BLOCKS);
    System.out.printf(Locale.ROOT, "RDD: %d row blocks of %d rows in P partitions (parallelized block"
        + " indices mapped to the blocks, see cachedBlocks), cached (MEMORY_ONLY) and counted before timing;"
        + " tiny RDD: the first %d rows in P blocks%n", BLOCKS,
        ROWS / BLOCKS, TINY_ROWS);

    int nh = hidden.length;
    NetworkShape[] shapes = new NetworkShape[nh];
    double[][] params = new double[nh][];
    GradientSums[] reference = new GradientSums[nh];
    LocalRowSums[][] engines = new LocalRowSums[nh][2];
    Rounds[][][] rounds = new Rounds[nh][CORES.length][PARTITIONS.length];
    Timing[][][] tiny = new Timing[nh][CORES.length][PARTITIONS.length];
    String[][] jobShape = new String[CORES.length][PARTITIONS.length];
    for (int hi = 0; hi < nh; hi++) {
      shapes[hi] = new NetworkShape(INPUTS, hidden[hi], NetworkShape.outputsForClasses(2), Activation.TANH);
      params[hi] = Trainer.initialParameters(shapes[hi], 1);
      reference[hi] = new GradientSums(shapes[hi].numParameters());
      for (int t = 0; t < 2; t++) {
        engines[hi][t] = new LocalRowSums(shapes[hi], data, t + 1);
      }
      engines[hi][1].sums(params[hi], reference[hi]);
    }

    for (int ci = 0; ci < CORES.length; ci++) {
      int cores = CORES[ci];
      section("Spark local[" + cores + "]");
      long s0 = System.nanoTime();
      SparkSession session = SparkSession.builder().master("local[" + cores + "]").appName("SparkBenchmark")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.local.dir", System.getProperty("java.io.tmpdir"))
          .getOrCreate();
      JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
      context.setLogLevel("WARN");
      Counter counter = new Counter();
      context.sc().addSparkListener(counter);
      System.out.printf(Locale.ROOT, "Spark %s session started in %.1f s%n", session.version(),
          (System.nanoTime() - s0) * 1e-9);
      try {
        for (int pi = 0; pi < PARTITIONS.length; pi++) {
          int p = PARTITIONS[pi];
          long c0 = System.nanoTime();
          JavaRDD<RowBlock> rdd = cachedBlocks(context, "all", blocks, p);
          long count = rdd.count();
          double cacheSec = (System.nanoTime() - c0) * 1e-9;
          JavaRDD<RowBlock> small = cachedBlocks(context, "tiny", BenchRowBlocks.blocks(data, 0, TINY_ROWS, p), p);
          small.count();
          System.out.printf(Locale.ROOT, "P=%d: %d blocks cached in %.1f s (one-off)%n", p, count, cacheSec);
          for (int hi = 0; hi < nh; hi++) {
            double[] theta = params[hi];
            NetworkShape shape = shapes[hi];
            GradientSums out = new GradientSums(shapes[hi].numParameters());
            SparkRowSums big = new SparkRowSums(context, rdd, shapes[hi], ROWS, BLOCKS);
            big.sums(theta, out);
            System.out.println("  H=" + hidden[hi] + " sanity: " + compare(reference[hi], out));
            counter.reset();
            LocalRowSums one = engines[hi][0];
            LocalRowSums two = engines[hi][1];
            Rounds r = new Rounds(
                () -> one.sums(theta, out),
                () -> two.sums(theta, out),
                () -> big.sums(theta, out),
                () -> BenchRowBlocks.unorderedSums(rdd, shape, theta, out));
            rounds[hi][ci][pi] = r;
            if (hi == 0) {
              jobShape[ci][pi] = counter.perJob(WARM + REPS);
            }
            SparkRowSums few = new SparkRowSums(context, small, shapes[hi], TINY_ROWS, p);
            tiny[hi][ci][pi] = time(TINY_WARM, TINY_REPS, () -> few.sums(theta, out));
            System.out.printf(Locale.ROOT, "  H=%d, %d rows: Spark %s ms; in the same rounds engine 1 thread %s,"
                + " 2 threads %s, Spark with treeAggregate (the sums in finishing order, as before issue 16) %s;"
                + " fixed tree / treeAggregate %.3f (median of per-round ratios, %.3f–%.3f); %d rows: Spark %s ms"
                + " (median (min–max))%n", hidden[hi], ROWS, range(r.spark), range(r.engine[0]), range(r.engine[1]),
                range(r.unordered), r.treeCost.median, r.treeCost.min, r.treeCost.max, TINY_ROWS,
                range(tiny[hi][ci][pi]));
          }
          System.out.println("  job shape (1M rows, from a listener): " + jobShape[ci][pi]);
          rdd.unpersist(true);
          small.unpersist(true);
        }
      } finally {
        session.stop();
      }
    }
    for (LocalRowSums[] pair : engines) {
      for (LocalRowSums engine : pair) {
        engine.close();
      }
    }

    for (int hi = 0; hi < nh; hi++) {
      report(hidden[hi], shapes[hi], rounds[hi], tiny[hi]);
    }
    System.out.println();
    System.out.println("load average at end: " + loadAverage());
    System.out.println("cpu pressure at end: " + cpuPressure());
    System.out.printf(Locale.ROOT, "Total benchmark time: %.0f s%n", (System.nanoTime() - t0) * 1e-9);
  }

  /**
   * WARM then REPS rounds, each one pass of the engine with 1 thread, one with 2 threads and one Spark pass,
   * back to back, so that the three see the same load of a shared machine; ratios are taken per round.
   */
  static final class Rounds {
    final Timing[] engine = new Timing[2];
    final Timing spark;
    /** per round: Spark / engine 1 thread, Spark / engine 2 threads */
    final Timing[] ratio = new Timing[2];
    final Timing engineScaling;
    /** The same sums by treeAggregate in the order tasks finish, and per round: fixed tree / treeAggregate. */
    final Timing unordered;
    final Timing treeCost;

    Rounds(Runnable engine1, Runnable engine2, Runnable sparkPass, Runnable unorderedPass) {
      double[][] t = new double[4][REPS];
      Runnable[] passes = {engine1, engine2, sparkPass, unorderedPass};
      for (int r = -WARM; r < REPS; r++) {
        for (int k = 0; k < 4; k++) {
          long start = System.nanoTime();
          passes[k].run();
          if (r >= 0) {
            t[k][r] = (System.nanoTime() - start) * 1e-9;
          }
        }
      }
      engine[0] = new Timing(t[0]);
      engine[1] = new Timing(t[1]);
      spark = new Timing(t[2]);
      double[][] q = new double[4][REPS];
      for (int r = 0; r < REPS; r++) {
        q[0][r] = t[2][r] / t[0][r];
        q[1][r] = t[2][r] / t[1][r];
        q[2][r] = t[0][r] / t[1][r];
        q[3][r] = t[2][r] / t[3][r];
      }
      ratio[0] = new Timing(q[0]);
      ratio[1] = new Timing(q[1]);
      engineScaling = new Timing(q[2]);
      unordered = new Timing(t[3]);
      treeCost = new Timing(q[3]);
    }
  }

  static void report(int h, NetworkShape shape, Rounds[][] rounds, Timing[][] tiny) throws Exception {
    section("Summary, H=" + h + " (" + shape.numParameters() + " parameters), one full pass over " + ROWS
        + " rows, ms: median (min–max)");
    System.out.println("| Spark master | partitions P | Spark pass | engine 1 thread, same rounds | engine 2 threads,"
        + " same rounds | Spark / engine with C threads (median of per-round ratios) | treeAggregate pass, same rounds"
        + " | fixed tree / treeAggregate | tiny RDD (" + TINY_ROWS + " rows), Spark |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int ci = 0; ci < CORES.length; ci++) {
      for (int pi = 0; pi < PARTITIONS.length; pi++) {
        Rounds r = rounds[ci][pi];
        System.out.printf(Locale.ROOT, "| local[%d] | %d | %s | %s | %s | %.2f | %s | %.3f | %s |%n", CORES[ci],
            PARTITIONS[pi], range(r.spark), range(r.engine[0]), range(r.engine[1]), r.ratio[CORES[ci] - 1].median,
            range(r.unordered), r.treeCost.median, range(tiny[ci][pi]));
      }
    }

    System.out.println();
    System.out.println("Ratios (same run):");
    for (int pi = 0; pi < PARTITIONS.length; pi++) {
      int p = PARTITIONS[pi];
      Rounds one = rounds[0][pi];
      Rounds two = rounds[1][pi];
      System.out.printf(Locale.ROOT, "P=%d: overhead Spark local[2] / engine 2 threads %.2f (per-round ratios"
          + " %.2f–%.2f); Spark local[1] / engine 1 thread %.2f; scaling Spark local[1] / local[2] %.2f (medians,"
          + " two sessions); engine 1 / 2 threads in those sessions' rounds %.2f and %.2f%n", p, two.ratio[1].median,
          two.ratio[1].min, two.ratio[1].max, one.ratio[0].median, one.spark.median / two.spark.median,
          one.engineScaling.median, two.engineScaling.median);
    }

    // t(C, P) = t_fixed(C, P) + c · N / min(C, P); the tiny job has the same fixed costs (job, stages, P tasks,
    // broadcast, P merges) and n_tiny rows of work, so t − t_tiny = c · (N − n_tiny) / min(C, P). c is fitted
    // on local[1] (one core by construction) and the model then predicts local[2], with C = 2 cores and with
    // the cores the machine actually gave: K = min(C, engine 1 thread / engine 2 threads in the same rounds).
    double c = 0;
    double engine1 = 0;
    for (int pi = 0; pi < PARTITIONS.length; pi++) {
      c += (rounds[0][pi].spark.median - tiny[0][pi].median) / (ROWS - TINY_ROWS) / PARTITIONS.length;
    }
    for (Rounds[] byCores : rounds) {
      for (Rounds r : byCores) {
        engine1 += r.engine[0].median / ROWS / (CORES.length * PARTITIONS.length);
      }
    }
    System.out.println();
    System.out.println("Model t(C, P) = t_fixed(C, P) + c × N / min(K, P), K the cores; t_fixed(C, P) = the tiny RDD's"
        + " median less c × " + TINY_ROWS + " / min(K, P); c fitted on the three local[1] medians (K = 1):");
    System.out.printf(Locale.ROOT, "c = %.0f ns per row and core; the engine's own, 1 thread (mean of the six rounds'"
        + " medians): %.0f ns per row (Spark / engine %.2f)%n", c * 1e9, engine1 * 1e9, c / engine1);
    System.out.println("| C | P | engine 1 / 2 threads, same rounds | K = min(C, that) | t_fixed ms | model, K = C, ms"
        + " | model, K as measured, ms | measured ms | measured / model (K as measured) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    double[] xs = new double[CORES.length * PARTITIONS.length];
    double[] ys = new double[xs.length];
    int i = 0;
    for (int ci = 0; ci < CORES.length; ci++) {
      for (int pi = 0; pi < PARTITIONS.length; pi++) {
        double scaling = rounds[ci][pi].engineScaling.median;
        double k = Math.max(1, Math.min(CORES[ci], scaling));
        double nominal = Math.min(CORES[ci], PARTITIONS[pi]);
        double effective = Math.min(k, PARTITIONS[pi]);
        double fixed = tiny[ci][pi].median - c * TINY_ROWS / effective;
        double modelNominal = fixed + c * ROWS / nominal;
        double modelEffective = fixed + c * ROWS / effective;
        double measured = rounds[ci][pi].spark.median;
        System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.2f |%n", CORES[ci],
            PARTITIONS[pi], scaling, k, fixed * 1e3, modelNominal * 1e3, modelEffective * 1e3, measured * 1e3,
            measured / modelEffective);
        xs[i] = PARTITIONS[pi] / nominal;
        ys[i] = fixed;
        i++;
      }
    }
    double[] ab = linearFit(xs, ys);
    System.out.printf(Locale.ROOT, "t_fixed ≈ %.1f ms + %.2f ms × P / min(C, P) (least squares over the 6: per job,"
        + " then per task and core)%n", ab[0] * 1e3, ab[1] * 1e3);

    int p = shape.numParameters();
    GradientSums sums = new GradientSums(p);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sums);
    }
    GradientSums into = new GradientSums(p);
    int merges = 200000;
    for (int w = 0; w < merges; w++) {
      into.merge(sums);
    }
    long m0 = System.nanoTime();
    for (int w = 0; w < merges; w++) {
      into.merge(sums);
    }
    double mergeSec = (System.nanoTime() - m0) * 1e-9 / merges;
    System.out.printf(Locale.ROOT, "sizes: θ = 8 × %d = %d bytes broadcast per pass; one partition's GradientSums"
        + " Java-serialized %d bytes; one merge of it on the driver %.2f µs%n", p, 8 * p, bytes.size(),
        mergeSec * 1e6);
  }

  static String range(Timing t) {
    return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", t.median * 1e3, t.min * 1e3, t.max * 1e3);
  }

  /** Row blocks by name, for {@link #cachedBlocks}: in local mode the executors run in this JVM. */
  static final Map<String, List<RowBlock>> HELD = new ConcurrentHashMap<>();

  /**
   * The blocks as a cached RDD of p partitions whose tasks carry only block indices. Not
   * {@code parallelize(blocks, p)}: its partitions hold the values themselves, so every task of every pass
   * would serialize its share of the rows again (Spark warned of 50–200 MB tasks), caching or not; here the
   * partitions are lists of indices and the cache holds the blocks, as when the adapter's blocks are built
   * from files on the executors.
   */
  static JavaRDD<RowBlock> cachedBlocks(JavaSparkContext context, String name, List<RowBlock> blocks, int p) {
    HELD.put(name, blocks);
    List<Integer> indices = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      indices.add(b);
    }
    return context.parallelize(indices, p).map(b -> HELD.get(name).get(b)).persist(StorageLevel.MEMORY_ONLY());
  }

  static double[] linearFit(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double b = sxx > 0 ? sxy / sxx : 0;
    return new double[] {my - b * mx, b};
  }

  /** Spark's sums against the local engine's: relative differences of L, S and the gradient (by its max). */
  static String compare(GradientSums expected, GradientSums actual) {
    double dl = Math.abs(expected.loss() - actual.loss()) / Math.abs(expected.loss());
    double ds = Math.abs(expected.weight() - actual.weight()) / Math.abs(expected.weight());
    double scale = 0;
    double dg = 0;
    for (int i = 0; i < expected.gradient().length; i++) {
      scale = Math.max(scale, Math.abs(expected.gradient()[i]));
      dg = Math.max(dg, Math.abs(expected.gradient()[i] - actual.gradient()[i]));
    }
    dg /= scale;
    boolean ok = dl <= 1e-12 && ds <= 1e-12 && dg <= 1e-12;
    return String.format(Locale.ROOT, "Spark vs local engine: L rel. diff %.1e, S rel. diff %.1e, max |ΔG| / max |G|"
        + " %.1e: %s", dl, ds, dg, ok ? "equal within 1e-12" : "MISMATCH (> 1e-12)");
  }

  static void section(String title) {
    System.out.println();
    System.out.println("## " + title);
  }

  static String cpuPressure() {
    try {
      return Files.readAllLines(Paths.get("/proc/pressure/cpu")).get(0);
    } catch (Exception e) {
      return "?";
    }
  }

  static String loadAverage() {
    try {
      return new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).trim();
    } catch (Exception e) {
      return "?";
    }
  }
}
