package dev.quotacli.config;

import dev.quotacli.account.AccountRow;
import dev.quotacli.account.Secret;
import dev.quotacli.config.YamlNodes.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses the {@code --accounts-file} YAML into raw {@link AccountRow}s. Only structure and types
 * are checked here ({@code FILE:LINE:COL: message}); the values are checked by {@link
 * AccountRow#validate()} like those of every other account source. No message shows a value of
 * {@code secret_access_key} or {@code external_id}. An optional key whose value is empty ({@code
 * key:} or {@code ~}) counts as absent.
 */
public final class AccountsFileParser {
  private static final List<String> KEYS =
      List.of(
          "account_id",
          "account_name",
          "access_key_id",
          "secret_access_key",
          "role_arn",
          "external_id",
          "regions",
          "enabled");
  private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");
  private static final Set<String> TRUE = Set.of("true", "yes", "on");

  private AccountsFileParser() {}

  /** Reads the file; messages and each row's {@code where} name the path as given. */
  public static List<AccountRow> load(Path file) {
    return parse(file.toString(), YamlNodes.read(file));
  }

  public static List<AccountRow> parse(String sourceName, String text) {
    YamlNodes yaml = new YamlNodes(sourceName);
    Node root = yaml.compose(text);
    if (!(root instanceof MappingNode top)) {
      throw yaml.error(root, "top level must be a mapping with key accounts");
    }
    Entry accounts = yaml.entries(top, "at top level", List.of("accounts")).get("accounts");
    if (accounts == null) {
      throw yaml.error(top, "missing key 'accounts' at top level");
    }
    List<AccountRow> rows = new ArrayList<>();
    for (Node item : yaml.list(accounts.value(), "accounts").getValue()) {
      rows.add(row(yaml, item));
    }
    return rows;
  }

  private static AccountRow row(YamlNodes yaml, Node item) {
    MappingNode account = yaml.mapping(item, "account entry");
    Map<String, Entry> keys = yaml.entries(account, "in account entry", KEYS);
    Entry id = keys.get("account_id");
    if (id == null) {
      throw yaml.error(account, "missing key 'account_id' in account entry");
    }
    return new AccountRow(
        yaml.where(account),
        accountId(yaml, id.value()),
        string(yaml, keys, "account_name"),
        string(yaml, keys, "access_key_id"),
        secret(yaml, keys, "secret_access_key"),
        string(yaml, keys, "role_arn"),
        secret(yaml, keys, "external_id"),
        regions(yaml, keys.get("regions")),
        enabled(yaml, keys.get("enabled")));
  }

  /**
   * A quoted string, or a plain 12-digit number taken as written: YAML reads {@code 012345678901}
   * as an integer and would drop the leading zero.
   */
  private static String accountId(YamlNodes yaml, Node node) {
    if (YamlNodes.isString(node)) {
      return ((ScalarNode) node).getValue();
    }
    if (node instanceof ScalarNode s
        && s.getTag().equals(Tag.INT)
        && TWELVE_DIGITS.matcher(s.getValue()).matches()) {
      return s.getValue();
    }
    throw yaml.error(
        node, "account_id must be 12 digits or a quoted string, got " + YamlNodes.describe(node));
  }

  private static String string(YamlNodes yaml, Map<String, Entry> keys, String key) {
    Entry entry = keys.get(key);
    if (entry == null || YamlNodes.isNull(entry.value())) {
      return null;
    }
    if (!YamlNodes.isString(entry.value())) {
      String hint = entry.value() instanceof ScalarNode ? " (quote it)" : "";
      throw yaml.error(
          entry.value(),
          key + " must be a string, got " + YamlNodes.describe(entry.value()) + hint);
    }
    return ((ScalarNode) entry.value()).getValue();
  }

  private static Secret secret(YamlNodes yaml, Map<String, Entry> keys, String key) {
    // describe() names only the kind of value, never its text.
    String value = string(yaml, keys, key);
    return value == null ? null : new Secret(value);
  }

  /** A list of region names or one comma-separated string, joined with commas. */
  private static String regions(YamlNodes yaml, Entry entry) {
    if (entry == null || YamlNodes.isNull(entry.value())) {
      return null;
    }
    Node node = entry.value();
    if (YamlNodes.isString(node)) {
      return ((ScalarNode) node).getValue();
    }
    if (!(node instanceof SequenceNode list)) {
      throw yaml.error(
          node,
          "regions must be a list or a comma-separated string, got " + YamlNodes.describe(node));
    }
    List<String> names = new ArrayList<>();
    for (Node region : list.getValue()) {
      names.add(yaml.string(region, "each region"));
    }
    return String.join(",", names);
  }

  private static boolean enabled(YamlNodes yaml, Entry entry) {
    if (entry == null || YamlNodes.isNull(entry.value())) {
      return true;
    }
    Node node = entry.value();
    if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.BOOL)) {
      throw yaml.error(node, "enabled must be true or false, got " + YamlNodes.describe(node));
    }
    return TRUE.contains(s.getValue().toLowerCase(java.util.Locale.ROOT));
  }
}
