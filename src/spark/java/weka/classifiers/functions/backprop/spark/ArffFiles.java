package weka.classifiers.functions.backprop.spark;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import scala.Tuple2;

import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffLoader.ArffReader;

/**
 * Reads an ARFF file from any path Hadoop can read (a local file, hdfs://, s3a://, gzip-compressed or not)
 * as Spark rows: the header is read by the driver, the data lines by the executors, each partition parsed by
 * Weka's own {@link ArffReader} against that header, so dense and sparse lines, quoting and nominal values
 * are read exactly as Weka reads them. A bad data line (a value that is not a number for a numeric attribute, a
 * nominal value the header does not declare) is an error naming the file, the line in the whole file, and for a
 * dense line the cell, its column and its attribute.
 */
public final class ArffFiles {

  private ArffFiles() {
  }

  /**
   * Reads the header (everything up to {@code @data}).
   *
   * @param configuration Hadoop's configuration (the Spark context's)
   * @param path the ARFF file
   * @return the header, no instances, no class set
   * @throws IOException if the file cannot be read or has no valid header
   */
  public static Instances readHeader(Configuration configuration, String path) throws IOException {
    Path file = new Path(path);
    FileSystem fileSystem = file.getFileSystem(configuration);
    InputStream in = fileSystem.open(file);
    CompressionCodec codec = new CompressionCodecFactory(configuration).getCodec(file);
    if (codec != null) {
      in = codec.createInputStream(in);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return new Instances(new ArffReader(reader, 1).getStructure(), 0);
    }
  }

  /**
   * The data lines as rows.
   *
   * @param context the Spark context
   * @param path the ARFF file (one file)
   * @param header its header ({@link #readHeader})
   * @param minPartitions the fewest partitions to cut a plain file into (a compressed file is parsed whole in
   *        one task, into one partition, and {@link SparkTrainer} spreads its encoded blocks)
   * @return one row per instance, in file order
   */
  public static JavaRDD<RawRow> readRows(JavaSparkContext context, String path, Instances header, int minPartitions)
      throws IOException {
    Instances template = new Instances(header, 0);
    long dataOffset = dataOffset(context.hadoopConfiguration(), path);
    Broadcast<SerializableWritable<Configuration>> hadoop =
        context.broadcast(new SerializableWritable<>(context.hadoopConfiguration()));
    if (dataOffset >= 0) {
      // a plain file: every line comes with its byte offset, so the header is skipped however the file is split
      return context.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, minPartitions)
          .mapPartitions(lines -> {
            DataLines data = new DataLines(lines, dataOffset);
            LineReader reader = new LineReader(data);
            return new RowIterator(new ArffReader(reader, template, 0, 1), reader,
                () -> linesBefore(hadoop.value().value(), path, data.firstOffset()), path);
          }, true);
    }
    // a compressed file is read whole by one task (gzip cannot be split; bzip2 could, but then the header could
    // span parts whose lines have no file offsets), in file order; the trainer spreads the encoded blocks
    Configuration whole = new Configuration(context.hadoopConfiguration());
    whole.setLong("mapreduce.input.fileinputformat.split.minsize", Long.MAX_VALUE);
    return context.newAPIHadoopFile(path,
        org.apache.hadoop.mapreduce.lib.input.TextInputFormat.class, LongWritable.class, Text.class, whole)
        .mapPartitionsWithIndex((partition, pairs) -> {
          DataLines lines = new DataLines(pairs, Long.MIN_VALUE);
          long[] headerLines = new long[1];
          Iterator<String> data = partition == 0 ? skipHeader(lines, headerLines) : lines;
          LineReader reader = new LineReader(data);
          return new RowIterator(new ArffReader(reader, template, 0, 1), reader, () -> headerLines[0], path);
        }, true);
  }

  /**
   * Where the data lines of a plain (uncompressed) ARFF file start: the byte just after its {@code @data} line.
   *
   * @return the offset, or −1 for a compressed file (its lines have no byte offsets)
   * @throws IOException if the file cannot be read or has no {@code @data} line
   */
  static long dataOffset(Configuration configuration, String path) throws IOException {
    Path file = new Path(path);
    if (new CompressionCodecFactory(configuration).getCodec(file) != null) {
      return -1;
    }
    try (InputStream in = new BufferedInputStream(file.getFileSystem(configuration).open(file))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long offset = 0;
      int b;
      // lines end at \n, \r or \r\n, as Hadoop's line reader ends them, so the offsets agree with its keys
      while ((b = in.read()) != -1) {
        offset++;
        if (b == '\n' || b == '\r') {
          if (b == '\r') {
            in.mark(1);
            if (in.read() == '\n') {
              offset++;
            } else {
              in.reset();
            }
          }
          if (isDataLine(line)) {
            return offset;
          }
          line.reset();
        } else {
          line.write(b);
        }
      }
      if (isDataLine(line)) {
        return offset;
      }
    }
    throw new IOException("no @data line in " + path);
  }

  private static boolean isDataLine(ByteArrayOutputStream line) {
    return new String(line.toByteArray(), StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT).startsWith("@data");
  }

  /** The text of the lines at or after the data offset (Hadoop reuses its Text objects: each is copied). */
  private static final class DataLines extends Lookahead<String> {

    private final Iterator<Tuple2<LongWritable, Text>> lines;
    private final long dataOffset;
    private long firstOffset = -1;

    DataLines(Iterator<Tuple2<LongWritable, Text>> lines, long dataOffset) {
      this.lines = lines;
      this.dataOffset = dataOffset;
    }

    @Override
    String fetch() {
      while (lines.hasNext()) {
        Tuple2<LongWritable, Text> line = lines.next();
        if (line._1().get() >= dataOffset) {
          if (firstOffset < 0) {
            firstOffset = line._1().get();
          }
          return line._2().toString();
        }
      }
      return null;
    }

    /** @return the byte offset of the first line given, or −1 before the first */
    long firstOffset() {
      return firstOffset;
    }
  }


  /**
   * An iterator that reads one element ahead ({@link #fetch} gives null at the end), so that {@code hasNext}
   * needs no reading and the elements are produced one at a time as Spark pulls them.
   */
  private abstract static class Lookahead<T> implements Iterator<T> {

    private T next;
    private boolean started;

    /** @return the next element, or null at the end */
    abstract T fetch() throws IOException;

    private void start() {
      if (!started) {
        started = true;
        next = fetchUnchecked();
      }
    }

    private T fetchUnchecked() {
      try {
        return fetch();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      start();
      return next != null;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      T current = next;
      next = fetchUnchecked();
      return current;
    }
  }

  /** How many lines of the file precede the first line of a part (computed only when a line is bad). */
  private interface LinesBefore {
    long count() throws IOException;
  }

  /**
   * The rows of one partition, parsed one at a time as Spark pulls them (the partition is never held whole). A bad
   * line is reported with its line number in the whole file and, for a dense line, the cell, its column and its
   * attribute.
   */
  private static final class RowIterator extends Lookahead<RawRow> {

    private final ArffReader reader;
    private final LineReader lines;
    private final Instances structure;
    private final LinesBefore linesBefore;
    private final String path;

    RowIterator(ArffReader reader, LineReader lines, LinesBefore linesBefore, String path) {
      this.reader = reader;
      this.lines = lines;
      this.structure = reader.getStructure();
      this.linesBefore = linesBefore;
      this.path = path;
    }

    @Override
    RawRow fetch() throws IOException {
      Instance instance;
      try {
        instance = reader.readInstance(structure);
      } catch (IOException e) {
        throw badLine(e);
      }
      return instance == null ? null : new RawRow(instance.toDoubleArray(), instance.weight());
    }

    /** @return an error naming the file, the line in the whole file, and the cell if it can be found */
    private IOException badLine(IOException e) {
      String message = String.valueOf(e.getMessage());
      Matcher at = Pattern.compile(",? line (\\d+)$").matcher(message);
      boolean numbered = at.find();
      long inPart = numbered ? Long.parseLong(at.group(1)) : lines.lineNumber();
      String what = numbered ? message.substring(0, at.start()) : message;
      // Weka names the line its tokenizer is on: for a line that ends too early, already the next one
      String cell = describe(lines.line(inPart));
      if (cell == null && describe(lines.line(inPart - 1)) != null) {
        inPart--;
        cell = describe(lines.line(inPart));
      }
      long line;
      try {
        line = linesBefore.count() + inPart;
      } catch (IOException counting) {
        return new IOException(path + ", line " + inPart + " of a part of the file: " + what, e);
      }
      return new IOException(path + ", line " + line + ": " + (cell != null ? cell : what), e);
    }

    private String describe(String text) {
      return text == null ? null : BadCell.describe(structure, text);
    }
  }

  /**
   * Counts the lines of the file before a byte offset, ending lines at \n, \r or \r\n as Hadoop's line reader does.
   */
  static long linesBefore(Configuration configuration, String path, long offset) throws IOException {
    if (offset <= 0) {
      return 0;
    }
    Path file = new Path(path);
    long lines = 0;
    try (InputStream in = new BufferedInputStream(file.getFileSystem(configuration).open(file))) {
      int previous = -1;
      for (long position = 0; position < offset; position++) {
        int b = in.read();
        if (b == -1) {
          break;
        }
        if (b == '\n' && previous != '\r' || b == '\r') {
          lines++;
        }
        previous = b;
      }
    }
    return lines;
  }

  /** Advances past the header, up to and including the {@code @data} line, counting its lines. */
  private static Iterator<String> skipHeader(Iterator<String> lines, long[] headerLines) throws IOException {
    while (lines.hasNext()) {
      headerLines[0]++;
      if (lines.next().trim().toLowerCase(Locale.ROOT).startsWith("@data")) {
        return lines;
      }
    }
    throw new IOException("no @data line in the compressed file");
  }

  /**
   * A {@link Reader} over lines, each followed by a newline, pulled as they are read; it remembers the last two
   * lines, for an error message.
   */
  private static final class LineReader extends Reader {

    private final Iterator<String> lines;
    private String current = "";
    private String previous;
    private int position;
    private long lineNumber;

    LineReader(Iterator<String> lines) {
      this.lines = lines;
    }

    /** @return how many lines have been read (the number of the current one, from 1) */
    long lineNumber() {
      return lineNumber;
    }

    /** @return the text of line {@code number} if it is the current or the previous one, else null */
    String line(long number) {
      if (number == lineNumber) {
        return current.isEmpty() ? null : current.substring(0, current.length() - 1);
      }
      return number == lineNumber - 1 && previous != null ? previous.substring(0, previous.length() - 1) : null;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      while (position >= current.length()) {
        if (!lines.hasNext()) {
          return -1;
        }
        previous = current.isEmpty() ? null : current;
        current = lines.next() + "\n";
        lineNumber++;
        position = 0;
      }
      int count = Math.min(length, current.length() - position);
      current.getChars(position, position + count, buffer, offset);
      position += count;
      return count;
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
