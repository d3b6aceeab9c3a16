package weka.classifiers.functions.backprop.kernel;

import java.util.Random;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Run by {@code VectorKernelsIT} in child JVMs, in one of three modes:
 * <ul>
 *   <li>{@code train <arff> <model file> <options>}: trains on the ARFF file, saves the model, prints the model's
 *       activation kernels and the class distributions (exact hexadecimal doubles) of every instance;</li>
 *   <li>{@code predict <arff> <model file>}: loads the model and prints the same;</li>
 *   <li>{@code formula}: compares this JVM's vector kernels ({@link ActivationKernels#vector()}) with
 *       {@link VectorFormula} one value at a time on random and special values, for every row length 0 … 40, and
 *       prints the number of values whose bits differ.</li>
 * </ul>
 */
public final class VectorKernelsProbe {

  private VectorKernelsProbe() {
  }

  /**
   * @param args see the class comment
   * @throws Exception if training or loading fails
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("formula")) {
      System.out.println("vector kernels: " + ActivationKernels.vector().name());
      System.out.println("mismatches: " + formulaMismatches());
      return;
    }
    Instances data = DataSource.read(args[1]);
    data.setClassIndex(data.numAttributes() - 1);
    BackpropOneHidden classifier;
    if (args[0].equals("train")) {
      String[] options = new String[args.length - 3];
      System.arraycopy(args, 3, options, 0, options.length);
      classifier = new BackpropOneHidden();
      classifier.setOptions(options);
      classifier.buildClassifier(data);
      SerializationHelper.write(args[2], classifier);
    } else {
      classifier = (BackpropOneHidden) SerializationHelper.read(args[2]);
    }
    System.out.println("kernels: " + classifier.getNetwork().shape().kernels().implementation().name());
    for (double[] distribution : classifier.distributionsForInstances(data)) {
      StringBuilder line = new StringBuilder("p");
      for (double p : distribution) {
        line.append(' ').append(Double.toHexString(p));
      }
      System.out.println(line);
    }
    System.out.println("options: " + Utils.joinOptions(classifier.getOptions()));
  }

  private static long formulaMismatches() {
    ActivationKernels vector = ActivationKernels.vector();
    ActivationKernels oneByOne = new VectorFormula.Kernels();
    double[] special = {0.0, -0.0, 1e-300, -1e-300, 0x1p-14, -0x1p-14, 0x1p-13, -0x1p-13, 1e-3, -1e-3, 0.5, -0.5, 1,
        -1, 19.0, -19.0, 40, -40, 354.0, -354.0, 709.0, -709.0, 800, -800, 1e300, -1e300, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
    Random random = new Random(42);
    long mismatches = 0;
    for (int round = 0; round < 2000; round++) {
      for (int n = 0; n <= 40; n++) {
        double[] z = new double[n];
        for (int l = 0; l < n; l++) {
          z[l] = round % 10 == 0 ? special[random.nextInt(special.length)]
              : random.nextGaussian() * (round % 3 == 0 ? 30 : 3);
        }
        for (boolean tanh : new boolean[] {true, false}) {
          double[] a = z.clone();
          double[] b = z.clone();
          if (tanh) {
            vector.tanh(a, n);
            oneByOne.tanh(b, n);
          } else {
            vector.logistic(a, n);
            oneByOne.logistic(b, n);
          }
          for (int l = 0; l < n; l++) {
            if (Double.doubleToRawLongBits(a[l]) != Double.doubleToRawLongBits(b[l])
                && !(Double.isNaN(a[l]) && Double.isNaN(b[l]))) {
              mismatches++;
            }
          }
        }
      }
    }
    return mismatches;
  }
}
