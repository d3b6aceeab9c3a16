package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/** Small synthetic data sets for the robustness, property, concurrency and interruption tests. */
final class TestData {

  private TestData() {
  }

  /** @return class values c0, c1, … */
  static List<String> classValues(int numClasses) {
    List<String> values = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      values.add("c" + c);
    }
    return values;
  }

  /**
   * Numeric attributes x0, x1, … and a nominal class (last).
   *
   * @param rows the attribute values per instance (NaN = missing)
   * @param classes the class index per instance (-1 = missing)
   * @param numClasses the number of declared class values
   */
  static Instances numeric(double[][] rows, int[] classes, int numClasses) {
    int numAttributes = rows.length == 0 ? 1 : rows[0].length;
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < numAttributes; j++) {
      attributes.add(new Attribute("x" + j));
    }
    attributes.add(new Attribute("class", classValues(numClasses)));
    Instances data = new Instances("numeric", attributes, rows.length);
    data.setClassIndex(numAttributes);
    for (int k = 0; k < rows.length; k++) {
      double[] values = new double[numAttributes + 1];
      System.arraycopy(rows[k], 0, values, 0, numAttributes);
      values[numAttributes] = classes[k] < 0 ? Utils.missingValue() : classes[k];
      data.add(new DenseInstance(1.0, values));
    }
    return data;
  }

  /**
   * A separable two-class set on one numeric attribute: class 0 for x in 1..n, class 1 for x in n+1..2n, every
   * value multiplied by {@code scale}.
   */
  static Instances separable(int n, double scale) {
    double[][] rows = new double[2 * n][];
    int[] classes = new int[2 * n];
    for (int k = 0; k < 2 * n; k++) {
      rows[k] = new double[] {(k + 1) * scale};
      classes[k] = k < n ? 0 : 1;
    }
    return numeric(rows, classes, 2);
  }

  /**
   * Random mixed data: numeric attributes n0…, nominal attributes a0… (3 values each), a nominal class.
   *
   * @param random the source of randomness
   * @param numRows instances
   * @param numNumeric numeric attributes
   * @param numNominal nominal attributes
   * @param numClasses class values
   * @param missingRate probability of a missing attribute value
   * @param weighted if true, weights are drawn from {0, 0.5, 1, 2, 3.7}
   */
  static Instances random(Random random, int numRows, int numNumeric, int numNominal, int numClasses,
      double missingRate, boolean weighted) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < numNumeric; j++) {
      attributes.add(new Attribute("n" + j));
    }
    for (int j = 0; j < numNominal; j++) {
      attributes.add(new Attribute("a" + j, List.of("u", "v", "w")));
    }
    attributes.add(new Attribute("class", classValues(numClasses)));
    Instances data = new Instances("random", attributes, numRows);
    data.setClassIndex(attributes.size() - 1);
    double[] weights = {0, 0.5, 1, 2, 3.7};
    for (int k = 0; k < numRows; k++) {
      double[] values = new double[attributes.size()];
      int c = random.nextInt(numClasses);
      for (int j = 0; j < numNumeric; j++) {
        values[j] = random.nextDouble() < missingRate ? Utils.missingValue() : random.nextGaussian() + c * (j % 2);
      }
      for (int j = 0; j < numNominal; j++) {
        values[numNumeric + j] = random.nextDouble() < missingRate ? Utils.missingValue() : random.nextInt(3);
      }
      values[values.length - 1] = c;
      data.add(new DenseInstance(weighted ? weights[random.nextInt(weights.length)] : 1.0, values));
    }
    return data;
  }

  /**
   * @param data instances whose attribute 3 is nominal with at least three values
   * @return a copy in which attribute 3 never takes its value 2 (those instances get value 0): trained on it, a model
   *     has no input for that value, which the original data then holds
   */
  static Instances withoutThirdValueOfAttribute3(Instances data) {
    Instances copy = new Instances(data);
    for (Instance instance : copy) {
      if (!instance.isMissing(3) && instance.value(3) == 2) {
        instance.setValue(3, 0);
      }
    }
    return copy;
  }

  /** @return an instance of {@code data}'s header with the given values (class missing) */
  static Instance instance(Instances data, double... values) {
    double[] all = new double[data.numAttributes()];
    System.arraycopy(values, 0, all, 0, values.length);
    all[data.classIndex()] = Utils.missingValue();
    Instance instance = new DenseInstance(1.0, all);
    instance.setDataset(data);
    return instance;
  }
}
