package dev.quotacli.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads one YAML text into SnakeYAML's node tree (never into objects) and turns problems into
 * one-line {@code SOURCE:LINE:COL: message} {@link ConfigException}s. Messages never echo scalar
 * values, only keys that look like plain identifiers, so that callers decide what may be shown.
 */
final class YamlNodes {
  /** Keys echoed in messages; anything else (e.g. a secret pasted as a key) is not shown. */
  private static final Pattern SHOWABLE_KEY = Pattern.compile("[A-Za-z_<][A-Za-z0-9_<-]{0,31}");

  private final String source;

  YamlNodes(String source) {
    this.source = source;
  }

  /** One mapping entry: the key node (always a scalar) and its value. */
  record Entry(ScalarNode key, Node value) {}

  /** Reads a UTF-8 file; messages name the path as given. */
  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": permission denied", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(
          file + ": cannot read: " + oneLine(String.valueOf(e.getMessage())), e);
    }
  }

  /** Composes the text's single document; an empty or comment-only text is an error. */
  Node compose(String text) {
    Node root;
    try {
      // compose() builds nodes only; SafeConstructor is never asked to construct objects.
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      if (e.getContext() != null && problem.startsWith("but ")) {
        problem = e.getContext() + ", " + problem; // "expected a single document, but found ..."
      }
      String where = mark == null ? source : at(mark.getLine(), mark.getColumn());
      // No cause: SnakeYAML's own message quotes the source line, which may hold a secret.
      throw new ConfigException(where + ": " + oneLine(problem));
    } catch (ReaderException e) {
      throw new ConfigException(
          atPosition(text, e.getPosition())
              + ": unacceptable character 0x"
              + Integer.toHexString(e.getCodePoint()));
    } catch (YAMLException e) {
      throw new ConfigException(source + ": " + oneLine(e.getMessage()));
    }
    if (root == null) {
      throw new ConfigException(at(0, 0) + ": file is empty");
    }
    return root;
  }

  /**
   * The mapping's entries by key text, in file order. Keys must be scalars and unique; when {@code
   * allowed} is not null, every key must be one of them.
   *
   * @param where for messages, e.g. {@code in service 'ec2'} or {@code at top level}
   */
  Map<String, Entry> entries(MappingNode node, String where, List<String> allowed) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw error(
            tuple.getKeyNode(),
            "key " + where + " must be a plain name, got " + describe(tuple.getKeyNode()));
      }
      String name = key.getValue();
      if (allowed != null && !allowed.contains(name)) {
        throw error(
            key,
            "unknown key "
                + showKey(name)
                + " "
                + where
                + " (expected "
                + String.join(", ", allowed)
                + ")");
      }
      Entry earlier = entries.putIfAbsent(name, new Entry(key, tuple.getValueNode()));
      if (earlier != null) {
        throw error(
            key,
            "duplicate key "
                + showKey(name)
                + " "
                + where
                + " (first at line "
                + line(earlier.key())
                + ")");
      }
    }
    return entries;
  }

  MappingNode mapping(Node node, String what) {
    if (node instanceof MappingNode m) {
      return m;
    }
    throw error(node, what + " must be a mapping, got " + describe(node));
  }

  SequenceNode list(Node node, String what) {
    if (node instanceof SequenceNode s) {
      return s;
    }
    throw error(node, what + " must be a list, got " + describe(node));
  }

  /** The text of a string scalar (quoted, or plain that YAML reads as a string). */
  String string(Node node, String what) {
    if (isString(node)) {
      return ((ScalarNode) node).getValue();
    }
    throw error(node, what + " must be a string");
  }

  static boolean isString(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.STR);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /** An error at the node's first character. */
  ConfigException error(Node node, String message) {
    Mark mark = node.getStartMark();
    return new ConfigException(at(mark.getLine(), mark.getColumn()) + ": " + oneLine(message));
  }

  /** {@code SOURCE:LINE} of the node, 1-based. */
  String where(Node node) {
    return source + ":" + line(node);
  }

  /** What kind of value the node holds, without its text: "a list", "a number", .... */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "a number";
    }
    if (tag.equals(Tag.BOOL)) {
      return "a boolean";
    }
    if (tag.equals(Tag.NULL)) {
      return "nothing";
    }
    return tag.equals(Tag.STR) ? "a string" : "a value tagged " + tag.getValue();
  }

  /** Quotes text for a message: control characters replaced, cut to 64 characters. */
  static String quote(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return "'" + (clean.length() > 64 ? clean.substring(0, 64) + "…" : clean) + "'";
  }

  private static String showKey(String key) {
    return SHOWABLE_KEY.matcher(key).matches() ? "'" + key + "'" : "(not shown)";
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private String at(int zeroBasedLine, int zeroBasedColumn) {
    return source + ":" + (zeroBasedLine + 1) + ":" + (zeroBasedColumn + 1);
  }

  /** Line and column of a code-point position, for reader errors that carry only a position. */
  private String atPosition(String text, int position) {
    int line = 0;
    int column = 0;
    int[] codePoints = text.codePoints().limit(Math.max(position, 0)).toArray();
    for (int cp : codePoints) {
      if (cp == '\n') {
        line++;
        column = 0;
      } else {
        column++;
      }
    }
    return at(line, column);
  }

  private static String oneLine(String text) {
    return text == null ? "invalid YAML" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
