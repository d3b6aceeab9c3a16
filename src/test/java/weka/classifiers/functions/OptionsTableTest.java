package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import weka.core.Option;

/**
 * The README's options table against the code: every option listOptions() reports appears in the table with
 * the same default, the table has no other options, every property named there exists, and the defaults are
 * what a new classifier really uses. Also `weka.Run BackpropOneHidden -h` lists every option with its default.
 */
class OptionsTableTest {

  private static final Pattern DEFAULT = Pattern.compile("\\(default:? ([^)]+)\\)");

  /** One row of the README table. */
  private static final class Row {
    final String property;
    final String defaultValue;

    Row(String property, String defaultValue) {
      this.property = property;
      this.defaultValue = defaultValue;
    }
  }

  /** @return the README's options table: option name (without the dash) to its row */
  private static Map<String, Row> readmeTable() throws Exception {
    List<String> lines = Files.readAllLines(TestSupport.baseDir().resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("## Options");
    assertTrue(start >= 0, "README.md has no '## Options' section");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("## ") && !rows.isEmpty()) {
        break;
      }
      if (!line.startsWith("| `-")) {
        continue;
      }
      String[] cells = line.substring(1, line.length() - 1).split("(?<!\\\\)\\|");
      assertEquals(4, cells.length, "a row needs option, property, meaning, default: " + line);
      String option = cells[0].trim().replace("`", "");
      String name = option.substring(1).split(" ")[0];
      Row previous = rows.put(name, new Row(cells[1].trim().replace("`", ""), cells[3].trim()));
      assertEquals(null, previous, "-" + name + " appears twice in the README table");
    }
    return rows;
  }

  /** @return the default an option's description states ("off" for a flag), or null if none */
  private static String codeDefault(Option option) {
    Matcher m = DEFAULT.matcher(option.description());
    return m.find() ? m.group(1).trim() : null;
  }

  /** @return the option's name without dashes (Weka names some of its own options with a leading dash) */
  private static String flag(Option option) {
    return option.name().replaceFirst("^-+", "");
  }

  private static boolean sameValue(String a, String b) {
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return a.equals(b);
    }
  }

  @Test
  void readmeTableMatchesListOptions() throws Exception {
    Map<String, Row> table = readmeTable();
    BackpropOneHidden fresh = new BackpropOneHidden();
    List<String> freshOptions = Arrays.asList(fresh.getOptions());
    Map<String, PropertyDescriptor> properties = new LinkedHashMap<>();
    for (PropertyDescriptor p : Introspector.getBeanInfo(BackpropOneHidden.class).getPropertyDescriptors()) {
      properties.put(p.getName(), p);
    }
    List<Option> options = Collections.list(fresh.listOptions());
    for (Option option : options) {
      String name = flag(option);
      Row row = table.get(name);
      assertNotNull(row, "-" + name + " is missing from the README's options table");
      String stated = codeDefault(option);
      assertNotNull(stated, "listOptions gives no default for -" + option.name());
      assertTrue(sameValue(stated, row.defaultValue),
          "-" + name + ": README says " + row.defaultValue + ", the code says " + stated);
      PropertyDescriptor property = properties.get(row.property);
      assertNotNull(property, "-" + name + ": no property '" + row.property + "'");
      assertNotNull(property.getReadMethod(), row.property);
      int at = freshOptions.indexOf("-" + name);
      if (option.numArguments() == 0) {
        assertEquals("off", row.defaultValue, "-" + name + " is a flag");
        assertEquals(-1, at, "a new classifier has -" + option.name() + " off");
      } else if (at >= 0) {
        assertTrue(sameValue(freshOptions.get(at + 1), row.defaultValue),
            "-" + name + ": a new classifier uses " + freshOptions.get(at + 1) + ", README says "
                + row.defaultValue);
      }
    }
    for (String name : table.keySet()) {
      assertTrue(options.stream().anyMatch(o -> flag(o).equals(name)),
          "the README lists -" + name + ", which listOptions() does not have");
    }
  }

  @Test
  void wekaRunHelpListsEveryOptionWithItsDefault() throws Exception {
    ChildJvm.Result run = ChildJvm.run(Map.of(), List.of("-Djava.awt.headless=true"), 120, "weka.Run",
        "BackpropOneHidden", "-h");
    String help = run.output;
    int own = help.indexOf("Options specific to weka.classifiers.functions.BackpropOneHidden:");
    assertTrue(own >= 0, help);
    String section = help.substring(own);
    for (Option option : Collections.list(new BackpropOneHidden().listOptions())) {
      String synopsis = "\n" + option.synopsis() + "\n";
      int at = section.indexOf(synopsis);
      assertTrue(at >= 0, "-h does not list " + option.synopsis() + ":\n" + section);
      int next = section.indexOf("\n-", at + synopsis.length() - 1);
      String entry = section.substring(at, next < 0 ? section.length() : next);
      assertTrue(entry.contains("(default"), "-h gives no default for " + option.synopsis() + ":\n" + entry);
    }
    assertFalse(help.contains("Exception in thread"), help);
  }
}
