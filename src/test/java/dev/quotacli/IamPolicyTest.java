package dev.quotacli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies in {@code iam/} grant exactly what the code calls. The actions are derived from
 * the source text: every AWS request goes through {@code CallGuard.call(service, operation, ...)},
 * directly or through the {@code GuardedPages.all/any/one(guard, service, operation, ...)} helpers,
 * and AssumeRole happens inside the SDK's {@code StsAssumeRoleCredentialsProvider}. A new API call
 * without a policy change fails here; so does a policy action the code no longer needs.
 */
class IamPolicyTest {
  static final Path SOURCES = Path.of("src/main/java");
  static final Path POLICY = Path.of("iam/quota-cli-policy.json");
  static final Path ASSUME_ROLE_POLICY = Path.of("iam/quota-cli-assume-role-policy.json");
  static final Path TRUST_POLICY = Path.of("iam/quota-cli-trust-policy.json");
  static final Path ORGANIZATIONS_POLICY = Path.of("iam/quota-cli-organizations-policy.json");
  static final Path README = Path.of("iam/README.md");

  /** The guard's service names (the SDK's endpoint prefixes) → IAM action prefixes. */
  static final Map<String, String> IAM_PREFIX =
      Map.ofEntries(
          Map.entry("servicequotas", "servicequotas"),
          Map.entry("ec2", "ec2"),
          Map.entry("elasticloadbalancing", "elasticloadbalancing"),
          Map.entry("eks", "eks"),
          Map.entry("elasticache", "elasticache"),
          Map.entry("route53", "route53"),
          Map.entry("cloudfront", "cloudfront"),
          Map.entry("sagemaker", "sagemaker"),
          Map.entry("monitoring", "cloudwatch"),
          Map.entry("sts", "sts"),
          Map.entry("iam", "iam"),
          Map.entry("organizations", "organizations"),
          Map.entry("ce", "ce"),
          Map.entry("pricing", "pricing"));

  /** Actions AWS checks on calls quota-cli does not make itself, with the reason. */
  static final Map<String, String> DEPENDENCIES =
      Map.of(
          "elasticloadbalancing:DescribeAccountLimits",
          "Service Quotas calls it with the caller's credentials to answer for elasticloadbalancing;"
              + " without it those quotas come back with an ErrorReason instead of a value");

  /** Actions the code calls that need no permission, with the reason. */
  static final Map<String, String> NO_PERMISSION =
      Map.of("sts:GetCallerIdentity", "AWS always allows it, even under an explicit Deny");

  /**
   * Calls made on the management side (the runner's identity in the management account or a
   * delegated administrator, for --accounts-from organizations): in the organizations policy.
   */
  static final String MANAGEMENT_SIDE = "organizations:";

  /** Calls the base identity makes to become the reader role: in the assume-role policy. */
  static final Set<String> CALLER_SIDE = Set.of("sts:AssumeRole");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Map<String, Source> sources;
  private static Set<String> guarded;

  @BeforeAll
  static void scan() {
    sources = Source.readAll(SOURCES);
    guarded = guardedActions(sources);
  }

  @Test
  void theScanFindsTheGuardedCalls() {
    assertThat(guarded)
        .as("IAM actions of the guarded AWS calls in %s", SOURCES)
        .hasSizeGreaterThanOrEqualTo(10)
        .contains(
            "servicequotas:ListServiceQuotas",
            "servicequotas:ListAWSDefaultServiceQuotas",
            "servicequotas:GetServiceQuota",
            "servicequotas:GetAWSDefaultServiceQuota",
            "ec2:DescribeRegions",
            "cloudwatch:GetMetricData",
            "sts:GetCallerIdentity");
  }

  @Test
  void readerPolicyHoldsEveryActionTheCodeCallsAndNothingElse() throws IOException {
    Set<String> expected = new TreeSet<>(guarded);
    expected.removeAll(NO_PERMISSION.keySet());
    expected.removeAll(CALLER_SIDE);
    expected.removeIf(a -> a.startsWith(MANAGEMENT_SIDE));
    expected.addAll(DEPENDENCIES.keySet());

    JsonNode statement = onlyStatement(POLICY);
    assertThat(statement.path("Resource").asText()).isEqualTo("*");
    List<String> actions = actions(statement);
    assertThat(actions).as("actions of %s, sorted", POLICY).isSorted().doesNotHaveDuplicates();
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actions);
    Set<String> extra = new TreeSet<>(actions);
    extra.removeAll(expected);
    assertThat(missing)
        .as(
            "actions the code calls (guard.call/GuardedPages in %s) or needs (%s) that %s lacks",
            SOURCES, DEPENDENCIES.keySet(), POLICY)
        .isEmpty();
    assertThat(extra)
        .as(
            "actions in %s that no guarded call in %s uses (nor %s; %s need no permission,"
                + " %s belongs in %s)",
            POLICY,
            SOURCES,
            DEPENDENCIES.keySet(),
            NO_PERMISSION.keySet(),
            CALLER_SIDE,
            ASSUME_ROLE_POLICY)
        .isEmpty();
  }

  @Test
  void assumeRolePolicyGrantsAssumeRoleOnlyWhenTheCodeAssumesRoles() throws IOException {
    boolean assumesRoles =
        sources.values().stream()
            .anyMatch(
                s ->
                    s.code.contains("StsAssumeRoleCredentialsProvider")
                        || s.code.contains(".assumeRole("));
    assertThat(assumesRoles).as("the code assumes roles through STS").isTrue();
    JsonNode statement = onlyStatement(ASSUME_ROLE_POLICY);
    assertThat(actions(statement)).containsExactly("sts:AssumeRole");
    for (JsonNode resource : iterable(statement.path("Resource"))) {
      assertThat(resource.asText())
          .as("AssumeRole resources name roles")
          .matches("arn:aws:iam::[0-9*]{1,12}:role/.+");
    }
  }

  @Test
  void organizationsPolicyHoldsExactlyTheOrganizationsCallsTheCodeMakes() throws IOException {
    Set<String> expected = new TreeSet<>(guarded);
    expected.removeIf(a -> !a.startsWith(MANAGEMENT_SIDE));
    assertThat(expected)
        .contains(
            "organizations:ListAccounts",
            "organizations:ListAccountsForParent",
            "organizations:ListChildren");

    JsonNode statement = onlyStatement(ORGANIZATIONS_POLICY);
    assertThat(statement.path("Resource").asText()).isEqualTo("*");
    assertThat(actions(statement)).isSorted().containsExactlyElementsOf(expected);
  }

  @Test
  void noPermissionActionsAreCalledAndNotGranted() throws IOException {
    assertThat(guarded).containsAll(NO_PERMISSION.keySet());
    assertThat(actions(onlyStatement(POLICY))).doesNotContainAnyElementsOf(NO_PERMISSION.keySet());
    assertThat(actions(onlyStatement(POLICY))).doesNotContainAnyElementsOf(CALLER_SIDE);
  }

  @Test
  void trustPolicyLetsTheRunnerAssumeTheRoleWithAnExternalIdAndTheCodesSessionName()
      throws IOException {
    JsonNode statement = onlyStatement(TRUST_POLICY);
    assertThat(statement.path("Principal").path("AWS").asText())
        .matches("arn:aws:iam::\\d{12}:(role|user)/.+");
    assertThat(actions(statement)).containsExactly("sts:AssumeRole");
    assertThat(statement.path("Resource").isMissingNode())
        .as("a trust policy names no Resource")
        .isTrue();
    JsonNode equals = statement.path("Condition").path("StringEquals");
    assertThat(equals.path("sts:ExternalId").asText()).isNotBlank();

    Matcher session =
        Pattern.compile("\\.roleSessionName\\(\"([^\"]+)\"\\)")
            .matcher(sources.get("AwsClientFactory").code);
    assertThat(session.find()).as("roleSessionName(\"...\") in AwsClientFactory").isTrue();
    assertThat(equals.path("sts:RoleSessionName").asText()).isEqualTo(session.group(1));
  }

  @Test
  void readmeExplainsThePlaceholdersAndTheSpecialActions() throws IOException {
    String readme = Files.readString(README);
    assertThat(readme).contains("111111111111", "222222222222", "sts:ExternalId");
    DEPENDENCIES.keySet().forEach(a -> assertThat(readme).contains(a));
    NO_PERMISSION.keySet().forEach(a -> assertThat(readme).contains(a));
    for (Path file : List.of(POLICY, ASSUME_ROLE_POLICY, TRUST_POLICY, ORGANIZATIONS_POLICY)) {
      assertThat(readme).contains(file.getFileName().toString());
    }
  }

  @Test
  void everySdkClientCallGoesThroughTheGuard() {
    Set<String> operations = guardedOperations(sources);
    Map<String, Set<String>> unguarded = new TreeMap<>();
    Set<String> sdkCalls = new TreeSet<>();
    for (Source s : sources.values()) {
      for (String op : s.sdkClientCalls(sources)) {
        sdkCalls.add(op);
        if (!operations.contains(op) && !op.equals("AssumeRole")) {
          unguarded.computeIfAbsent(s.name, k -> new TreeSet<>()).add(op);
        }
      }
    }
    assertThat(unguarded)
        .as(
            "SDK client calls with no guard.call/GuardedPages operation of the same name: the IAM scan"
                + " cannot see them (route them through the CallGuard)")
        .isEmpty();
    assertThat(sdkCalls)
        .as(
            "operations called on SDK clients (the cross-check found none: it no longer matches the code)")
        .hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void theScannerResolvesConstantsHelpersAndLiterals() {
    Source a =
        Source.parse(
            "A",
            """
        class A {
          static final String SERVICE = "ec2";
          private final CallGuard guard;
          /** guard.call("nope", "InComment", () -> x); */
          void x() {
            guard.call(SERVICE, "DescribeThings", () -> "guard.call(\\"s\\", \\"InString\\"");
            GuardedPages.all(guard, B.SERVICE, Op.NAME, t -> page(t));
            one("GetA", () -> 1);
            one(OTHER, () -> 2);
          }
          static final String OTHER = "GetB";
          private <T> T one(String operation, java.util.function.Supplier<T> call) {
            return guard.call("sts", operation, () -> call.get());
          }
        }
        """);
    Source b = Source.parse("B", "class B { static final String SERVICE = \"monitoring\"; }");
    Source op = Source.parse("Op", "class Op { static final String NAME = \"GetMetricData\"; }");
    Map<String, Source> all = new LinkedHashMap<>();
    Stream.of(a, b, op).forEach(s -> all.put(s.name, s));
    assertThat(guardedActions(all))
        .containsExactlyInAnyOrder(
            "ec2:DescribeThings", "cloudwatch:GetMetricData", "sts:GetA", "sts:GetB");
  }

  // --- the scan

  /** IAM actions ("prefix:Operation") of every guarded call. */
  static Set<String> guardedActions(Map<String, Source> all) {
    Set<String> actions = new TreeSet<>();
    for (String[] call : guardedCalls(all)) {
      String prefix = IAM_PREFIX.get(call[0]);
      if (prefix == null) {
        throw new AssertionError(
            "guard service \""
                + call[0]
                + "\" (operation "
                + call[1]
                + ") has no IAM prefix in IamPolicyTest.IAM_PREFIX");
      }
      actions.add(prefix + ":" + call[1]);
    }
    return actions;
  }

  static Set<String> guardedOperations(Map<String, Source> all) {
    return guardedCalls(all).stream().map(c -> c[1]).collect(Collectors.toCollection(TreeSet::new));
  }

  private static final Pattern GUARD_VARIABLE = Pattern.compile("\\bCallGuard\\s+(\\w+)");
  private static final Pattern HELPER_CALL =
      Pattern.compile("\\bGuardedPages\\s*\\.\\s*(\\w+)\\s*\\(");
  private static final Set<String> HELPERS = Set.of("all", "any", "one");

  /** {service, operation} of every guarded call; fails on a call it cannot resolve. */
  static List<String[]> guardedCalls(Map<String, Source> all) {
    List<String[]> calls = new ArrayList<>();
    int sites = 0;
    for (Source s : all.values()) {
      Set<String> guards = new TreeSet<>();
      Matcher g = GUARD_VARIABLE.matcher(s.skeleton);
      while (g.find()) {
        guards.add(g.group(1));
      }
      for (String guard : guards) {
        Matcher m = Pattern.compile("\\b" + guard + "\\s*\\.\\s*call\\s*\\(").matcher(s.skeleton);
        while (m.find()) {
          sites++;
          List<String> args = s.arguments(m.end() - 1);
          if (s.skeleton.contains("implements CallGuard")) {
            // A CallGuard decorator (BudgetedCallGuard) passes its own call's service and
            // operation on: the guarded calls are its callers', found where they are made.
            continue;
          }
          if (s.name.equals("GuardedPages")) {
            // The helpers themselves: their callers are resolved below.
            if (!args.get(0).equals("service") || !args.get(1).equals("operation")) {
              throw new AssertionError("GuardedPages: unexpected guard call " + args);
            }
            continue;
          }
          addAll(
              calls,
              s.resolve(args.get(0), m.start(), all),
              s.resolve(args.get(1), m.start(), all));
        }
      }
      Matcher h = HELPER_CALL.matcher(s.skeleton);
      while (h.find()) {
        if (!HELPERS.contains(h.group(1))) {
          throw new AssertionError(
              s.name
                  + ": GuardedPages."
                  + h.group(1)
                  + "(...) is not a helper IamPolicyTest knows");
        }
        sites++;
        List<String> args = s.arguments(h.end() - 1);
        addAll(
            calls, s.resolve(args.get(1), h.start(), all), s.resolve(args.get(2), h.start(), all));
      }
    }
    if (sites == 0 || calls.isEmpty()) {
      throw new AssertionError(
          "found no guard.call(...) or GuardedPages.all/any/one(...) in "
              + all.keySet()
              + ": the scan no longer matches the code");
    }
    return calls;
  }

  private static void addAll(List<String[]> calls, Set<String> services, Set<String> operations) {
    for (String service : services) {
      for (String operation : operations) {
        if (!operation.matches("[A-Z][A-Za-z0-9]+")) {
          throw new AssertionError(
              "\"" + operation + "\" does not look like an AWS operation name");
        }
        calls.add(new String[] {service, operation});
      }
    }
  }

  // --- policy files

  private static JsonNode onlyStatement(Path file) throws IOException {
    JsonNode policy = JSON.readTree(file.toFile());
    assertThat(policy.path("Version").asText()).as("Version of %s", file).isEqualTo("2012-10-17");
    assertThat(policy.path("Statement").isArray()).as("Statement of %s is a list", file).isTrue();
    assertThat(policy.path("Statement")).as("statements of %s", file).hasSize(1);
    JsonNode statement = policy.path("Statement").get(0);
    assertThat(statement.path("Effect").asText()).as("Effect in %s", file).isEqualTo("Allow");
    assertThat(statement.has("NotAction")).as("NotAction in %s", file).isFalse();
    assertThat(statement.has("NotResource")).as("NotResource in %s", file).isFalse();
    return statement;
  }

  private static List<String> actions(JsonNode statement) {
    List<String> actions = new ArrayList<>();
    for (JsonNode a : iterable(statement.path("Action"))) {
      assertThat(a.asText()).as("explicit action").matches("[a-z0-9-]+:[A-Za-z0-9]+");
      actions.add(a.asText());
    }
    assertThat(actions).as("actions").isNotEmpty();
    return actions;
  }

  private static Iterable<JsonNode> iterable(JsonNode stringOrList) {
    return stringOrList.isArray() ? stringOrList : List.of(stringOrList);
  }

  /**
   * One Java source file: {@code code} with comments blanked, and {@code skeleton} with string
   * literals blanked too (same offsets), so that brackets and patterns never match inside either.
   */
  static final class Source {
    private static final Pattern CONSTANT =
        Pattern.compile(
            "\\bstatic\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*;");
    private static final Pattern SDK_IMPORT =
        Pattern.compile(
            "import\\s+software\\.amazon\\.awssdk\\.services\\.\\w+\\.(\\w+Client)\\s*;");
    private static final Set<String> KEYWORDS =
        Set.of(
            "if",
            "for",
            "while",
            "switch",
            "catch",
            "synchronized",
            "return",
            "new",
            "try",
            "else",
            "throw");
    private static final Set<String> NOT_OPERATIONS =
        Set.of(
            "close",
            "serviceName",
            "serviceClientConfiguration",
            "utilities",
            "waiter",
            "toString",
            "hashCode",
            "equals");

    final String name;
    final String code;
    final String skeleton;
    final Map<String, String> constants = new TreeMap<>();

    private Source(String name, String code, String skeleton) {
      this.name = name;
      this.code = code;
      this.skeleton = skeleton;
      Matcher m = CONSTANT.matcher(code);
      while (m.find()) {
        constants.put(m.group(1), m.group(2));
      }
    }

    static Map<String, Source> readAll(Path root) {
      Map<String, Source> all = new TreeMap<>();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          String name = f.getFileName().toString().replaceFirst("\\.java$", "");
          all.put(name, parse(name, Files.readString(f, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (all.isEmpty()) {
        throw new AssertionError("no Java source under " + root.toAbsolutePath());
      }
      return all;
    }

    static Source parse(String name, String text) {
      StringBuilder code = new StringBuilder(text.length());
      StringBuilder skeleton = new StringBuilder(text.length());
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (text.startsWith("//", i)) {
          int end = text.indexOf('\n', i);
          end = end < 0 ? text.length() : end;
          blank(text, i, end, code, skeleton, false);
          i = end;
        } else if (text.startsWith("/*", i)) {
          int end = text.indexOf("*/", i + 2);
          end = end < 0 ? text.length() : end + 2;
          blank(text, i, end, code, skeleton, false);
          i = end;
        } else if (text.startsWith("\"\"\"", i)) {
          int end = text.indexOf("\"\"\"", i + 3);
          end = end < 0 ? text.length() : end + 3;
          blank(text, i, end, code, skeleton, true);
          i = end;
        } else if (c == '"' || c == '\'') {
          int end = i + 1;
          while (end < text.length() && text.charAt(end) != c) {
            end += text.charAt(end) == '\\' ? 2 : 1;
          }
          end = Math.min(end + 1, text.length());
          blank(text, i, end, code, skeleton, true);
          i = end;
        } else {
          code.append(c);
          skeleton.append(c);
          i++;
        }
      }
      return new Source(name, code.toString(), skeleton.toString());
    }

    /**
     * Comments become spaces in both; literals stay in code and keep only their quotes in skeleton.
     */
    private static void blank(
        String text,
        int from,
        int to,
        StringBuilder code,
        StringBuilder skeleton,
        boolean literal) {
      for (int k = from; k < to; k++) {
        char c = text.charAt(k);
        char space = c == '\n' ? '\n' : ' ';
        code.append(literal ? c : space);
        skeleton.append(literal && (k == from || k == to - 1) ? c : space);
      }
    }

    /** The top-level arguments of the call whose '(' is at {@code open}, trimmed. */
    List<String> arguments(int open) {
      List<String> args = new ArrayList<>();
      int depth = 0;
      int start = open + 1;
      for (int k = open; k < skeleton.length(); k++) {
        char c = skeleton.charAt(k);
        if (c == '(' || c == '{' || c == '[') {
          depth++;
        } else if (c == ')' || c == '}' || c == ']') {
          depth--;
          if (depth == 0) {
            args.add(code.substring(start, k).trim());
            return args;
          }
        } else if (c == ',' && depth == 1) {
          args.add(code.substring(start, k).trim());
          start = k + 1;
        }
      }
      throw new AssertionError(name + ": unbalanced call at offset " + open);
    }

    private int closing(int open) {
      int depth = 0;
      char o = skeleton.charAt(open);
      char c = o == '(' ? ')' : '}';
      for (int k = open; k < skeleton.length(); k++) {
        if (skeleton.charAt(k) == o) {
          depth++;
        } else if (skeleton.charAt(k) == c && --depth == 0) {
          return k;
        }
      }
      throw new AssertionError(name + ": unbalanced '" + o + "' at offset " + open);
    }

    /**
     * The values an argument can take: a string literal, a constant ({@code NAME} or {@code
     * Class.NAME}), or a {@code String} parameter of the enclosing method, resolved at each call of
     * that method in the same file.
     */
    Set<String> resolve(String arg, int at, Map<String, Source> all) {
      if (arg.matches("\"[^\"\\\\]*\"")) {
        return Set.of(arg.substring(1, arg.length() - 1));
      }
      Matcher qualified = Pattern.compile("(\\w+)\\.([A-Z][A-Z0-9_]*)").matcher(arg);
      if (qualified.matches()) {
        Source owner = all.get(qualified.group(1));
        String value = owner == null ? null : owner.constants.get(qualified.group(2));
        if (value == null) {
          throw new AssertionError(name + ": cannot resolve " + arg);
        }
        return Set.of(value);
      }
      if (arg.matches("[A-Z][A-Z0-9_]*")) {
        String value = constants.get(arg);
        if (value == null) {
          throw new AssertionError(name + ": no String constant " + arg);
        }
        return Set.of(value);
      }
      if (arg.matches("[a-z]\\w*")) {
        return resolveParameter(arg, at, all);
      }
      throw new AssertionError(
          name + ": cannot resolve the argument `" + arg + "` of a guarded call");
    }

    private Set<String> resolveParameter(String parameter, int at, Map<String, Source> all) {
      Matcher m = Pattern.compile("\\b(\\w+)\\s*\\(").matcher(skeleton);
      String method = null;
      int index = -1;
      int declaration = -1;
      while (m.find() && m.start() < at) {
        if (KEYWORDS.contains(m.group(1))) {
          continue;
        }
        int close = closing(m.end() - 1);
        int k = close + 1;
        while (k < skeleton.length() && Character.isWhitespace(skeleton.charAt(k))) {
          k++;
        }
        if (skeleton.startsWith("throws", k)) {
          k = skeleton.indexOf('{', k);
        }
        if (k < 0 || k >= skeleton.length() || skeleton.charAt(k) != '{') {
          continue;
        }
        int bodyEnd = closing(k);
        if (at < k || at > bodyEnd) {
          continue;
        }
        List<String> params = splitParameters(code.substring(m.end(), close));
        for (int p = 0; p < params.size(); p++) {
          if (params.get(p).matches("(?:final\\s+)?String\\s+" + parameter)) {
            method = m.group(1);
            index = p;
            declaration = m.start();
          }
        }
      }
      if (method == null) {
        throw new AssertionError(
            name
                + ": `"
                + parameter
                + "` of a guarded call is neither a literal,"
                + " a constant nor a String parameter of the enclosing method");
      }
      Set<String> values = new TreeSet<>();
      Matcher call = Pattern.compile("\\b" + method + "\\s*\\(").matcher(skeleton);
      while (call.find()) {
        if (call.start() == declaration) {
          continue;
        }
        List<String> args = arguments(call.end() - 1);
        if (args.size() <= index) {
          throw new AssertionError(
              name + ": " + method + "(...) called with " + args.size() + " arguments");
        }
        values.addAll(resolve(args.get(index), call.start(), all));
      }
      if (values.isEmpty()) {
        throw new AssertionError(
            name
                + ": "
                + method
                + "(...) passes `"
                + parameter
                + "` to a guarded call but is never called in the same file");
      }
      return values;
    }

    private static List<String> splitParameters(String params) {
      List<String> out = new ArrayList<>();
      int depth = 0;
      int start = 0;
      for (int k = 0; k < params.length(); k++) {
        char c = params.charAt(k);
        if (c == '<') {
          depth++;
        } else if (c == '>') {
          depth--;
        } else if (c == ',' && depth == 0) {
          out.add(params.substring(start, k).trim());
          start = k + 1;
        }
      }
      if (!params.isBlank()) {
        out.add(params.substring(start).trim());
      }
      return out;
    }

    /**
     * Operations (as AWS names them: "DescribeInstances") invoked on AWS SDK clients in this file:
     * on variables of an imported SDK client type, or on a client returned by an AwsClientFactory
     * method.
     */
    Set<String> sdkClientCalls(Map<String, Source> all) {
      Set<String> clientTypes = new TreeSet<>();
      Matcher imports = SDK_IMPORT.matcher(code);
      while (imports.find()) {
        clientTypes.add(imports.group(1));
      }
      Set<String> receivers = new TreeSet<>();
      for (String type : clientTypes) {
        Matcher v = Pattern.compile("\\b" + type + "\\s+(\\w+)\\s*[;=,)]").matcher(skeleton);
        while (v.find()) {
          receivers.add(v.group(1));
        }
      }
      Set<String> factoryMethods = clientFactoryMethods(all);
      Set<String> factories = new TreeSet<>();
      Matcher f = Pattern.compile("\\bAwsClientFactory\\s+(\\w+)").matcher(skeleton);
      while (f.find()) {
        factories.add(f.group(1));
      }
      for (String factory : factories) {
        Matcher v =
            Pattern.compile("\\bvar\\s+(\\w+)\\s*=\\s*" + factory + "\\s*\\.\\s*(\\w+)\\s*\\(")
                .matcher(skeleton);
        while (v.find()) {
          if (factoryMethods.contains(v.group(2))) {
            receivers.add(v.group(1));
          }
        }
      }
      Set<String> ops = new TreeSet<>();
      for (String receiver : receivers) {
        Matcher c =
            Pattern.compile("\\b" + receiver + "\\s*\\.\\s*([a-z]\\w*)\\s*\\(").matcher(skeleton);
        while (c.find()) {
          addOperation(ops, c.group(1));
        }
      }
      for (String factory : factories) {
        Matcher c = Pattern.compile("\\b" + factory + "\\s*\\.\\s*(\\w+)\\s*\\(").matcher(skeleton);
        while (c.find()) {
          if (!factoryMethods.contains(c.group(1))) {
            continue;
          }
          Matcher chained = Pattern.compile("\\G\\s*\\.\\s*([a-z]\\w*)\\s*\\(").matcher(skeleton);
          if (chained.find(closing(c.end() - 1) + 1)) {
            addOperation(ops, chained.group(1));
          }
        }
      }
      return ops;
    }

    private static void addOperation(Set<String> ops, String method) {
      if (!NOT_OPERATIONS.contains(method)) {
        String op = method.replaceFirst("Paginator$", "");
        ops.add(op.substring(0, 1).toUpperCase(Locale.ROOT) + op.substring(1));
      }
    }

    /** AwsClientFactory's methods that return an SDK client. */
    private static Set<String> clientFactoryMethods(Map<String, Source> all) {
      Source factory = all.get("AwsClientFactory");
      Set<String> methods = new TreeSet<>();
      if (factory == null) {
        return methods;
      }
      Set<String> clientTypes = new TreeSet<>();
      Matcher imports = SDK_IMPORT.matcher(factory.code);
      while (imports.find()) {
        clientTypes.add(imports.group(1));
      }
      for (String type : clientTypes) {
        Matcher m = Pattern.compile("\\b" + type + "\\s+(\\w+)\\s*\\(").matcher(factory.skeleton);
        while (m.find()) {
          methods.add(m.group(1));
        }
      }
      return methods;
    }
  }
}
