package r17;

import java.io.FileWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.DataMatrix;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.Trainer;
import weka.classifiers.functions.backprop.TrainingResult;
import weka.classifiers.functions.backprop.UpdateRule;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.classifiers.functions.backprop.TrainingConfig;
import weka.classifiers.rules.ZeroR;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Prototype for issue 17: model selection by k-fold CV inside buildClassifier, on BackpropOneHidden's engine.
 *
 * <p>For every candidate (H, R, L) of the grid, k fold networks are trained in lockstep, one epoch at a time;
 * after each epoch the held-out cross-entropy of every fold is summed (weighted by the folds' weights) into the
 * mean CV loss of that epoch. A candidate stops when its mean CV loss has not fallen for -P epochs (or at -N).
 * The candidate with the lowest mean CV loss wins, with E* = its best epoch. The final model is
 * refit (networks on all rows for round(E* x scale) epochs, one per seed), the committee of the k fold networks at
 * E*, or both; predictions average the members' probabilities.
 */
public class Tuned extends AbstractClassifier {

  private static final long serialVersionUID = 1L;

  int folds = 5;
  String gridH = "16";
  String gridR = "1e-4";
  String gridL = "0.01";
  int maxEpochs = 200;
  int patience = 20;
  String finalMode = "refit";
  double refitScale = 1.0;
  int refits = 1;
  int batch = 32;
  String optimizer = "adam";
  String activation = "tanh";
  int seed = 1;
  int threads = 1;
  String logFile = null;
  /** select by: loss (mean CV cross-entropy) or acc (mean CV error, ties by loss). */
  String select = "loss";
  /** one-standard-error-like tolerance: prefer an earlier candidate in grid order within tol (relative). */
  double tol = 0.0;
  /** fold seeds: same (every fold the seed) or vary (seed + f). */
  boolean varySeeds = true;
  /** no CV at all: plain training (for baselines of capacity rules): -plain */
  boolean plain = false;
  double plainV = 0.0;
  /** fewest held-out rows per fold (k = min(folds, n / minFold)); with k below minK: plain default training */
  int minFold = 0;
  int minK = 2;
  /** above bigN rows: kBig folds, and hidden units also from bigH (comma list) */
  int bigN = Integer.MAX_VALUE;
  int kBig = 5;
  String bigH = null;
  String bigR = null;
  int bigP = -1;

  private StatisticsPreprocessing pre;
  private List<Network> members;
  private ZeroR zeroR;

  @Override
  public void setOptions(String[] options) throws Exception {
    String s;
    if (!(s = Utils.getOption("k", options)).isEmpty()) folds = Integer.parseInt(s);
    if (!(s = Utils.getOption("H", options)).isEmpty()) gridH = s;
    if (!(s = Utils.getOption("R", options)).isEmpty()) gridR = s;
    if (!(s = Utils.getOption("L", options)).isEmpty()) gridL = s;
    if (!(s = Utils.getOption("N", options)).isEmpty()) maxEpochs = Integer.parseInt(s);
    if (!(s = Utils.getOption("P", options)).isEmpty()) patience = Integer.parseInt(s);
    if (!(s = Utils.getOption("final", options)).isEmpty()) finalMode = s;
    if (!(s = Utils.getOption("scale", options)).isEmpty()) refitScale = Double.parseDouble(s);
    if (!(s = Utils.getOption("refits", options)).isEmpty()) refits = Integer.parseInt(s);
    if (!(s = Utils.getOption("B", options)).isEmpty()) batch = Integer.parseInt(s);
    if (!(s = Utils.getOption("O", options)).isEmpty()) optimizer = s;
    if (!(s = Utils.getOption("A", options)).isEmpty()) activation = s;
    if (!(s = Utils.getOption("S", options)).isEmpty()) seed = Integer.parseInt(s);
    if (!(s = Utils.getOption("log", options)).isEmpty()) logFile = s;
    if (!(s = Utils.getOption("select", options)).isEmpty()) select = s;
    if (!(s = Utils.getOption("tol", options)).isEmpty()) tol = Double.parseDouble(s);
    if (!(s = Utils.getOption("plainV", options)).isEmpty()) plainV = Double.parseDouble(s);
    if (!(s = Utils.getOption("minFold", options)).isEmpty()) minFold = Integer.parseInt(s);
    if (!(s = Utils.getOption("minK", options)).isEmpty()) minK = Integer.parseInt(s);
    if (!(s = Utils.getOption("perFold", options)).isEmpty()) perFold = Integer.parseInt(s);
    if (!(s = Utils.getOption("bigN", options)).isEmpty()) bigN = Integer.parseInt(s);
    if (!(s = Utils.getOption("kBig", options)).isEmpty()) kBig = Integer.parseInt(s);
    if (!(s = Utils.getOption("bigH", options)).isEmpty()) bigH = s;
    if (!(s = Utils.getOption("bigR", options)).isEmpty()) bigR = s;
    if (!(s = Utils.getOption("bigP", options)).isEmpty()) bigP = Integer.parseInt(s);
    varySeeds = !Utils.getFlag("sameSeeds", options);
    plain = Utils.getFlag("plain", options);
    super.setOptions(options);
  }

  @Override
  public String[] getOptions() {
    List<String> o = new ArrayList<>(Arrays.asList("-k", "" + folds, "-H", gridH, "-R", gridR, "-L", gridL,
        "-N", "" + maxEpochs, "-P", "" + patience, "-final", finalMode, "-scale", "" + refitScale, "-refits",
        "" + refits, "-B", "" + batch, "-O", optimizer, "-A", activation, "-S", "" + seed, "-select", select,
        "-tol", "" + tol, "-plainV", "" + plainV, "-minFold", "" + minFold, "-minK", "" + minK, "-bigN", "" + bigN, "-kBig", "" + kBig));
    if (bigH != null) { o.add("-bigH"); o.add(bigH); }
    if (bigR != null) { o.add("-bigR"); o.add(bigR); }
    if (bigP >= 0) { o.add("-bigP"); o.add("" + bigP); }
    if (logFile != null) {
      o.add("-log");
      o.add(logFile);
    }
    if (!varySeeds) o.add("-sameSeeds");
    if (plain) o.add("-plain");
    return o.toArray(new String[0]);
  }

  /** A hidden-unit token: a number, or a rule of inputs m and classes c. */
  static int hidden(String token, int m, int c) {
    switch (token) {
      case "auto": // grows with inputs and classes
        return Math.max(16, Math.min(128, 4 * c + m / 2));
      case "auto2":
        return Math.max(16, Math.min(256, 8 * c));
      case "auto3": // 2 x (m + c)/2 a la MultilayerPerceptron's 'a', at least 16
        return Math.max(16, Math.min(256, m + c));
      default:
        if (token.startsWith("c")) { // c4 = 4 x classes, at least 16
          return Math.max(16, Integer.parseInt(token.substring(1)) * c);
        }
        return Integer.parseInt(token);
    }
  }

  /** A weight-decay token: a number, or n<x>: x / rows. */
  static double decay(String token, int n) {
    if (token.startsWith("n")) {
      return Double.parseDouble(token.substring(1)) / n;
    }
    return Double.parseDouble(token);
  }

  /** the activation of the candidate being trained */
  private transient String act = "tanh";
  /** seeds per fold (members per fold in the committee) */
  int perFold = 1;

  private TrainingConfig config(int h, double r, double l, long s, int epochs, double v) {
    return new TrainingConfig().numHidden(h).activation(Activation.fromOptionName(act)).learningRate(l)
        .epochs(epochs).seed(s).numThreads(threads).updateRule(UpdateRule.fromOptionName(optimizer)).momentum(0.9)
        .learningRateDecay(0).weightDecay(r).batchSize(batch).validationFraction(v).patience(v > 0 && plain
            ? 20 : 1_000_000_000);
  }

  @Override
  public void buildClassifier(Instances data) throws Exception {
    data = new Instances(data);
    data.deleteWithMissingClass();
    members = new ArrayList<>();
    zeroR = null;
    pre = StatisticsPreprocessing.fit(data);
    int c = data.numClasses();
    if (pre.numInputs() == 0 || data.numInstances() < 2) {
      zeroR = new ZeroR();
      zeroR.buildClassifier(data);
      return;
    }
    DataMatrix all = pre.trainingMatrix(data, null, c);
    int n = all.numRows();
    int m = all.numInputs();
    String[] hs = (n > bigN && bigH != null ? bigH : gridH).split(",");
    String[] rs = (n > bigN && bigR != null ? bigR : gridR).split(",");
    int pat = n > bigN && bigP >= 0 ? bigP : patience;
    String[] ls = gridL.split(",");
    StringBuilder log = new StringBuilder();
    log.append(String.format(Locale.ROOT, "%s\tn=%d\tm=%d\tc=%d", data.relationName().replaceAll("[\\s-].*", ""), n,
        m, c));

    if (plain) {
      int h = hidden(hs[0], m, c);
      double r = decay(rs[0], n);
      double l = Double.parseDouble(ls[0]);
      for (int s = 0; s < refits; s++) {
        TrainingResult res = Trainer.train(all, config(h, r, l, seed + s, maxEpochs, plainV));
        members.add(res.network());
        log.append("\tplain H=" + h + " R=" + r + " kept=" + res.keptEpoch());
      }
      writeLog(log);
      return;
    }

    int kFolds = n > bigN ? kBig : folds;
    int kk = minFold > 0 ? Math.min(kFolds, n / minFold) : kFolds;
    if (kk < minK) {
      // too small to validate: the plain default (early stopping as configured by the default split rule)
      TrainingResult res = Trainer.train(all, config(16, 1e-4, 0.01, seed, 200, 0.1).patience(20));
      members.add(res.network());
      log.append("\tTOO SMALL: plain default");
      writeLog(log);
      return;
    }
    // stratified folds from the labels: per class, shuffled rows dealt round robin, continuing across classes
    int k = Math.max(2, Math.min(kk, n));
    int[] foldOf = new int[n];
    Random random = new Random(seed + 3L);
    int[] y = all.y();
    int next = 0;
    for (int cls = 0; cls < c; cls++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (y[i] == cls) rows.add(i);
      }
      java.util.Collections.shuffle(rows, random);
      for (int i : rows) {
        foldOf[i] = next;
        next = (next + 1) % k;
      }
    }
    DataMatrix[] foldData = new DataMatrix[k];
    int[] foldTrain = new int[k];
    double[] foldWeight = new double[k];
    double totalWeight = 0;
    for (int f = 0; f < k; f++) {
      int[] order = new int[n];
      int t = 0;
      for (int i = 0; i < n; i++) {
        if (foldOf[i] != f) order[t++] = i;
      }
      foldTrain[f] = t;
      int v = t;
      for (int i = 0; i < n; i++) {
        if (foldOf[i] == f) {
          order[v++] = i;
          foldWeight[f] += all.weight(i);
        }
      }
      totalWeight += foldWeight[f];
      foldData[f] = all.rows(order);
    }

    double bestScore = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    int bestH = 0;
    double bestR = 0;
    double bestL = 0;
    Network[] bestCommittee = null;
    String[] acts = activation.split(",");
    String bestAct = acts[0];
    act = acts[0];
    for (String aToken : acts) {
    act = aToken;
    for (String hToken : hs) {
      int h = hidden(hToken, m, c);
      for (String rToken : rs) {
        double r = decay(rToken, n);
        for (String lToken : ls) {
          double l = Double.parseDouble(lToken);
          Trainer[] trainers = new Trainer[k * perFold];
          for (int f = 0; f < k * perFold; f++) {
            trainers[f] = Trainer.withHeldOutRowsLast(foldData[f % k], foldTrain[f % k],
                config(h, r, l, varySeeds ? seed + f : seed, maxEpochs, 0.5));
          }
          double candBest = Double.POSITIVE_INFINITY;
          int candEpoch = 0;
          Network[] snapshot = new Network[k * perFold];
          for (int e = 1; e <= maxEpochs; e++) {
            double sum = 0;
            for (int f = 0; f < k * perFold; f++) {
              trainers[f].epoch();
              sum += trainers[f].latestValidationLoss() * foldWeight[f % k];
            }
            double mean = sum / totalWeight / perFold;
            if (select.equals("acc")) {
              double wrong = 0;
              for (int f = 0; f < k; f++) {
                wrong += wrongWeight(trainers[f].currentNetwork(), foldData[f], foldTrain[f]);
              }
              mean = wrong / totalWeight + 1e-6 * mean;
            }
            if (select.equals("brier")) {
              double b = 0;
              for (int f = 0; f < k * perFold; f++) {
                b += brierSum(trainers[f].currentNetwork(), foldData[f % k], foldTrain[f % k]);
              }
              mean = b / totalWeight / perFold;
            }
            if (mean < candBest) {
              candBest = mean;
              candEpoch = e;
              if (!finalMode.equals("refit")) {
                for (int f = 0; f < k * perFold; f++) {
                  snapshot[f] = trainers[f].currentNetwork();
                }
              }
            } else if (e - candEpoch >= pat) {
              break;
            }
          }
          for (Trainer t : trainers) {
            t.close();
          }
          log.append(String.format(Locale.ROOT, "\t%s,H=%d,R=%.3g,L=%.3g:%.4f@%d", act, h, r, l, candBest, candEpoch));
          if (candBest < bestScore * (1 - tol)) {
            bestScore = candBest;
            bestEpoch = candEpoch;
            bestH = h;
            bestR = r;
            bestL = l;
            bestCommittee = snapshot;
            bestAct = act;
          }
        }
      }
    }
    }
    act = bestAct;
    log.append("\tCHOSEN " + act);
    log.append(String.format(Locale.ROOT, " H=%d R=%.3g L=%.3g E=%d", bestH, bestR, bestL, bestEpoch));
    if (!finalMode.equals("refit")) {
      members.addAll(Arrays.asList(bestCommittee));
    }
    if (!finalMode.equals("committee")) {
      int epochs = Math.max(1, (int) Math.round(bestEpoch * refitScale));
      for (int s = 0; s < refits; s++) {
        TrainingResult res = Trainer.train(all, config(bestH, bestR, bestL, seed + s, epochs, 0));
        members.add(res.network());
      }
    }
    writeLog(log);
  }

  /** @return the weighted sum over the held-out rows (from row t on) of the Brier score sum_c (p_c - y_c)^2 */
  static double brierSum(Network net, DataMatrix d, int t) {
    int rows = d.numRows() - t;
    int c = d.numClasses();
    double[] out = new double[rows * c];
    net.distributions(d.x(), t, rows, out);
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      double b = 0;
      for (int j = 0; j < c; j++) {
        double e = out[r * c + j] - (d.y()[t + r] == j ? 1 : 0);
        b += e * e;
      }
      sum += b * d.weight(t + r);
    }
    return sum;
  }

  /** @return the weight of the held-out rows (from row t on) that the network misclassifies */
  static double wrongWeight(Network net, DataMatrix d, int t) {
    int rows = d.numRows() - t;
    int c = d.numClasses();
    double[] out = new double[rows * c];
    net.distributions(d.x(), t, rows, out);
    double wrong = 0;
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (out[r * c + j] > out[r * c + best]) best = j;
      }
      if (best != d.y()[t + r]) wrong += d.weight(t + r);
    }
    return wrong;
  }

  private void writeLog(StringBuilder log) {
    if (logFile != null) {
      try (PrintWriter w = new PrintWriter(new FileWriter(logFile, true))) {
        w.println(log);
      } catch (java.io.IOException e) {
        throw new RuntimeException(e);
      }
    }
  }

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    if (zeroR != null) {
      return zeroR.distributionForInstance(instance);
    }
    double[] row = pre.toRow(instance);
    double[] sum = null;
    for (Network net : members) {
      double[] p = net.distribution(row);
      if (sum == null) {
        sum = p;
      } else {
        for (int i = 0; i < p.length; i++) sum[i] += p[i];
      }
    }
    for (int i = 0; i < sum.length; i++) sum[i] /= members.size();
    return sum;
  }
}
