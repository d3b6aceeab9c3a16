package weka.classifiers.functions.backprop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import weka.classifiers.functions.BackpropOneHidden;

/**
 * The layers, checked on the compiled classes (ArchUnit reads every reference in the bytecode, so a wildcard
 * import or a fully qualified name is caught as well as an import line):
 * <ul>
 *   <li>the engine (the model in the root package, {@code kernel}, {@code optim}, {@code train},
 *       {@code preprocess}) uses no Weka class outside itself, and never the Weka face ({@code bridge},
 *       {@code BackpropOneHidden}) or the Spark adapter;</li>
 *   <li>{@code kernel}, {@code optim} and {@code preprocess} use nothing else of the project;</li>
 *   <li>the model uses only the kernel;</li>
 *   <li>no cycles between the project's packages.</li>
 * </ul>
 * The classes are read from the folder the main classes were compiled to, including the multi-release jar's
 * Java 17 part (META-INF/versions/17) and the Spark adapter, which Maven compiles into the same folder.
 */
class EngineArchitectureTest {

  private static final String ROOT = "weka.classifiers.functions.backprop";
  private static final String KERNEL = ROOT + ".kernel..";
  private static final String OPTIM = ROOT + ".optim..";
  private static final String TRAIN = ROOT + ".train..";
  private static final String PREPROCESS = ROOT + ".preprocess..";
  private static final String TUNE = ROOT + ".tune..";
  private static final String[] ENGINE = {ROOT, KERNEL, OPTIM, TRAIN, PREPROCESS, TUNE};

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    Path folder = Paths.get(BackpropOneHidden.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    classes = new ClassFileImporter().importPath(folder);
  }

  /** A package that may use Weka's classes only within the given packages of its own. */
  private static ArchRule usesNoWekaClassOutside(String layer, String... allowed) {
    return noClasses().that().resideInAPackage(layer)
        .should().dependOnClassesThat(resideInAPackage("weka..").and(not(resideInAnyPackage(allowed))));
  }

  @Test
  void theImportSeesTheEngineAndTheVectorKernels() {
    assertTrue(classes.contain("weka.classifiers.functions.backprop.kernel.Objective"), "engine classes");
    assertTrue(classes.contain("weka.classifiers.functions.backprop.preprocess.InputEncoder"), "statistics classes");
    assertTrue(classes.contain("weka.classifiers.functions.backprop.kernel.VectorActivationKernels"),
        "the Java 17 part of the multi-release jar");
  }

  @Test
  void theEngineUsesNoWekaClassOutsideItself() {
    noClasses().that().resideInAnyPackage(ENGINE)
        .should().dependOnClassesThat(resideInAPackage("weka..").and(not(resideInAnyPackage(ENGINE))))
        .because("the engine is Weka-free: only the Weka face and the Spark adapter use Weka")
        .check(classes);
  }

  @Test
  void theEngineNeverUsesTheWekaFaceOrTheSparkAdapter() {
    noClasses().that().resideInAnyPackage(ENGINE)
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".bridge..", ROOT + ".spark..")
        .orShould().dependOnClassesThat().belongToAnyOf(BackpropOneHidden.class)
        .because("dependencies point from the face and the adapter to the engine, never back")
        .check(classes);
  }

  @Test
  void theKernelUsesNothingElseOfTheProject() {
    usesNoWekaClassOutside(KERNEL, KERNEL).check(classes);
  }

  @Test
  void theOptimizersUseNothingElseOfTheProject() {
    usesNoWekaClassOutside(OPTIM, OPTIM).check(classes);
  }

  @Test
  void thePreprocessingStatisticsUseNothingElseOfTheProject() {
    usesNoWekaClassOutside(PREPROCESS, PREPROCESS).check(classes);
  }

  @Test
  void theModelUsesOnlyTheKernel() {
    usesNoWekaClassOutside(ROOT, ROOT, KERNEL).check(classes);
  }

  @Test
  void theProjectsPackagesHaveNoCycles() {
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        return name.startsWith("weka.classifiers.functions") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "the project's packages";
      }
    }).should().beFreeOfCycles().check(classes);
  }
}
