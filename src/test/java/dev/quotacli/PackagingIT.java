package dev.quotacli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The install: {@code make install DESTDIR=... PREFIX=/usr} into a temporary tree (after {@code
 * package} built the jar, the completion and the man page), then the tree, the systemd units
 * through {@code systemd/verify.sh}, the cron file, the installed launcher and the Kubernetes
 * manifests. A missing tool fails the test with what to install; nothing is skipped.
 */
class PackagingIT {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final List<String> JOBS = List.of("discover-regions", "limits", "usage");

  /** The schedule of each job, as cron fields "minute hour": the timers' and the cron file's. */
  private static final Map<String, String> SCHEDULE =
      Map.of("discover-regions", "47 2", "limits", "17 3", "usage", "7 *");

  @TempDir static Path tmp;
  private static Path destdir;
  private static Path make;

  private record Run(int exitCode, String output) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n" + output;
    }
  }

  @BeforeAll
  static void install() throws Exception {
    make = Processes.require("QUOTA_CLI_TEST_MAKE", "/usr/bin/make", "make");
    for (String built :
        List.of("target/quota-cli.jar", "target/completion/quota-cli", "target/man/quota-cli.1")) {
      assertThat(REPO.resolve(built))
          .as("%s (built by mvn package, before the integration tests)", built)
          .isRegularFile();
    }
    destdir = tmp.resolve("destdir");
    Run run =
        run(
            List.of(
                make.toString(),
                "-C",
                REPO.toString(),
                "install",
                "DESTDIR=" + destdir,
                "PREFIX=/usr"),
            Map.of());
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void installPlacesEveryFileWithItsMode() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("usr/bin/quota-cli", "rwxr-xr-x");
    expected.put("usr/share/quota-cli/quota-cli.jar", "rw-r--r--");
    expected.put("usr/share/quota-cli/quota-cli.jsa", "rw-r--r--");
    expected.put("usr/share/quota-cli/quotas.yaml", "rw-r--r--");
    expected.put("usr/share/quota-cli/quota-cli.env.example", "rw-r--r--");
    expected.put("etc/quota-cli/quotas.yaml", "rw-r--r--");
    expected.put("etc/cron.d/quota-cli", "rw-r--r--");
    for (String job : JOBS) {
      expected.put("usr/lib/systemd/system/quota-cli-" + job + ".service", "rw-r--r--");
      expected.put("usr/lib/systemd/system/quota-cli-" + job + ".timer", "rw-r--r--");
    }
    expected.put("usr/lib/sysusers.d/quota-cli.conf", "rw-r--r--");
    expected.put("usr/lib/tmpfiles.d/quota-cli.conf", "rw-r--r--");
    expected.put("usr/share/bash-completion/completions/quota-cli", "rw-r--r--");
    expected.put("usr/share/man/man1/quota-cli.1", "rw-r--r--");

    for (var e : expected.entrySet()) {
      Path file = destdir.resolve(e.getKey());
      assertThat(file).as(e.getKey()).isRegularFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
    try (Stream<Path> all = Files.walk(destdir)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> destdir.relativize(p).toString()))
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }
    assertThat(destdir.resolve("usr/share/quota-cli/quota-cli.jar"))
        .hasSameBinaryContentAs(REPO.resolve("target/quota-cli.jar"));
    assertThat(destdir.resolve("etc/quota-cli/quotas.yaml"))
        .hasSameTextualContentAs(REPO.resolve("quotas.yaml"));
    assertThat(destdir.resolve("usr/share/man/man1/quota-cli.1"))
        .hasSameBinaryContentAs(REPO.resolve("target/man/quota-cli.1"));
    assertThat(destdir.resolve("usr/share/bash-completion/completions/quota-cli"))
        .hasSameBinaryContentAs(REPO.resolve("target/completion/quota-cli"));
  }

  @Test
  void installedUnitsAndCronFileStartTheInstalledLauncher() throws Exception {
    for (String job : JOBS) {
      String unit =
          Files.readString(destdir.resolve("usr/lib/systemd/system/quota-cli-" + job + ".service"));
      assertThat(unit)
          .contains("\nExecStart=/usr/bin/quota-cli " + job + " ")
          .doesNotContain("/usr/local/bin");
    }
    assertThat(Files.readString(destdir.resolve("etc/cron.d/quota-cli")))
        .doesNotContain("/usr/local/bin/quota-cli");
  }

  @Test
  void installKeepsAnEditedQuotasYamlAndUninstallKeepsTheConfiguration() throws Exception {
    Path tree = tmp.resolve("reinstall");
    List<String> args = List.of("DESTDIR=" + tree, "PREFIX=/usr", "CDS=no");
    Run first = make("install", args);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path quotas = tree.resolve("etc/quota-cli/quotas.yaml");
    Files.writeString(
        quotas, "# edited by the operator\n", java.nio.file.StandardOpenOption.APPEND);
    String edited = Files.readString(quotas);

    Run again = make("install", args);
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(quotas).hasContent(edited);

    Run uninstall = make("uninstall", args);
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    try (Stream<Path> all = Files.walk(tree)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString()))
          .containsExactly("etc/quota-cli/quotas.yaml");
    }
    assertThat(quotas).hasContent(edited);
  }

  @Test
  void uninstallRemovesAnUneditedInstallCompletely() throws Exception {
    Path tree = tmp.resolve("uninstall");
    List<String> args = List.of("DESTDIR=" + tree, "PREFIX=/usr/local", "CDS=no");
    Run install = make("install", args);
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(tree.resolve("usr/local/lib/systemd/system/quota-cli-usage.timer")).isRegularFile();

    Run uninstall = make("uninstall", args);
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    try (Stream<Path> all = Files.walk(tree)) {
      assertThat(all.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void installFailsClearlyWithoutTheBuiltManPage() throws Exception {
    Path tree = tmp.resolve("no-man");
    Run run = make("install", List.of("DESTDIR=" + tree, "MANPAGE=" + tmp.resolve("missing.1")));
    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.output()).contains("missing.1 is missing: run 'make build'");
    assertThat(tree).doesNotExist();
  }

  @Test
  void systemdAnalyzeVerifyAcceptsTheInstalledUnits() throws Exception {
    Processes.require("QUOTA_CLI_TEST_SYSTEMD_ANALYZE", "/usr/bin/systemd-analyze", "systemd");
    Run run =
        run(List.of(REPO.resolve("systemd/verify.sh").toString(), destdir.toString()), Map.of());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.output()).contains("systemd-analyze verify --man=yes", "verify.sh: OK");
    for (String job : JOBS) {
      assertThat(run.output())
          .containsPattern("exposure level for quota-cli-" + job + "\\.service: [01]\\.\\d OK");
    }
  }

  @Test
  void verifyFailsOnAUnitSystemdWouldIgnoreALineOf() throws Exception {
    Processes.require("QUOTA_CLI_TEST_SYSTEMD_ANALYZE", "/usr/bin/systemd-analyze", "systemd");
    Path tree = tmp.resolve("broken-unit");
    for (String dir :
        List.of("usr/lib/systemd/system", "usr/lib/sysusers.d", "usr/lib/tmpfiles.d")) {
      Files.createDirectories(tree.resolve(dir));
      try (Stream<Path> files = Files.list(destdir.resolve(dir))) {
        for (Path f : files.toList()) {
          Files.copy(f, tree.resolve(dir).resolve(f.getFileName()));
        }
      }
    }
    Files.createDirectories(tree.resolve("usr/bin"));
    Files.copy(destdir.resolve("usr/bin/quota-cli"), tree.resolve("usr/bin/quota-cli"));
    Path unit = tree.resolve("usr/lib/systemd/system/quota-cli-usage.service");
    Files.writeString(
        unit,
        Files.readString(unit).replace("\nProtectSystem=strict\n", "\nProtectSytem=strict\n"));

    Run run = run(List.of(REPO.resolve("systemd/verify.sh").toString(), tree.toString()), Map.of());

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.output()).contains("Unknown key 'ProtectSytem'");
  }

  @Test
  void cronFileRunsEachJobOnTheTimersScheduleUnderFlockIntoSyslog() throws Exception {
    Path sh = Processes.require("QUOTA_CLI_TEST_SH", "/bin/sh", "dash");
    String cron = Files.readString(destdir.resolve("etc/cron.d/quota-cli"));
    assertThat(cron).endsWith("\n");
    Map<String, String> env = new HashMap<>();
    Map<String, String[]> jobs = new LinkedHashMap<>();
    Pattern assignment = Pattern.compile("^([A-Z_]+)=(.*)$");
    for (String line : cron.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher a = assignment.matcher(line);
      if (a.matches()) {
        env.put(a.group(1), a.group(2));
        continue;
      }
      String[] fields = line.trim().split("\\s+", 7);
      assertThat(fields).as(line).hasSize(7);
      Matcher job = Pattern.compile("/usr/bin/quota-cli (\\S+) ").matcher(fields[6]);
      assertThat(job.find()).as(line).isTrue();
      jobs.put(job.group(1), fields);
    }
    assertThat(env).containsEntry("SHELL", "/bin/sh").containsKey("PATH");
    assertThat(jobs).containsOnlyKeys(JOBS);

    for (String name : JOBS) {
      String[] f = jobs.get(name);
      String command = f[6];
      assertThat(f[0] + " " + f[1]).as(name).isEqualTo(SCHEDULE.get(name));
      assertThat(List.of(f[2], f[3], f[4])).as(name).containsOnly("*");
      assertThat(f[5]).as(name + ": the user").isEqualTo("quota-cli");
      assertThat(command)
          .as(name)
          .startsWith(
              "[ -d /run/systemd/system ] || { flock -n -E 75 /run/lock/quota-cli-"
                  + name
                  + ".lock timeout 1h sh -c '")
          .endsWith("; } 2>&1 | logger -t quota-cli-" + name + " -p daemon.info")
          .contains(
              "--cache-dir /var/lib/quota-cli",
              "--quotas /etc/quota-cli/quotas.yaml",
              "--textfile-dir /var/lib/prometheus/node-exporter")
          // cron turns % into a newline
          .doesNotContain("%");
      Run syntax = run(List.of(sh.toString(), "-n", "-c", command), Map.of());
      assertThat(syntax.exitCode()).as(name + ": sh -n\n" + syntax).isZero();
    }
    assertThat(jobs.get("usage")[6]).contains("--usage-ttl 45m");
  }

  @Test
  void timersRunOnTheCronFilesSchedule() throws Exception {
    Pattern onCalendar = Pattern.compile("(?m)^OnCalendar=\\*-\\*-\\* (\\*|\\d{2}):(\\d{2}):00$");
    for (String job : JOBS) {
      String timer =
          Files.readString(destdir.resolve("usr/lib/systemd/system/quota-cli-" + job + ".timer"));
      Matcher m = onCalendar.matcher(timer);
      assertThat(m.find()).as(timer).isTrue();
      String hour = m.group(1).equals("*") ? "*" : String.valueOf(Integer.parseInt(m.group(1)));
      assertThat(Integer.parseInt(m.group(2)) + " " + hour).as(job).isEqualTo(SCHEDULE.get(job));
      assertThat(timer)
          .contains("\nPersistent=true\n")
          .containsPattern("\nRandomizedDelaySec=\\d+min\n");
    }
  }

  @Test
  void installedLauncherPrintsTheVersion() throws Exception {
    Run run = run(List.of(destdir.resolve("usr/bin/quota-cli").toString(), "--version"), Map.of());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.output()).isEqualTo("quota-cli " + projectVersion() + "\n");
  }

  @Test
  void installedLauncherStartsFromTheClassDataSharingArchive() throws Exception {
    String launcher = destdir.resolve("usr/bin/quota-cli").toString();
    Map<String, String> logClasses = Map.of("QUOTA_CLI_JAVA_OPTS", "-Xlog:class+load=info");

    Run shared = run(List.of(launcher, "--version"), logClasses);
    assertThat(shared.exitCode()).as(shared.toString()).isZero();
    assertThat(shared.output()).contains("dev.quotacli.cli.Main source: shared objects file (top)");

    Map<String, String> withoutCds = new HashMap<>(logClasses);
    withoutCds.put("QUOTA_CLI_CDS", "0");
    Run plain = run(List.of(launcher, "--version"), withoutCds);
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.output())
        .contains("dev.quotacli.cli.Main source: file:")
        .doesNotContain("(top)");
  }

  @Test
  void launcherRefusesAJavaOlderThan17() throws Exception {
    Path javaHome = tmp.resolve("java8");
    Files.createDirectories(javaHome.resolve("bin"));
    Path java = Files.writeString(javaHome.resolve("bin/java"), "#!/bin/sh\necho should not run\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");

    Run run =
        run(
            List.of(destdir.resolve("usr/bin/quota-cli").toString(), "--version"),
            Map.of("JAVA_HOME", javaHome.toString()));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.output())
        .contains("is Java 1.8.0_402; quota-cli needs Java 17 or later")
        .doesNotContain("should not run");
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesCronJobsRunIndexedShardsAsNonRootWithReadOnlyRoot() throws Exception {
    Path dir = REPO.resolve("deploy/kubernetes");
    Map<String, Map<String, Object>> cronJobs = new LinkedHashMap<>();
    Map<String, Map<String, Object>> configMaps = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object doc : new Yaml().loadAll(Files.readString(file))) {
          Map<String, Object> o = (Map<String, Object>) doc;
          String name = (String) ((Map<String, Object>) o.get("metadata")).get("name");
          Object namespace =
              o.get("kind").equals("Namespace")
                  ? name
                  : ((Map<String, Object>) o.get("metadata")).get("namespace");
          assertThat(namespace).as(file + ": " + name).isEqualTo("quota-cli");
          switch ((String) o.get("kind")) {
            case "CronJob" -> cronJobs.put(name, o);
            case "ConfigMap" -> configMaps.put(name, o);
            default -> {}
          }
        }
      }
    }
    assertThat(cronJobs)
        .containsOnlyKeys("quota-cli-discover-regions", "quota-cli-limits", "quota-cli-usage");
    assertThat(
            ((Map<String, Object>) configMaps.get("quota-cli-quotas").get("data"))
                .get("quotas.yaml"))
        .as("deploy/kubernetes/quotas-configmap.yaml is stale: run make k8s-quotas")
        .isEqualTo(Files.readString(REPO.resolve("quotas.yaml")));

    for (String job : JOBS) {
      Map<String, Object> spec = (Map<String, Object>) cronJobs.get("quota-cli-" + job).get("spec");
      String[] schedule = ((String) spec.get("schedule")).split(" ");
      assertThat(schedule[0] + " " + schedule[1]).as(job).isEqualTo(SCHEDULE.get(job));
      assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
      Map<String, Object> jobSpec =
          (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
      assertThat(jobSpec.get("completionMode")).as(job).isEqualTo("Indexed");
      Map<String, Object> pod =
          (Map<String, Object>) ((Map<String, Object>) jobSpec.get("template")).get("spec");
      Map<String, Object> podSecurity = (Map<String, Object>) pod.get("securityContext");
      assertThat(podSecurity).as(job).containsEntry("runAsNonRoot", true);
      assertThat((Integer) podSecurity.get("runAsUser")).as(job).isPositive();
      List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
      assertThat(containers).hasSize(1);
      Map<String, Object> container = containers.get(0);
      assertThat((Map<String, Object>) container.get("securityContext"))
          .as(job)
          .containsEntry("readOnlyRootFilesystem", true)
          .containsEntry("allowPrivilegeEscalation", false)
          .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
      List<String> args = (List<String>) container.get("args");
      assertThat(args.get(0)).isEqualTo(job);
      assertThat(args)
          .as(job)
          .contains(
              "--shard-count=" + jobSpec.get("completions"),
              "--quotas=/etc/quota-cli/quotas.yaml",
              "--cache-dir=/var/lib/quota-cli",
              "--textfile-dir=/textfiles");
      assertThat(jobSpec.get("parallelism")).as(job).isEqualTo(jobSpec.get("completions"));
      assertThat((List<Map<String, Object>>) container.get("env"))
          .contains(
              Map.of(
                  "name",
                  "QUOTA_CLI_CMDB_PASSWORD_FILE",
                  "value",
                  "/run/secrets/quota-cli/password"));
      assertThat(pod.get("volumes").toString())
          .contains("secretName=quota-cli-cmdb", "name=quota-cli-quotas");
    }
  }

  private static String projectVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        Files.newInputStream(REPO.resolve("target/maven-archiver/pom.properties"))) {
      p.load(in);
    }
    return p.getProperty("version");
  }

  private static Run make(String target, List<String> variables) throws Exception {
    List<String> command = new ArrayList<>(List.of(make.toString(), "-C", REPO.toString(), target));
    command.addAll(variables);
    return run(command, Map.of());
  }

  /**
   * Runs a program (bounded to 5 minutes: make install trains the CDS archive) with extra
   * environment.
   */
  private static Run run(List<String> command, Map<String, String> env) throws Exception {
    Path output = Files.createTempFile(tmp, "run", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    // The operator's settings of the machine running the tests must not leak into the runs.
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("QUOTA_CLI_") && !k.startsWith("QUOTA_CLI_TEST_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 5 minutes");
    }
    return new Run(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
