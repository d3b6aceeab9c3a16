package weka.classifiers.functions.backprop.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on this machine for tests and benchmarks: a Master and one Worker started as child
 * processes from Spark's jars (no Spark distribution), bound to the loopback address only, on free ports, without
 * web UIs or the REST server. The Worker launches its executors with the class path given
 * ({@code SPARK_DIST_CLASSPATH}, an empty {@code SPARK_HOME/jars}), as the README's commands do. {@link #close()}
 * stops the Worker, its executors and the Master (a shutdown hook does so too, should a test die).
 */
public final class StandaloneCluster implements AutoCloseable {

  private static final long START_SECONDS = 90;

  private final Path folder;
  private final int port;
  private final Process master;
  private final Process worker;
  private final Thread hook;

  private StandaloneCluster(Path folder, int port, Process master, Process worker) {
    this.folder = folder;
    this.port = port;
    this.master = master;
    this.worker = worker;
    this.hook = new Thread(this::stop, "stop the test cluster");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts a Master and a Worker and waits until the Worker has registered.
   *
   * @param folder where the logs, the Spark home and the Worker's directory go
   * @param sparkClassPath Spark's jars, for the Master, the Worker and the executors
   * @param jvmOptions the JVM options Spark 4 needs on Java 17 (the add-opens)
   * @param cores the Worker's cores
   * @param memory the Worker's memory, e.g. "1g"
   * @return the running cluster
   * @throws IOException if a process cannot be started or does not come up in time
   */
  public static StandaloneCluster start(Path folder, String sparkClassPath, List<String> jvmOptions, int cores,
      String memory) throws IOException, InterruptedException {
    Files.createDirectories(folder.resolve("spark-home").resolve("jars"));
    Path work = Files.createDirectories(folder.resolve("worker"));
    // the daemons log at INFO to their log files whatever logging configuration the class path holds (a test
    // class path's says WARN): the lines awaited below are INFO lines
    Path logging = folder.resolve("log4j2-daemons.properties");
    Files.write(logging, ("rootLogger.level = info\nrootLogger.appenderRef.stdout.ref = console\n"
        + "appender.console.type = Console\nappender.console.name = console\n"
        + "appender.console.layout.type = PatternLayout\n"
        + "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n").getBytes(StandardCharsets.UTF_8));
    List<String> daemonOptions = new ArrayList<>(jvmOptions);
    daemonOptions.add("-Dlog4j2.configurationFile=" + logging.toUri());
    int port = freePort();
    Process master = null;
    Process worker = null;
    try {
      master = launch(folder, "master", sparkClassPath, daemonOptions, "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
      await(master, folder.resolve("master.log"), "I have been elected leader");
      worker = launch(folder, "worker", sparkClassPath, daemonOptions, "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory, "--webui-port",
          String.valueOf(freePort()), "--work-dir", work.toString(), "spark://127.0.0.1:" + port);
      await(worker, folder.resolve("worker.log"), "Successfully registered with master");
      return new StandaloneCluster(folder, port, master, worker);
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop(worker);
      stop(master);
      throw e;
    }
  }

  /** @return the master URL, spark://127.0.0.1:port */
  public String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** @return the folder of the logs */
  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  private void stop() {
    stop(worker); // first, with its executors
    stop(master);
  }

  /** Stops a process and its children (a Worker's executors), waiting for them. */
  private static void stop(Process process) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> family = new ArrayList<>();
    process.toHandle().descendants().forEach(family::add);
    family.add(process.toHandle());
    for (ProcessHandle member : family) {
      member.destroy();
    }
    for (ProcessHandle member : family) {
      try {
        member.onExit().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        member.destroyForcibly();
      }
    }
  }

  private static Process launch(Path folder, String name, String sparkClassPath, List<String> jvmOptions,
      String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(jvmOptions);
    command.add("-Dspark.master.rest.enabled=false");
    command.add("-cp");
    command.add(sparkClassPath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(folder.resolve(name + ".log").toFile());
    Map<String, String> environment = builder.environment();
    environment.put("SPARK_HOME", folder.resolve("spark-home").toString());
    environment.put("SPARK_SCALA_VERSION", "2.13");
    environment.put("SPARK_DIST_CLASSPATH", sparkClassPath);
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    environment.put("SPARK_LOCAL_DIRS", folder.resolve("local").toString());
    return builder.start();
  }

  /** Waits until the log has the line, or fails with the log's end. */
  private static void await(Process process, Path log, String line) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
      if (text.contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IOException(log.getFileName() + ": the process ended:\n" + tail(text));
      }
      Thread.sleep(250);
    }
    throw new IOException(log.getFileName() + ": no '" + line + "' within " + START_SECONDS + " s:\n"
        + tail(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)));
  }

  private static String tail(String text) {
    return text.substring(Math.max(0, text.length() - 4000));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
