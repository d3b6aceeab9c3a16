package weka.classifiers.functions.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.ChildJvmAccess;
import weka.gui.GenericPropertiesCreator;

/**
 * The Explorer as a person meets it. The class tree check needs no display; the Explorer run needs Xvfb (Debian
 * package xvfb) and is skipped, as a JUnit assumption, where there is none.
 */
class ExplorerUnderXvfbTest {

  @Test
  void classifierTreeOffersBackpropOneHidden() {
    String classifiers = GenericPropertiesCreator.getGlobalOutputProperties()
        .getProperty("weka.classifiers.Classifier");
    assertNotNull(classifiers, "no classifier list from GenericPropertiesCreator");
    Set<String> names = new HashSet<>(Arrays.asList(classifiers.split(",")));
    assertTrue(names.contains("weka.classifiers.functions.BackpropOneHidden"),
        "the Explorer's Choose button would not offer BackpropOneHidden: " + classifiers);
  }

  /** @return the Xvfb executable on the PATH, or null */
  private static Path xvfb() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Paths.get(dir, "Xvfb");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void explorerCrossValidatesBackpropOneHiddenOnAVirtualDisplay() throws Exception {
    Path xvfb = xvfb();
    assumeTrue(xvfb != null, "Xvfb is not installed (apt-get install xvfb): Explorer test skipped");
    // -displayfd 1: Xvfb picks a free display and writes its number on standard output when it is ready
    Process server = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-screen", "0", "1280x900x24",
        "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String display = reader.readLine();
      assumeTrue(display != null && display.trim().matches("\\d+"), "Xvfb did not start: " + display);
      Path png = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "target",
          "explorer-test.png");
      Files.deleteIfExists(png);
      String iris = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "target", "data",
          "iris.arff").toString();
      ChildJvmAccess.Result run = ChildJvmAccess.run(Map.of("DISPLAY", ":" + display.trim()),
          List.of("-Djava.awt.headless=false"), 240, ExplorerScreenshot.class.getName(), iris, png.toString());
      assertEquals(0, run.exitCode, run.output);
      assertTrue(run.output.contains("Scheme:       weka.classifiers.functions.BackpropOneHidden"), run.output);
      assertTrue(run.output.contains("=== Stratified cross-validation ==="), run.output);
      assertTrue(run.output.contains("Correctly Classified Instances"), run.output);
      assertTrue(run.output.contains("Hidden unit 16 (tanh)"), "the model text with its weights: " + run.output);
      // the Explorer hands its log to the classifier (LogHandler): start and end of every training run
      String log = run.output.substring(run.output.indexOf("=== Explorer log ==="));
      assertTrue(log.contains("BackpropOneHidden: training started on 150 instances"), log);
      assertTrue(log.matches("(?s).*BackpropOneHidden: training finished after \\d+ epochs in .* stopped because .*"),
          log);

      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, "no screenshot at " + png);
      assertTrue(image.getWidth() >= 800 && image.getHeight() >= 600, image.getWidth() + "x" + image.getHeight());
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < image.getHeight(); y += 7) {
        for (int x = 0; x < image.getWidth(); x += 7) {
          colours.add(image.getRGB(x, y));
        }
      }
      assertTrue(colours.size() > 10, "the screenshot is blank: " + colours.size() + " colours");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
