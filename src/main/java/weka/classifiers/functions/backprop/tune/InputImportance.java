package weka.classifiers.functions.backprop.tune;

import java.util.Random;

import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.NetworkShape;
import weka.classifiers.functions.backprop.train.DataMatrix;

/**
 * How much a trained network (or committee) relies on each group of its inputs (a group: the inputs computed from
 * one original attribute, e.g. a nominal attribute's indicators), by two measures.
 *
 * <p><b>Olden's connection weights</b>, on the standardized inputs: for input i and output c,
 * O_ic = Σ_l Θ_li β_cl over the hidden units l. With one sigmoid output (two classes) the input's value is |O_i|;
 * with softmax outputs, which do not change when the same vector is added to every class's β, the O_ic are
 * centred over the classes first (O_ic − mean_c' O_ic', which removes that free shift) and the value is the mean
 * over classes of |O_ic − mean|: one number per input whatever the number of classes. A group's value is the sum
 * of its inputs' values; a committee's the mean over its networks. It is exact and costs nothing, but sees only
 * the weights: not the data, not interactions, not what the hidden units' saturation does.
 *
 * <p><b>Permutation importance</b>, model-agnostic: each network f predicts only its own held-out rows
 * [start[f], start[f+1]) (the fold a committee member did not train on, or the hold-out part of early stopping),
 * and the score is the mean held-out Brier score Σ_k s_k Σ_c (p_kc − y_kc)² / Σ_k s_k over all of them (a proper
 * score, the tuning's). A group's importance is the rise of that score when the group's input columns are permuted
 * together among the held-out rows of each network (the classes and weights stay with their rows), averaged over
 * {@code repeats} permutations, with their standard deviation. The permutations come from the seed alone, so the
 * numbers are deterministic; nothing here changes a network.
 */
public final class InputImportance {

  private final double baseline;
  private final double[] rise;
  private final double[] riseSd;
  private final double[] olden;
  private final double[] oldenInput;
  private final int repeats;
  private final long rowsPredicted;

  private InputImportance(double baseline, double[] rise, double[] riseSd, double[] olden, double[] oldenInput,
      int repeats, long rowsPredicted) {
    this.baseline = baseline;
    this.rise = rise;
    this.riseSd = riseSd;
    this.olden = olden;
    this.oldenInput = oldenInput;
    this.repeats = repeats;
    this.rowsPredicted = rowsPredicted;
  }

  /**
   * @param members the networks, all of one shape
   * @param rows the rows they are scored on (weights and class balance as in training)
   * @param start network f predicts rows start[f] … start[f+1] − 1 (start.length = members.length + 1)
   * @param groups each group's inputs (0-based, bias excluded); every input in at most one group
   * @param repeats permutations per group, at least 1
   * @param seed where the permutations come from
   * @return both measures per group
   */
  public static InputImportance of(Network[] members, DataMatrix rows, int[] start, int[][] groups, int repeats,
      long seed) {
    if (members.length == 0 || start.length != members.length + 1 || repeats < 1) {
      throw new IllegalArgumentException("need at least one network, one row range per network and one repeat");
    }
    int m = members[0].shape().numInputs();
    if (rows.numInputs() != m) {
      throw new IllegalArgumentException("the rows have " + rows.numInputs() + " inputs, the networks " + m);
    }
    double[] oldenInput = new double[m];
    for (Network network : members) {
      double[] o = oldenOf(network);
      for (int i = 0; i < m; i++) {
        oldenInput[i] += o[i] / members.length;
      }
    }
    int numGroups = groups.length;
    double[] olden = new double[numGroups];
    for (int a = 0; a < numGroups; a++) {
      for (int i : groups[a]) {
        olden[a] += oldenInput[i];
      }
    }
    int width = rows.rowWidth();
    int numClasses = rows.numClasses();
    double totalWeight = 0;
    double baseSquares = 0;
    double[][] squares = new double[numGroups][repeats];
    long predicted = 0;
    for (int f = 0; f < members.length; f++) {
      int from = start[f];
      int n = start[f + 1] - from;
      if (n <= 0) {
        continue;
      }
      for (int r = from; r < from + n; r++) {
        totalWeight += rows.weight(r);
      }
      double[] x = new double[n * width];
      System.arraycopy(rows.x(), from * width, x, 0, n * width);
      double[] p = new double[n * numClasses];
      baseSquares += CrossValidationSearch.score(members[f], x, 0, rows, from, n, p)[0];
      predicted += n;
      for (int a = 0; a < numGroups; a++) {
        for (int rep = 0; rep < repeats; rep++) {
          int[] perm = permutation(n, new Random(mix(seed, f, a, rep)));
          for (int k = 0; k < n; k++) {
            for (int i : groups[a]) {
              x[k * width + i + 1] = rows.x()[(from + perm[k]) * width + i + 1];
            }
          }
          squares[a][rep] += CrossValidationSearch.score(members[f], x, 0, rows, from, n, p)[0];
          predicted += n;
        }
        for (int k = 0; k < n; k++) {
          for (int i : groups[a]) {
            x[k * width + i + 1] = rows.x()[(from + k) * width + i + 1];
          }
        }
      }
    }
    if (!(totalWeight > 0)) {
      throw new IllegalArgumentException("the held-out rows' weights sum to " + totalWeight);
    }
    double base = baseSquares / totalWeight;
    double[] rise = new double[numGroups];
    double[] riseSd = new double[numGroups];
    for (int a = 0; a < numGroups; a++) {
      double sum = 0;
      for (int rep = 0; rep < repeats; rep++) {
        sum += squares[a][rep] / totalWeight - base;
      }
      double mean = sum / repeats;
      double m2 = 0;
      for (int rep = 0; rep < repeats; rep++) {
        double d = squares[a][rep] / totalWeight - base - mean;
        m2 += d * d;
      }
      rise[a] = mean;
      riseSd[a] = repeats > 1 ? Math.sqrt(m2 / (repeats - 1)) : 0;
    }
    return new InputImportance(base, rise, riseSd, olden, oldenInput, repeats, predicted);
  }

  /** @return Olden's value of each input of one network (see the class comment) */
  static double[] oldenOf(Network network) {
    NetworkShape shape = network.shape();
    int m = shape.numInputs();
    int g = shape.numHidden();
    int outputs = shape.numOutputs();
    double[] value = new double[m];
    double[] o = new double[outputs];
    for (int i = 0; i < m; i++) {
      double mean = 0;
      for (int c = 0; c < outputs; c++) {
        double sum = 0;
        for (int l = 0; l < g; l++) {
          sum += network.theta(i + 1, l) * network.beta(c, l + 1);
        }
        o[c] = sum;
        mean += sum / outputs;
      }
      if (outputs == 1) {
        value[i] = Math.abs(o[0]);
      } else {
        double s = 0;
        for (int c = 0; c < outputs; c++) {
          s += Math.abs(o[c] - mean);
        }
        value[i] = s / outputs;
      }
    }
    return value;
  }

  /** @return a uniformly random permutation of 0 … n − 1 (Fisher–Yates) */
  private static int[] permutation(int n, Random random) {
    int[] perm = new int[n];
    for (int k = 0; k < n; k++) {
      perm[k] = k;
    }
    for (int k = n - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int t = perm[k];
      perm[k] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  private static long mix(long seed, int f, int a, int rep) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h = (h ^ f) * 0xBF58476D1CE4E5B9L;
    h = (h ^ a) * 0x94D049BB133111EBL;
    h = (h ^ rep) * 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 31);
  }

  /** @return the mean held-out Brier score of the networks as trained */
  public double baseline() {
    return baseline;
  }

  /** @return each group's permutation importance: the mean rise of the held-out Brier score (a copy) */
  public double[] permutation() {
    return rise.clone();
  }

  /** @return the standard deviation of each group's rise over the repeats (0 with one repeat; a copy) */
  public double[] permutationSd() {
    return riseSd.clone();
  }

  /** @return each group's Olden value (a copy) */
  public double[] olden() {
    return olden.clone();
  }

  /** @return each input's Olden value, the mean over the networks (a copy) */
  public double[] oldenPerInput() {
    return oldenInput.clone();
  }

  /** @return the permutations per group */
  public int repeats() {
    return repeats;
  }

  /** @return the rows predicted in all (the held-out rows once as they are, then once per group and repeat) */
  public long rowsPredicted() {
    return rowsPredicted;
  }
}
