package weka.classifiers.functions.backprop.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.spark.SparkContext;

/**
 * Spark's own logging at the level the command line asks for (WARN by default): a submit then prints the model and
 * what went wrong, not thousands of INFO lines. Spark 4 logs through log4j 2: when nothing has configured it yet
 * (plain {@code java}), a console configuration at that level is installed, which Spark then keeps (it installs its
 * own INFO defaults only over log4j's built-in configuration); when spark-submit has configured it, only the root
 * level changes. Without log4j 2's core on the class path, the logging stays as it is.
 */
final class SparkLogging {

  private SparkLogging() {
  }

  /**
   * @param level OFF, ERROR, WARN, INFO, DEBUG, TRACE or ALL
   */
  static void set(String level) {
    try {
      Level wanted = Level.toLevel(level, Level.WARN);
      // Spark's logging context: log4j keeps one per class loader, and spark-submit loads this class in a child
      ClassLoader spark = SparkContext.class.getClassLoader();
      LoggerContext context = (LoggerContext) LogManager.getContext(spark, false);
      if (context.getConfiguration() instanceof DefaultConfiguration) {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.setStatusLevel(Level.ERROR);
        builder.add(builder.newAppender("stderr", "Console")
            .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
            .add(builder.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss} %p %c{1}: %m%n%ex")));
        builder.add(builder.newRootLogger(wanted).add(builder.newAppenderRef("stderr")));
        context.reconfigure(builder.build());
      } else {
        context.getConfiguration().getRootLogger().setLevel(wanted);
        context.updateLoggers();
      }
    } catch (LinkageError | ClassCastException e) {
      // no log4j 2 core (another logging back end): Spark's logging stays as configured
    }
  }
}
