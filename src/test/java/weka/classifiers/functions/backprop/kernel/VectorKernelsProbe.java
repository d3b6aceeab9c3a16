package weka.classifiers.functions.backprop.kernel;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Run by {@code VectorKernelsIT} in child JVMs: prints the activation kernels in use, then the class
 * distributions (as exact hexadecimal doubles) of a model trained on the given ARFF file with the given options.
 */
public final class VectorKernelsProbe {

  private VectorKernelsProbe() {
  }

  /**
   * @param args the ARFF file, then BackpropOneHidden options
   * @throws Exception if training fails
   */
  public static void main(String[] args) throws Exception {
    Instances data = DataSource.read(args[0]);
    data.setClassIndex(data.numAttributes() - 1);
    String[] options = new String[args.length - 1];
    System.arraycopy(args, 1, options, 0, options.length);
    BackpropOneHidden classifier = new BackpropOneHidden();
    classifier.setOptions(options);
    classifier.buildClassifier(data);
    System.out.println("kernels: " + ActivationKernels.selected().name());
    for (double[] distribution : classifier.distributionsForInstances(data)) {
      StringBuilder line = new StringBuilder("p");
      for (double p : distribution) {
        line.append(' ').append(Double.toHexString(p));
      }
      System.out.println(line);
    }
    System.out.println("options: " + Utils.joinOptions(classifier.getOptions()));
  }
}
