package weka.classifiers.functions.backprop;

/**
 * {@link RowSums} over a {@link DataMatrix} in this JVM: all rows through one {@link BatchGradient}, so the
 * sums are bit-identical for any number of threads.
 */
public final class LocalRowSums implements RowSums {

  private final DataMatrix data;
  private final BatchGradient gradient;

  /**
   * @param shape the architecture
   * @param data the rows (not modified)
   * @param numThreads threads computing the sums, ≥ 1
   */
  public LocalRowSums(NetworkShape shape, DataMatrix data, int numThreads) {
    this.data = data;
    this.gradient = new BatchGradient(shape, data, numThreads);
  }

  /**
   * Computes G, L and S over rows 0 … n − 1 (see {@link BatchGradient#sums}).
   *
   * @param params θ (not modified)
   * @param total cleared, then receives the sums
   */
  @Override
  public void sums(double[] params, GradientSums total) {
    gradient.sums(params, 0, data.numRows(), total);
  }

  @Override
  public long numRows() {
    return data.numRows();
  }

  @Override
  public void close() {
    gradient.close();
  }
}
