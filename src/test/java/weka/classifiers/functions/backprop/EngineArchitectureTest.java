package weka.classifiers.functions.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine knows nothing of Weka: no source file directly in the engine package imports a
 * {@code weka.*} type other than the engine's own classes, and neither does the Weka-free statistics
 * package {@code preprocess}. Only the Weka-facing classes (the classifier and the {@code bridge}
 * subpackage) may use Weka; the engine may not import them either.
 */
class EngineArchitectureTest {

  private static final Path ENGINE_SOURCES = Paths.get("src", "main", "java", "weka", "classifiers",
      "functions", "backprop");

  /** import [static] weka.something; — the imported name is group 1. */
  private static final Pattern WEKA_IMPORT = Pattern.compile(
      "^\\s*import\\s+(?:static\\s+)?(weka\\.[\\w.]*(?:\\*)?)\\s*;", Pattern.MULTILINE);

  /** The engine's own classes and those of preprocess (or the whole package with *), nothing else. */
  private static final Pattern ENGINE_NAME = Pattern.compile(
      "weka\\.classifiers\\.functions\\.backprop\\.(?:(?:preprocess|train)\\.)?(?:\\*|[A-Z]\\w*(?:\\.[\\w*]+)*)");

  /**
   * @param source the text of one Java file
   * @return the Weka names it imports that are not the engine's own
   */
  static List<String> forbiddenImports(String source) {
    List<String> names = new ArrayList<>();
    Matcher matcher = WEKA_IMPORT.matcher(source);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!ENGINE_NAME.matcher(name).matches()) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void engineSourcesImportNoWekaTypes() throws IOException {
    assertTrue(Files.isDirectory(ENGINE_SOURCES), "engine sources not found at "
        + ENGINE_SOURCES.toAbsolutePath());
    List<Path> files = new ArrayList<>();
    for (Path folder : new Path[] {ENGINE_SOURCES, ENGINE_SOURCES.resolve("preprocess"), ENGINE_SOURCES.resolve("train")}) {
      try (Stream<Path> listing = Files.list(folder)) {
        files.addAll(listing.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted()
            .collect(Collectors.toList()));
      }
    }
    assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("Objective.java")),
        "the scan must see the engine classes, saw " + files);
    assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("InputEncoder.java")),
        "the scan must see the statistics classes, saw " + files);

    List<String> violations = new ArrayList<>();
    for (Path file : files) {
      String source = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      for (String name : forbiddenImports(source)) {
        violations.add(file.getFileName() + " imports " + name);
      }
    }
    assertEquals(new ArrayList<String>(), violations, "the engine must not depend on Weka");
  }

  @Test
  void guardRecognisesWekaImportsAndAllowsEngineImports() {
    String source = "package weka.classifiers.functions.backprop;\n"
        + "import java.util.List;\n"
        + "import weka.core.Instances;\n"
        + "  import static weka.core.Utils.log2;\n"
        + "import weka.classifiers.functions.backprop.Objective;\n"
        + "import weka.classifiers.functions.backprop.Objective.Workspace;\n"
        + "import static weka.classifiers.functions.backprop.Activation.sigmoid;\n"
        + "import weka.classifiers.functions.backprop.*;\n"
        + "import weka.classifiers.functions.backprop.bridge.Preprocessing;\n"
        + "import weka.classifiers.functions.backprop.preprocess.InputEncoder;\n"
        + "import weka.classifiers.functions.*;\n"
        + "import wekafoo.Bar;\n";
    List<String> expected = new ArrayList<>();
    expected.add("weka.core.Instances");
    expected.add("weka.core.Utils.log2");
    expected.add("weka.classifiers.functions.backprop.bridge.Preprocessing");
    expected.add("weka.classifiers.functions.*");
    assertEquals(expected, forbiddenImports(source));
  }
}
