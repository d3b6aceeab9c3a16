package r17;

import java.util.*;
import weka.classifiers.functions.backprop.*;
import weka.classifiers.functions.backprop.bridge.StatisticsPreprocessing;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** Curve FILE H R L N [B] [A]: 5-fold CV (seed 1) mean held-out loss and accuracy every few epochs. */
public class Curve {
  public static void main(String[] a) throws Exception {
    Instances data = DataSource.read(a[0]);
    data.setClassIndex(data.numAttributes() - 1);
    data.deleteWithMissingClass();
    int h = Integer.parseInt(a[1]);
    double r = Double.parseDouble(a[2]);
    double l = Double.parseDouble(a[3]);
    int N = Integer.parseInt(a[4]);
    int B = a.length > 5 ? Integer.parseInt(a[5]) : 32;
    String act = a.length > 6 ? a[6] : "tanh";
    StatisticsPreprocessing pre = StatisticsPreprocessing.fit(data);
    int c = data.numClasses();
    DataMatrix all = pre.trainingMatrix(data, null, c);
    int n = all.numRows(), k = 5;
    int[] foldOf = new int[n];
    Random random = new Random(4);
    int next = 0;
    for (int cls = 0; cls < c; cls++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) if (all.y()[i] == cls) rows.add(i);
      Collections.shuffle(rows, random);
      for (int i : rows) { foldOf[i] = next; next = (next + 1) % k; }
    }
    Trainer[] t = new Trainer[k];
    DataMatrix[] fd = new DataMatrix[k];
    int[] ft = new int[k];
    for (int f = 0; f < k; f++) {
      int[] order = new int[n];
      int p = 0;
      for (int i = 0; i < n; i++) if (foldOf[i] != f) order[p++] = i;
      ft[f] = p;
      for (int i = 0; i < n; i++) if (foldOf[i] == f) order[p++] = i;
      fd[f] = all.rows(order);
      TrainingConfig cfg = new TrainingConfig().numHidden(h).activation(Activation.fromOptionName(act)).learningRate(l)
          .epochs(N).seed(1 + f).numThreads(1).updateRule(UpdateRule.ADAM).weightDecay(r).batchSize(B)
          .validationFraction(0.5).patience(1000000000);
      t[f] = Trainer.withHeldOutRowsLast(fd[f], ft[f], cfg);
    }
    for (int e = 1; e <= N; e++) {
      double loss = 0, wrong = 0, tl = 0, br = 0;
      for (int f = 0; f < k; f++) {
        t[f].epoch();
        loss += t[f].latestValidationLoss() * (n - ft[f]);
        tl += t[f].latestLoss();
        wrong += Tuned.wrongWeight(t[f].currentNetwork(), fd[f], ft[f]);
        br += Tuned.brierSum(t[f].currentNetwork(), fd[f], ft[f]);
      }
      if (e <= 10 || e % 10 == 0) {
        System.out.printf(Locale.ROOT, "%4d  cvloss %.4f  brier %.4f  cvacc %.2f  trainJ %.4f%n", e, loss / n, br / n, 100 - 100 * wrong / n, tl / k);
      }
    }
  }
}
