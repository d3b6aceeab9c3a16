package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.NetworkShape;

/**
 * {@link RowSums} over a {@link DataMatrix} in this JVM: all rows through one {@link BatchGradient}, so the
 * sums are bit-identical for any number of threads.
 */
public final class LocalRowSums implements RowSums {

  private final BatchGradient gradient;
  private final int from;
  private final int to;

  /**
   * @param shape the architecture
   * @param data the rows (not modified)
   * @param numThreads threads computing the sums, ≥ 1
   */
  public LocalRowSums(NetworkShape shape, DataMatrix data, int numThreads) {
    this(shape, data, 0, data.numRows(), numThreads);
  }

  /**
   * Sums over rows {@code from} … {@code to − 1} only; bit-identical to the sums over a matrix holding just
   * those rows, since {@link BatchGradient} cuts a range into chunks relative to its start.
   *
   * @param shape the architecture
   * @param data the rows (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive (from &lt; to ≤ n)
   * @param numThreads threads computing the sums, ≥ 1
   */
  public LocalRowSums(NetworkShape shape, DataMatrix data, int from, int to, int numThreads) {
    this(new BatchGradient(shape, data, numThreads), data, from, to);
  }

  /**
   * Sums over rows {@code from} … {@code to − 1} computed by threads shared with the rest of a training run.
   *
   * @param shape the architecture
   * @param data the rows (not modified)
   * @param from first row, inclusive
   * @param to last row, exclusive (from &lt; to ≤ n)
   * @param workers the run's threads (not closed here)
   */
  LocalRowSums(NetworkShape shape, DataMatrix data, int from, int to, ChunkWorkers workers) {
    this(new BatchGradient(shape, data, workers), data, from, to);
  }

  private LocalRowSums(BatchGradient gradient, DataMatrix data, int from, int to) {
    if (from < 0 || to > data.numRows() || from >= to) {
      gradient.close();
      throw new IllegalArgumentException("rows " + from + " to " + to + " are not a range of the " + data.numRows()
          + " rows");
    }
    this.gradient = gradient;
    this.from = from;
    this.to = to;
  }

  /**
   * Computes G, L and S over the rows (see {@link BatchGradient#sums}).
   *
   * @param params θ (not modified)
   * @param total cleared, then receives the sums
   */
  @Override
  public void sums(double[] params, GradientSums total) {
    gradient.sums(params, from, to, total);
  }

  @Override
  public long numRows() {
    return to - from;
  }

  @Override
  public void close() {
    gradient.close();
  }
}
