package weka.classifiers.functions.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** The ready experiment runs on two small data sets and prints Weka's corrected paired t-test table. */
class ComparisonExperimentTest {

  @Test
  void comparesFourClassifiersOnTwoDataSets(@TempDir Path dir) throws Exception {
    Path data = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "target", "data");
    File results = dir.resolve("results.arff").toFile();
    File saved = dir.resolve("comparison.exp").toFile();
    // 1 run x 3 folds, and MultilayerPerceptron with 20 epochs, to stay fast
    String table = ComparisonExperiment.run(
        List.of(data.resolve("iris.arff").toFile(), data.resolve("credit-g.arff").toFile()), 1, 3, 20, results,
        saved);

    assertTrue(table.contains("Tester:     weka.experiment.PairedCorrectedTTester"), table);
    assertTrue(table.contains("Analysing:  Percent_correct"), table);
    assertTrue(table.contains("iris"), table);
    assertTrue(table.contains("german_credit"), table);
    assertTrue(table.contains("(v/ /*)"), table);
    for (String scheme : new String[] {"functions.BackpropOneHidden", "functions.MultilayerPerceptron",
        "functions.Logistic", "trees.J48"}) {
      assertTrue(table.contains(scheme), scheme + " missing from\n" + table);
    }
    Instances raw = DataSource.read(results.getPath());
    assertEquals(2 * 3 * 4, raw.numInstances(), "2 data sets x 3 folds x 4 classifiers");
    // Weka adds BackpropOneHidden's (and J48's) additional measures as columns, each scheme filling its own
    Attribute scheme = raw.attribute("Key_Scheme");
    for (Instance row : raw) {
      String name = row.stringValue(scheme);
      assertEquals(name.endsWith("BackpropOneHidden"), !row.isMissing(raw.attribute("measureNumWeights")), name);
      assertEquals(name.endsWith("J48"), !row.isMissing(raw.attribute("measureTreeSize")), name);
    }
    assertTrue(saved.isFile() && saved.length() > 0, "the experiment is saved for the Experimenter");
  }
}
