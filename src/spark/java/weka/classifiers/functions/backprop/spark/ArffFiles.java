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

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import scala.Tuple2;

import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffLoader.ArffReader;

/**
 * Reads an ARFF file from any path Hadoop can read (a local file, hdfs://, s3a://, gzip-compressed or not)
 * as Spark rows: the header is read by the driver, the data lines by the executors, each partition parsed by
 * Weka's own {@link ArffReader} against that header, so dense and sparse lines, quoting and nominal values
 * are read exactly as Weka reads them (a nominal value the header does not declare is an error naming the
 * line).
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
   * @param minPartitions the fewest partitions to cut the file into (a compressed file is parsed whole in one
   *        task and then repartitioned)
   * @return one row per instance, in file order (for a compressed file cut into more partitions: in the order
   *         of Spark's round-robin repartitioning, which is fixed for a given file and partition count)
   */
  public static JavaRDD<RawRow> readRows(JavaSparkContext context, String path, Instances header, int minPartitions)
      throws IOException {
    Instances template = new Instances(header, 0);
    long dataOffset = dataOffset(context.hadoopConfiguration(), path);
    if (dataOffset >= 0) {
      // a plain file: every line comes with its byte offset, so the header is skipped however the file is split
      return context.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, minPartitions)
          .mapPartitionsWithIndex((partition, lines) -> new RowIterator(new ArffReader(
              new LineReader(new DataLines(lines, dataOffset)), template, 0, 1), partition), true);
    }
    // a compressed file is read whole by one task (gzip cannot be split; bzip2 could, but then the header could
    // span parts whose lines have no file offsets), then its rows are spread so that training uses every core
    Configuration whole = new Configuration(context.hadoopConfiguration());
    whole.setLong("mapreduce.input.fileinputformat.split.minsize", Long.MAX_VALUE);
    JavaRDD<RawRow> rows = context.newAPIHadoopFile(path,
        org.apache.hadoop.mapreduce.lib.input.TextInputFormat.class, LongWritable.class, Text.class, whole)
        .mapPartitionsWithIndex((partition, pairs) -> {
          Iterator<String> lines = new DataLines(pairs, Long.MIN_VALUE);
          Iterator<String> data = partition == 0 ? skipHeader(lines) : lines;
          return new RowIterator(new ArffReader(new LineReader(data), template, 0, 1), partition);
        }, true);
    return rows.getNumPartitions() < minPartitions ? rows.repartition(minPartitions) : rows;
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

    DataLines(Iterator<Tuple2<LongWritable, Text>> lines, long dataOffset) {
      this.lines = lines;
      this.dataOffset = dataOffset;
    }

    @Override
    String fetch() {
      while (lines.hasNext()) {
        Tuple2<LongWritable, Text> line = lines.next();
        if (line._1().get() >= dataOffset) {
          return line._2().toString();
        }
      }
      return null;
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

  /** The rows of one partition, parsed one at a time as Spark pulls them (the partition is never held whole). */
  private static final class RowIterator extends Lookahead<RawRow> {

    private final ArffReader reader;
    private final Instances structure;
    private final int partition;

    RowIterator(ArffReader reader, int partition) {
      this.reader = reader;
      this.structure = reader.getStructure();
      this.partition = partition;
    }

    @Override
    RawRow fetch() throws IOException {
      Instance instance;
      try {
        instance = reader.readInstance(structure);
      } catch (IOException e) {
        throw new IOException("in part " + (partition + 1) + " of the file (line numbers count from the start of "
            + "that part" + (partition == 0 ? ", after @data" : "") + "): " + e.getMessage(), e);
      }
      return instance == null ? null : new RawRow(instance.toDoubleArray(), instance.weight());
    }
  }


  /** Advances past the header, up to and including the {@code @data} line. */
  private static Iterator<String> skipHeader(Iterator<String> lines) throws IOException {
    while (lines.hasNext()) {
      if (lines.next().trim().toLowerCase(Locale.ROOT).startsWith("@data")) {
        return lines;
      }
    }
    throw new IOException("no @data line in the compressed file");
  }

  /** A {@link Reader} over lines, each followed by a newline, pulled as they are read. */
  private static final class LineReader extends Reader {

    private final Iterator<String> lines;
    private String current = "";
    private int position;

    LineReader(Iterator<String> lines) {
      this.lines = lines;
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
        current = lines.next() + "\n";
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
