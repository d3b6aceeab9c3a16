package weka.classifiers.functions.backprop.bridge;

import weka.core.Instance;
import weka.core.Instances;
import weka.core.WeightedInstancesHandler;
import weka.filters.Filter;

/**
 * Multiplies every numeric (and date) attribute but the class by a power of two chosen on the first batch so
 * that its largest finite absolute value lies in [1, 2). Missing values stay missing.
 *
 * <p>Why: Weka's {@code ReplaceMissingValues} and {@code Standardize} sum values and squares, which overflow
 * to infinity for magnitudes around 1e154 and above (the variance of ±1e300 is infinite, and every
 * standardized value then becomes 0: the attribute would be silently lost), and underflow to 0 for subnormal
 * values. Scaling by 2<sup>k</sup> is exact in binary floating point (no rounding) for values that stay
 * normal, and standardization is invariant to scaling, so for ordinary data the standardized inputs are
 * bit-identical to those without this step, while extreme magnitudes are standardized correctly.
 *
 * <p>Infinite values must be rejected before this filter (they are ignored when the scale is chosen).
 */
final class PowerOfTwoScaling extends Filter implements WeightedInstancesHandler {

  private static final long serialVersionUID = 7311853297301126017L;

  /** The factor per attribute (1 for non-numeric attributes and the class); null until the first batch. */
  private double[] scales;

  @Override
  public boolean setInputFormat(Instances instanceInfo) throws Exception {
    super.setInputFormat(instanceInfo);
    setOutputFormat(new Instances(instanceInfo, 0));
    scales = null;
    return true;
  }

  @Override
  public boolean input(Instance instance) throws Exception {
    if (getInputFormat() == null) {
      throw new IllegalStateException("No input instance format defined");
    }
    if (m_NewBatch) {
      resetQueue();
      m_NewBatch = false;
    }
    if (scales == null) {
      bufferInput(instance);
      return false;
    }
    push(convert(instance), false);
    return true;
  }

  @Override
  public boolean batchFinished() throws Exception {
    if (getInputFormat() == null) {
      throw new IllegalStateException("No input instance format defined");
    }
    if (scales == null) {
      Instances data = getInputFormat();
      scales = chooseScales(data);
      for (int k = 0; k < data.numInstances(); k++) {
        push(convert(data.instance(k)), false);
      }
    }
    return super.batchFinished();
  }

  /** @return per attribute 2^-e where e is the binary exponent of its largest finite absolute value */
  private static double[] chooseScales(Instances data) {
    double[] result = new double[data.numAttributes()];
    for (int a = 0; a < result.length; a++) {
      result[a] = 1.0;
      if (a == data.classIndex() || !data.attribute(a).isNumeric()) {
        continue;
      }
      double max = 0.0;
      for (int k = 0; k < data.numInstances(); k++) {
        double value = Math.abs(data.instance(k).value(a));
        if (value > max && value < Double.POSITIVE_INFINITY) {
          max = value;
        }
      }
      if (max > 0) {
        // in [-1023, 1023] (MIN_EXPONENT - 1 for subnormals), so 2^-e is finite and non-zero
        result[a] = Math.scalb(1.0, -Math.getExponent(max));
      }
    }
    return result;
  }

  private Instance convert(Instance instance) {
    double[] values = instance.toDoubleArray();
    for (int a = 0; a < values.length; a++) {
      if (scales[a] != 1.0 && !Double.isNaN(values[a])) {
        values[a] *= scales[a];
      }
    }
    Instance result = instance.copy(values);
    result.setDataset(outputFormatPeek());
    return result;
  }
}
