package dev.quotacli.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option also reads {@code QUOTA_CLI_<NAME>}: {@code --cmdb-url} from {@code
 * QUOTA_CLI_CMDB_URL}. A flag on the command line wins over the environment.
 */
final class EnvDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;

  EnvDefaults(Map<String, String> env) {
    this.env = env;
  }

  static String variableFor(OptionSpec option) {
    String name = option.longestName().replaceFirst("^-+", "");
    return "QUOTA_CLI_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option && !option.usageHelp() && !option.versionHelp()) {
      String value = env.get(variableFor(option));
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return arg.defaultValue();
  }
}
