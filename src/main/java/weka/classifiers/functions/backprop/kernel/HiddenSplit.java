package weka.classifiers.functions.backprop.kernel;

/**
 * The sums of one small block of rows (a mini-batch) computed by two threads at once, each for half of the hidden
 * units: the lead computes units 0 … h − 1, the logits, the loss and δ2 and β's bias column; the helper units
 * h … g − 1. Per tile of rows:
 * <pre>
 *   lead                                   helper
 *   pack X_t; A_{:,0:h} = σ1(X_t Θ_{0:h})   pack X_t; A_{:,h:g} = σ1(X_t Θ_{h:g})
 *   wait for the helper's activations  ←   activations written
 *   W = A βᵀ, loss, D2 = diag(s)(P − Y)     (reads the next batch's rows into the cache meanwhile)
 *   δ2 written                         →   wait for the lead's δ2
 *   Gβ, D1, GΘ of units 0 … h − 1           Gβ, D1, GΘ of units h … g − 1
 *                                          after its half, while the lead finishes the step (the update of θ):
 *                                          pack the next batch's first tile ahead ({@link #prePackNext})
 * </pre>
 * A batch of one tile packed ahead is copied by the lead from the helper's buffers instead of being packed from the
 * matrix again. Every hidden unit's z, a, δ1 and gradient are computed by the same operations as
 * {@link Objective#compute} does (a unit's sums do not depend on which other units share its pass), and the logits
 * and losses by the lead alone in the same order, so {@link #addGradientTo} gives the single-threaded sums bit for
 * bit.
 *
 * <p>Why: a mini-batch of 32 rows is too small to cut by rows (each thread would load θ and assemble a gradient of
 * its own, which costs more than 16 rows of work on a two-core machine), but cut by hidden units each thread
 * keeps its half of the arithmetic and the threads exchange only a tile's activations and δ2, two waits per tile of
 * about 0.1 µs on the project's VM; and the rows of a shuffled batch, which come from all over the matrix and cost
 * cache misses, are fetched and packed by the helper while it would otherwise wait.
 *
 * <p>The two objectives are the threads' own (their buffers serve the row chunks of longer ranges too; both
 * compute the same rows, the helper's outputs are left unused). One lead and one helper call at a time, the same
 * rows in both, started together: the threads count tiles and calls, and a wait compares counts. Whoever uses the
 * helper's buffers otherwise first waits for its packing ahead ({@link #awaitPrePacked}). A half that fails calls
 * {@link #fail}: the other half's wait then throws instead of waiting forever, and the split is not used again.
 */
public final class HiddenSplit {

  /** Fewest hidden units split between two threads: with fewer, each half's loops are too short to pay. */
  public static final int MIN_HIDDEN = 8;

  /** Rows read into the cache at a time while the helper waits for δ2 (their cache lines are loaded in parallel). */
  private static final int FETCH_ROWS = 4;

  /** Ranges in each of a period's two trials (alone, then split). */
  static final int TRIAL_CALLS = 128;

  /** Ranges of a period after its trials, when the split won. */
  static final int PERIOD = 8192;

  /** The longest period after trials the split lost. */
  static final int MAX_PERIOD = 1 << 17;

  /** Spins of a wait before it yields the processor (for a machine with more threads than cores). */
  private static final int SPINS_BEFORE_YIELD = 1 << 12;

  private final Objective lead;
  private final Objective helper;
  /** h: the lead computes units 0 … h − 1, the helper h … g − 1. */
  private final int split;
  private final int numHidden;
  /** True for one output (sigmoid or linear), whose δ2 can be written before the losses are summed. */
  private final boolean singleOutput;
  /** The activations of both: the lead's rows below h, the helper's from h on (read by the lead's logits). */
  private final double[][] activations;
  /** Tiles whose activations the helper has written, since the split was made. */
  private volatile long helperTiles;
  /** Tiles whose δ2 the lead has written, since the split was made. */
  private volatile long leadTiles;
  private volatile boolean failed;
  /** Tiles the lead has started (the lead's thread only). */
  private long leadCount;
  /** Tiles the helper has started (the helper's thread only). */
  private long helperCount;
  /** Calls of {@link #lead} (the lead's thread only). */
  private long leadCalls;
  /** Of the lead's thread: the position in the current period, the trials' sums and which won. */
  private int position;
  private long aloneNanos;
  private long aloneRows;
  private long splitNanos;
  private long splitRows;
  private boolean splitWins = true;
  private int period = PERIOD;
  /** Calls of {@link #helper} (the helper's thread only). */
  private long helperCalls;
  /** The calls whose {@link #prePackNext} has finished. */
  private volatile long prePacked;
  /** The helper's last call (the helper's thread only): the rows that {@link #prePackNext} follows on from. */
  private double[] lastX;
  private int[] lastRowIndex;
  private int lastFrom;
  private int lastTo;

  /**
   * @param lead the lead thread's objective
   * @param helper the helper thread's objective, same layout, activation and kernels
   * @throws IllegalArgumentException if the network has fewer than {@link #MIN_HIDDEN} hidden units
   */
  public HiddenSplit(Objective lead, Objective helper) {
    int g = lead.forward.numHidden;
    if (g < MIN_HIDDEN || helper.forward.numHidden != g) {
      throw new IllegalArgumentException("a hidden-unit split needs two objectives with at least " + MIN_HIDDEN
          + " hidden units, got " + g + " and " + helper.forward.numHidden);
    }
    this.lead = lead;
    this.helper = helper;
    this.numHidden = g;
    this.singleOutput = lead.forward.numOutputs == 1;
    this.split = g / 8 * 4; // half, in whole groups of four (the kernels' passes); 8 of 16: measured fastest
    this.activations = new double[g][];
    for (int l = 0; l < g; l++) {
      activations[l] = l < split ? lead.forward.a[l] : helper.forward.a[l];
    }
  }

  /** @return the calls of {@link #lead} so far (read by the lead's thread) */
  public long calls() {
    return leadCalls;
  }

  /**
   * The lead's half of the sums of rows {@code rowIndex[from]} … {@code rowIndex[to − 1]} (or from … to − 1): units
   * 0 … h − 1, the logits, the loss and weight sums, δ2 and β's bias column. Returns when the lead's half is done;
   * the caller must wait for the helper's ({@link #helper}) before {@link #addGradientTo}.
   *
   * @param params θ (not modified)
   * @param x row-major rows, each m + 1 wide with x0 = 1 (not modified)
   * @param y the class indices, or null for numeric targets (not modified)
   * @param t the numeric targets, or null (not modified)
   * @param weights the row weights, or null for all ones (not modified)
   * @param rowIndex row indices, or null (not modified)
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @throws IllegalStateException if the helper's half failed
   */
  public void lead(double[] params, double[] x, int[] y, double[] t, double[] weights, int[] rowIndex, int from,
      int to) {
    Objective o = lead;
    ForwardPass f = o.forward;
    long call = ++leadCalls;
    for (int spins = 1; prePacked < call - 1; spins++) {
      await(spins); // the helper may still be packing rows ahead, perhaps this call's
    }
    o.begin(params, 0, split);
    for (int start = from; start < to; start += ForwardPass.TILE_ROWS) {
      int rows = Math.min(ForwardPass.TILE_ROWS, to - start);
      long tile = ++leadCount;
      if (rows == to - from && helper.forward.holdsPrePacked(x, rowIndex, start, rows)) {
        f.copyTile(helper.forward, rows); // one tile, packed ahead by the helper
      } else {
        f.pack(x, rowIndex, start, rows);
      }
      f.hidden(rows, 0, split);
      for (int spins = 1; helperTiles < tile; spins++) {
        await(spins);
      }
      f.logits(rows, activations);
      if (singleOutput) { // δ2 first, for the helper; the losses while it works
        o.errors(rows, y, t, weights, rowIndex, start);
        leadTiles = tile;
        o.losses(rows, y, t, weights, rowIndex, start);
      } else {
        o.lossAndErrors(rows, y, t, weights, rowIndex, start);
        leadTiles = tile;
      }
      o.backward(rows, 0, split, o.errors(), true);
    }
  }

  /**
   * Asked by the lead's thread before each range it may split: whether to split this one. Whether a split pays
   * depends on the machine at the time: on the project's VM it made batches of 32 1.5 times faster, but when the
   * host placed the two vCPUs far apart (a round trip between them 450 instead of 80 ns) or two builds ran at once on
   * the two cores, it made them 1.3 to 10 times slower. So each period starts with two trials of
   * {@link #TRIAL_CALLS} ranges, first alone, then split, and the rest of the period follows the faster (time per row,
   * from {@link #called}); after a period the split lost, the next is twice as long (up to {@link #MAX_PERIOD}), so
   * that a machine where it keeps losing pays for the trial rarely. Either way the sums are the same.
   *
   * @return true to split the next range, false to compute it alone
   */
  public boolean useSplit() {
    return position >= TRIAL_CALLS && (timed() || splitWins); // the first trial alone, the second split
  }

  /** @return true if the next range is one of a trial's, whose duration {@link #called} needs (the lead's thread) */
  public boolean timed() {
    return position < 2 * TRIAL_CALLS;
  }

  /**
   * Told by the lead's thread after each range it may split (split or not, as {@link #useSplit} said): its rows and
   * how long it took.
   *
   * @param rows the range's rows
   * @param nanos its duration (read only for a range {@link #timed} said was timed)
   */
  public void called(int rows, long nanos) {
    if (position < TRIAL_CALLS) {
      aloneNanos += nanos;
      aloneRows += rows;
    } else if (position < 2 * TRIAL_CALLS) {
      splitNanos += nanos;
      splitRows += rows;
      if (position == 2 * TRIAL_CALLS - 1) {
        // per row: splitNanos / splitRows <= aloneNanos / aloneRows
        splitWins = (double) splitNanos * aloneRows <= (double) aloneNanos * splitRows;
        period = splitWins ? PERIOD : Math.min(2 * period, MAX_PERIOD);
      }
    }
    if (++position >= 2 * TRIAL_CALLS + period) {
      position = 0;
      aloneNanos = 0;
      aloneRows = 0;
      splitNanos = 0;
      splitRows = 0;
    }
  }

  /** @return true if the last trial found the split faster (the lead's thread) */
  public boolean splitWins() {
    return splitWins;
  }

  /**
   * The helper's half of the same rows as the lead's call: units h … g − 1.
   *
   * @param params θ (not modified)
   * @param x row-major rows (not modified)
   * @param rowIndex row indices, or null (not modified)
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @throws IllegalStateException if the lead's half failed
   */
  public void helper(double[] params, double[] x, int[] rowIndex, int from, int to) {
    helperCalls++;
    lastX = x;
    lastRowIndex = rowIndex;
    lastFrom = from;
    lastTo = to;
    Objective o = helper;
    ForwardPass f = o.forward;
    o.begin(params, split, numHidden);
    double[][] leadErrors = lead.errors();
    for (int start = from; start < to; start += ForwardPass.TILE_ROWS) {
      int rows = Math.min(ForwardPass.TILE_ROWS, to - start);
      long tile = ++helperCount;
      if (start != from || !f.holdsPrePacked(x, rowIndex, start, rows)) {
        f.pack(x, rowIndex, start, rows);
      }
      f.hidden(rows, split, numHidden);
      helperTiles = tile;
      // while the lead computes the logits, the rows that prePackNext will pack are read into the cache, a few at a
      // time, for as long as the wait lasts
      int fetch = start + rows == to ? nextRows() : 0;
      for (int spins = 1, fetched = 0; leadTiles < tile; spins++) {
        if (fetched < fetch) {
          int count = Math.min(FETCH_ROWS, fetch - fetched);
          f.fetch(x, rowIndex, to + fetched, count);
          fetched += count;
        } else {
          await(spins);
        }
      }
      o.backward(rows, split, numHidden, leadErrors, false);
    }
  }

  /**
   * Run by the helper's thread after its half of a call is done, while the lead finishes its step: packs the first
   * tile of the rows that follow, rowIndex[to] … (a shuffled order's next mini-batch, assumed as long as the last),
   * into the helper's buffers (the lead copied this call's tile from them before it wrote the δ2 the helper waited
   * for). The next call uses the tile if it is for those rows ({@link ForwardPass#holdsPrePacked} compares the
   * indices, so an order shuffled since is noticed): the helper for its own first tile, and the lead copies it when
   * the call is one tile. Nothing for consecutive rows or at the end of the order.
   */
  public void prePackNext() {
    try {
      int rows = nextRows();
      if (rows > 0) {
        helper.forward.prePack(lastX, lastRowIndex, lastTo, rows);
      }
    } finally {
      prePacked = helperCalls;
    }
  }

  /** @return the rows of the first tile after the helper's last call that {@link #prePackNext} packs, or 0 */
  private int nextRows() {
    int[] rowIndex = lastRowIndex;
    return rowIndex == null ? 0
        : Math.min(Math.min(ForwardPass.TILE_ROWS, lastTo - lastFrom), rowIndex.length - lastTo);
  }

  /**
   * Waits until the helper has finished {@link #prePackNext}: the caller of the workers calls this before it lets
   * any thread use the helper's buffers otherwise.
   */
  public void awaitPrePacked() {
    for (int spins = 1; prePacked < leadCalls && !failed; spins++) {
      if ((spins & (SPINS_BEFORE_YIELD - 1)) == 0) {
        Thread.yield();
      }
    }
  }

  /** Round {@code spins} of a wait: gives up if the other half failed, yields now and then. */
  private void await(int spins) {
    if (failed) {
      throw new IllegalStateException("the other half of a hidden-unit split failed");
    }
    if ((spins & (SPINS_BEFORE_YIELD - 1)) == 0) {
      Thread.yield();
    }
  }

  /**
   * gradient += the sums of the last call of both halves, in θ's layout (each entry gets one addition, as
   * {@link Objective#addGradientTo} gives it).
   *
   * @param gradient a gradient in θ's layout (modified)
   */
  public void addGradientTo(double[] gradient) {
    lead.addGradientTo(gradient, 0, split, true);
    helper.addGradientTo(gradient, split, numHidden, false);
  }

  /** @return L = Σ s_k ℓ_k of the last call's rows */
  public double lossSum() {
    return lead.lossSum();
  }

  /** @return S = Σ s_k of the last call's rows */
  public double weightSum() {
    return lead.weightSum();
  }

  /** Marks the split failed: a half that threw calls this so that the other stops waiting. */
  public void fail() {
    failed = true;
  }

  /** @return true once a half has failed (the split must not be used again) */
  public boolean failed() {
    return failed;
  }
}
