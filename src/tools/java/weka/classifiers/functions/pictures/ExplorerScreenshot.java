package weka.classifiers.functions.pictures;

import java.awt.BorderLayout;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;

import weka.classifiers.functions.BackpropOneHidden;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.GenericObjectEditor;
import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.Explorer;

/**
 * Drives Weka's Explorer as a person would, on a real (or virtual, Xvfb) display: loads a data set, chooses
 * BackpropOneHidden in the Classify tab, presses Start (10-fold cross-validation, the default), waits for the
 * result and saves a screenshot of the window (java.awt.Robot). Prints the Explorer's output text on standard
 * output. Needs a display: run it through docs/make-pictures.sh, or under {@code xvfb-run}.
 *
 * <p>Usage: {@code ExplorerScreenshot data.arff out.png}
 */
public final class ExplorerScreenshot {

  private ExplorerScreenshot() {
  }

  public static void main(String[] args) throws Exception {
    String output = take(new File(args[0]), new File(args[1]));
    System.out.println(output);
    System.exit(0); // the Explorer's threads would keep the JVM alive
  }

  /**
   * @return the text of the Explorer's classifier output
   */
  public static String take(File arff, File png) throws Exception {
    Instances data = DataSource.read(arff.getPath());
    data.setClassIndex(data.numAttributes() - 1);
    AtomicReference<Explorer> explorerRef = new AtomicReference<>();
    AtomicReference<JFrame> frameRef = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      Explorer explorer = new Explorer();
      JFrame frame = new JFrame("Weka Explorer");
      frame.getContentPane().setLayout(new BorderLayout());
      frame.getContentPane().add(explorer, BorderLayout.CENTER);
      frame.setSize(1200, 860);
      frame.setLocation(0, 0);
      frame.setVisible(true);
      explorer.getPreprocessPanel().setInstances(data);
      explorerRef.set(explorer);
      frameRef.set(frame);
    });
    Explorer explorer = explorerRef.get();
    ClassifierPanel panel = null;
    for (Object p : explorer.getPanels()) {
      if (p instanceof ClassifierPanel) {
        panel = (ClassifierPanel) p;
      }
    }
    if (panel == null) {
      throw new IllegalStateException("the Explorer has no Classify tab");
    }
    ClassifierPanel classify = panel;
    Thread.sleep(1500); // the Preprocess panel hands the data to the other tabs
    SwingUtilities.invokeAndWait(() -> {
      explorer.getTabbedPane().setSelectedComponent(classify);
      try {
        ((GenericObjectEditor) field(classify, "m_ClassifierEditor")).setValue(new BackpropOneHidden());
        Method start = ClassifierPanel.class.getDeclaredMethod("startClassifier");
        start.setAccessible(true);
        start.invoke(classify); // what the Start button does
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    });
    JTextArea out = (JTextArea) field(classify, "m_OutText");
    long deadline = System.currentTimeMillis() + 120_000;
    while (field(classify, "m_RunThread") != null || !out.getText().contains("=== Confusion Matrix ===")) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the Explorer did not finish within 2 minutes:\n" + out.getText());
      }
      Thread.sleep(200);
    }
    Thread.sleep(1000); // let the window repaint (the output shows its end: the last weights and the summary)
    JFrame frame = frameRef.get();
    Rectangle bounds = frame.getBounds();
    BufferedImage image = new Robot().createScreenCapture(bounds);
    png.getAbsoluteFile().getParentFile().mkdirs();
    ImageIO.write(image, "png", png);
    return out.getText() + "\n=== Explorer log ===\n" + logText(classify);
  }

  /** @return the text of the Explorer's log panel (the Log button), or "" */
  private static String logText(ClassifierPanel classify) {
    Object log = field(classify, "m_Log");
    try {
      Field text = weka.gui.LogPanel.class.getDeclaredField("m_LogText");
      text.setAccessible(true);
      return log instanceof weka.gui.LogPanel ? ((JTextArea) text.get(log)).getText() : "";
    } catch (ReflectiveOperationException e) {
      return "";
    }
  }

  private static Object field(Object target, String name) {
    try {
      Field field = ClassifierPanel.class.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
