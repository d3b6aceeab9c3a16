package weka.classifiers.functions.backprop.bridge;

import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;
import weka.filters.unsupervised.attribute.Standardize;

/**
 * Fits the preprocessing of version 1.0, Weka's filter chain ({@link Preprocessing}), on training data: what
 * models saved by 1.0 hold, and the reference {@link StatisticsPreprocessing} is tested against. Only tests and
 * benchmarks fit it; the classifier keeps the class to load, use and update such models.
 */
public final class FilterChain {

  /** Position of the RemoveUseless filter applied to the attributes. */
  private static final int USELESS_FILTER = 2;
  /** Position of the RemoveUseless filter applied to the binary inputs. */
  private static final int CONSTANT_INPUTS_FILTER = 4;

  private FilterChain() {
  }

  /**
   * Fits the filters on training data.
   *
   * @param train training data with a class attribute and no missing class values (not modified)
   * @return the fitted preprocessing
   * @throws Exception if a Weka filter fails
   */
  public static Preprocessing fit(Instances train) throws Exception {
    Filter[] filters = {new PowerOfTwoScaling(), new ReplaceMissingValues(), new RemoveUseless(),
        new NominalToBinary(), new RemoveUseless(), new Standardize()};
    Instances data = train;
    int[] removed = new int[filters.length];
    for (int f = 0; f < filters.length; f++) {
      filters[f].setInputFormat(data);
      Instances filtered = Filter.useFilter(data, filters[f]);
      removed[f] = data.numAttributes() - filtered.numAttributes();
      data = filtered;
    }
    return new Preprocessing(filters, data.stringFreeStructure(), removed[USELESS_FILTER],
        removed[CONSTANT_INPUTS_FILTER]);
  }
}
