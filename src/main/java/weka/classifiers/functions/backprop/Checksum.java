package weka.classifiers.functions.backprop;

import java.util.zip.CRC32;

/**
 * A checksum of the numbers a saved model is made of, kept with them so that a model file whose numbers were
 * changed (a flipped bit, a damaged copy) is refused when it is loaded instead of predicting differently. A CRC-32 of
 * the numbers' bits, with bit 32 set, so that 0 means "saved without a checksum" (by a version before it).
 */
public final class Checksum {

  /** The value read from a model saved without a checksum. */
  public static final long NONE = 0L;

  private final CRC32 crc = new CRC32();
  private final byte[] buffer = new byte[8];

  /**
   * @param value a number
   * @return this checksum, with its bits added
   */
  public Checksum add(long value) {
    for (int b = 0; b < 8; b++) {
      buffer[b] = (byte) (value >>> (8 * b));
    }
    crc.update(buffer, 0, 8);
    return this;
  }

  /**
   * @param value a number
   * @return this checksum, with its bits added
   */
  public Checksum add(double value) {
    return add(Double.doubleToRawLongBits(value));
  }

  /**
   * @param values numbers, or null
   * @return this checksum, with their count (−1 for null) and bits added
   */
  public Checksum add(double[] values) {
    if (values == null) {
      return add(-1L);
    }
    add((long) values.length);
    for (double value : values) {
      add(value);
    }
    return this;
  }

  /**
   * @param values numbers, or null
   * @return this checksum, with their count (−1 for null) and values added
   */
  public Checksum add(int[] values) {
    if (values == null) {
      return add(-1L);
    }
    add((long) values.length);
    for (int value : values) {
      add((long) value);
    }
    return this;
  }

  /** @return the checksum, never {@link #NONE} */
  public long value() {
    return crc.getValue() | (1L << 32);
  }
}
