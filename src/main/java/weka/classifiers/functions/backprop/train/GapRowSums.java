package weka.classifiers.functions.backprop.train;

/**
 * {@link RowSums} over all rows of a matrix but one range: rows 0 … a − 1 and b … n − 1 (the training rows of one
 * fold of cross-validation, whose held-out rows are the range a … b − 1 of a matrix sorted by fold). The two parts
 * are summed in this order and merged, so the sums are deterministic and bit-identical for any number of threads.
 */
final class GapRowSums implements RowSums {

  private final LocalRowSums before;
  private final LocalRowSums after;
  private final GradientSums afterSums;

  /**
   * @param data the rows
   * @param gapFrom a, the first row left out
   * @param gapTo b, the first row after those left out (a &lt; b, and 0 &lt; a or b &lt; n)
   * @param workers the run's threads and buffers
   */
  GapRowSums(DataMatrix data, int gapFrom, int gapTo, GradientWorkers workers, int numParameters) {
    int n = data.numRows();
    if (gapFrom < 0 || gapTo > n || gapFrom >= gapTo || (gapFrom == 0 && gapTo == n)) {
      throw new IllegalArgumentException("rows " + gapFrom + " to " + gapTo + " cannot be left out of " + n);
    }
    this.before = gapFrom > 0 ? new LocalRowSums(data, 0, gapFrom, workers) : null;
    this.after = gapTo < n ? new LocalRowSums(data, gapTo, n, workers) : null;
    this.afterSums = new GradientSums(numParameters);
  }

  @Override
  public void sums(double[] params, GradientSums total) {
    if (before == null) {
      after.sums(params, total);
      return;
    }
    before.sums(params, total);
    if (after != null) {
      after.sums(params, afterSums);
      total.merge(afterSums);
    }
  }

  @Override
  public long numRows() {
    return (before == null ? 0 : before.numRows()) + (after == null ? 0 : after.numRows());
  }

  @Override
  public void close() {
    if (before != null) {
      before.close();
    }
    if (after != null) {
      after.close();
    }
  }
}
