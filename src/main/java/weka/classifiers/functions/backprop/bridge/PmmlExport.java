package weka.classifiers.functions.backprop.bridge;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.converters.ConverterUtils.DataSource;
import weka.core.pmml.PMMLProducer;

/**
 * Writes a saved model (Weka's {@code -d}, the Explorer's "Save model") as PMML: Weka 3.8 offers no place to call a
 * {@link PMMLProducer}, neither an option of its command line nor a menu of the Explorer, so this is the command.
 *
 * <pre>
 * java -cp weka.jar:BackpropOneHidden.jar weka.classifiers.functions.backprop.bridge.PmmlExport model.ser [train.arff] [-o model.pmml]
 * </pre>
 *
 * Without {@code -o} the document goes to standard output (UTF-8). The training data, if given (its class the last
 * attribute), is checked against the model's header and passed to {@code toPMML}; BackpropOneHidden's model holds
 * every statistic and needs no data. The model may be of any classifier
 * that is a PMMLProducer (Weka's Logistic too).
 */
public final class PmmlExport {

  private PmmlExport() {
  }

  /**
   * @param args the saved model, optionally the training data, optionally {@code -o} and the output file
   * @throws Exception if the model cannot be read or written, saying why
   */
  public static void main(String[] args) throws Exception {
    // the document says UTF-8: standard output gets UTF-8 whatever the platform's encoding
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    int status = run(args, out, System.err);
    out.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * @param args as for main
   * @param out where the document goes without -o
   * @param err where a message goes
   * @return 0 when written, 1 for wrong arguments or a model that cannot be written
   * @throws Exception if a file cannot be read or written
   */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    String model = null;
    String data = null;
    String output = null;
    for (int k = 0; k < args.length; k++) {
      if ("-o".equals(args[k]) && k + 1 < args.length) {
        output = args[++k];
      } else if (model == null && !args[k].startsWith("-")) {
        model = args[k];
      } else if (data == null && !args[k].startsWith("-")) {
        data = args[k];
      } else {
        model = null;
        break;
      }
    }
    if (model == null) {
      err.println("Usage: java " + PmmlExport.class.getName() + " model.ser [train.arff] [-o model.pmml]\n"
          + "Writes a saved model as PMML (to standard output without -o).");
      return 1;
    }
    Object read = SerializationHelper.read(model);
    if (!(read instanceof PMMLProducer)) {
      err.println(TrainingLog.PREFIX + model + " holds a " + read.getClass().getName()
          + ", which cannot be written as PMML");
      return 1;
    }
    Instances train = null;
    if (data != null) {
      train = new DataSource(data).getStructure();
      train.setClassIndex(train.numAttributes() - 1);
    }
    String document;
    try {
      document = ((PMMLProducer) read).toPMML(train);
    } catch (IllegalStateException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    }
    if (output == null) {
      out.print(document);
      out.flush();
    } else {
      try (OutputStream file = new FileOutputStream(output);
          Writer writer = new OutputStreamWriter(file, StandardCharsets.UTF_8)) {
        writer.write(document);
      }
    }
    return 0;
  }
}
