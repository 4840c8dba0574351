package dev.quotacli.config;

import dev.quotacli.config.YamlNodes.Entry;
import dev.quotacli.quota.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses {@code quotas.yaml} into a {@link QuotasConfig}, strictly: every problem is a one-line
 * {@code SOURCE:LINE:COL: message} {@link ConfigException}.
 */
public final class QuotasConfigParser {
  static final String DEFAULT_RESOURCE = "/dev/quotacli/config/quotas.yaml";
  private static final Pattern SERVICE_CODE = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern QUOTA_CODE = Pattern.compile("L-[0-9A-F]{8}");

  private QuotasConfigParser() {}

  /** Reads the file; messages name the path as given. */
  public static QuotasConfig load(Path file) {
    return parse(file.toString(), YamlNodes.read(file));
  }

  /** The {@code quotas.yaml} bundled in the jar. */
  public static QuotasConfig loadDefault() {
    try (InputStream in = QuotasConfigParser.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("quotas.yaml: the bundled default is missing from the jar");
      }
      return parse("quotas.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(
          "quotas.yaml: cannot read the bundled default: " + e.getMessage(), e);
    }
  }

  public static QuotasConfig parse(String sourceName, String yamlText) {
    YamlNodes yaml = new YamlNodes(sourceName);
    Node root = yaml.compose(yamlText);
    if (!(root instanceof MappingNode top)) {
      throw yaml.error(root, "top level must be a mapping with keys version and services");
    }
    Map<String, Entry> keys = yaml.entries(top, "at top level", List.of("version", "services"));
    if (keys.containsKey("version")) {
      checkVersion(yaml, keys.get("version").value());
    }
    Entry services = keys.get("services");
    if (services == null) {
      throw yaml.error(top, "missing key 'services' at top level");
    }
    MappingNode body = yaml.mapping(services.value(), "services");
    Map<String, Entry> byCode = yaml.entries(body, "in services", null);
    if (byCode.isEmpty()) {
      throw yaml.error(body, "services is empty; declare at least one service");
    }
    List<ServiceConfig> list = new ArrayList<>();
    for (Entry entry : byCode.values()) {
      list.add(service(yaml, entry));
    }
    return new QuotasConfig(sourceName, list);
  }

  private static void checkVersion(YamlNodes yaml, Node node) {
    boolean one =
        node instanceof ScalarNode s && s.getTag().equals(Tag.INT) && s.getValue().equals("1");
    if (!one) {
      String got =
          node instanceof ScalarNode s ? YamlNodes.quote(s.getValue()) : YamlNodes.describe(node);
      throw yaml.error(node, "unsupported version " + got + " (expected 1)");
    }
  }

  private static ServiceConfig service(YamlNodes yaml, Entry entry) {
    String code = entry.key().getValue();
    if (!YamlNodes.isString(entry.key()) || !SERVICE_CODE.matcher(code).matches()) {
      throw yaml.error(
          entry.key(),
          "invalid service code "
              + YamlNodes.quote(code)
              + " (expected lowercase letters, digits and '-', starting with a letter)");
    }
    String in = "in service '" + code + "'";
    MappingNode body = yaml.mapping(entry.value(), "service '" + code + "'");
    Map<String, Entry> keys =
        yaml.entries(body, in, List.of("scope", "quotas", "discover", "export"));
    Entry scope = keys.get("scope");
    if (scope == null) {
      throw yaml.error(entry.key(), "missing key 'scope' " + in);
    }
    Scope parsedScope = scope(yaml, scope.value());
    Entry quotas = keys.get("quotas");
    Entry discover = keys.get("discover");
    if (quotas == null && discover == null) {
      throw yaml.error(entry.key(), "missing key 'quotas' " + in);
    }
    List<QuotaConfig> quotaList = quotas == null ? List.of() : quotas(yaml, code, quotas.value());
    List<Pattern> patterns = discover == null ? List.of() : discover(yaml, discover.value());
    if (quotaList.isEmpty() && patterns.isEmpty()) {
      Node at = quotas != null ? quotas.value() : discover.value();
      throw yaml.error(at, "service '" + code + "' needs at least one quota or discover rule");
    }
    ServiceConfig.Export export = ServiceConfig.Export.NOTABLE;
    Entry exportEntry = keys.get("export");
    if (exportEntry != null) {
      export = export(yaml, exportEntry.value());
      if (patterns.isEmpty()) {
        throw yaml.error(
            exportEntry.key(),
            "export applies to discovered quotas, but service '"
                + code
                + "' has no discover rules");
      }
    }
    return new ServiceConfig(code, parsedScope, quotaList, patterns, export);
  }

  private static ServiceConfig.Export export(YamlNodes yaml, Node node) {
    String text = yaml.string(node, "export");
    return switch (text) {
      case "notable" -> ServiceConfig.Export.NOTABLE;
      case "all" -> ServiceConfig.Export.ALL;
      default ->
          throw yaml.error(node, "export must be notable or all, got " + YamlNodes.quote(text));
    };
  }

  private static Scope scope(YamlNodes yaml, Node node) {
    String text = yaml.string(node, "scope");
    return switch (text) {
      case "regional" -> Scope.REGIONAL;
      case "global" -> Scope.GLOBAL;
      default ->
          throw yaml.error(node, "scope must be regional or global, got " + YamlNodes.quote(text));
    };
  }

  private static List<QuotaConfig> quotas(YamlNodes yaml, String service, Node node) {
    List<QuotaConfig> quotas = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (Node item : yaml.list(node, "quotas").getValue()) {
      quotas.add(quota(yaml, service, item, seen));
    }
    return quotas;
  }

  /** One {code, name} entry; {@code seen} maps codes read so far to their nodes. */
  private static QuotaConfig quota(
      YamlNodes yaml, String service, Node item, Map<String, Node> seen) {
    String in = "in a quota of service '" + service + "'";
    MappingNode quota = yaml.mapping(item, "quota entry");
    Map<String, Entry> keys = yaml.entries(quota, in, List.of("code", "name"));
    for (String required : List.of("code", "name")) {
      if (!keys.containsKey(required)) {
        throw yaml.error(quota, "missing key '" + required + "' " + in);
      }
    }
    Node codeNode = keys.get("code").value();
    String code = yaml.string(codeNode, "code");
    if (!QUOTA_CODE.matcher(code).matches()) {
      throw yaml.error(
          codeNode,
          "invalid quota code "
              + YamlNodes.quote(code)
              + " (expected L- and 8 hex digits, e.g. L-1216C47A)");
    }
    Node earlier = seen.putIfAbsent(code, codeNode);
    if (earlier != null) {
      int line = earlier.getStartMark().getLine() + 1;
      throw yaml.error(
          codeNode,
          "duplicate quota code '"
              + code
              + "' in service '"
              + service
              + "' (first at line "
              + line
              + ")");
    }
    return new QuotaConfig(code, yaml.string(keys.get("name").value(), "name"));
  }

  private static List<Pattern> discover(YamlNodes yaml, Node node) {
    List<Pattern> patterns = new ArrayList<>();
    for (Node item : yaml.list(node, "discover").getValue()) {
      String regex = yaml.string(item, "discover rule");
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw yaml.error(
            item,
            "invalid discover regex "
                + YamlNodes.quote(regex)
                + ": "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
      }
    }
    return patterns;
  }
}
