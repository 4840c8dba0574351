package dev.quotacli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ManPageTest {
  private final String page = ManPage.render(new CommandLine(new QuotaCli()).getCommandSpec());

  @Test
  void documentsEverySubcommandAndVisibleOptionFromTheModel() {
    var root = new CommandLine(new QuotaCli()).getCommandSpec();
    for (var sub : root.subcommands().entrySet()) {
      assertThat(page).contains(".SS " + ManPage.esc(sub.getKey()));
      for (var option : sub.getValue().getCommandSpec().options()) {
        if (!option.hidden()) {
          assertThat(page).contains(ManPage.esc(option.longestName()));
        }
      }
    }
    assertThat(page).doesNotContain("bench\\-pause");
  }

  @Test
  void listsWhatPlanPlans() {
    assertThat(page)
        .contains(".SS plan\n")
        .contains(".B plan limits\n")
        .contains(".B plan usage\n")
        .contains(".B plan cost\n")
        .contains(".B plan discover\\-regions\n")
        .contains(".B plan refresh\\-cache\n");
  }

  @Test
  void hasTheManSectionsAndExitCodes() {
    assertThat(page)
        .startsWith(".TH QUOTA-CLI 1 ")
        .contains(".SH NAME\nquota\\-cli \\- ")
        .contains(".SH SYNOPSIS")
        .contains(".SH EXIT STATUS")
        .contains(".B 3\nsome targets failed; the file was written")
        .contains("QUOTA_CLI_CMDB_PASSWORD")
        .contains(".I quota\\-report.html")
        .doesNotContain("${DEFAULT-VALUE}");
  }
}
