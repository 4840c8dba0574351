package dev.quotacli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.testing.SampleCaches;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path tmp;

  private String sampleHtml() throws IOException {
    return HtmlReport.render(
        ReportBuilder.build(
            ReportBuilderTest.sample(tmp), ReportBuilderTest.settings(20), IncreaseRequests.NONE));
  }

  @Test
  void namesFromTheCmdbAreHtmlEscapedEverywhere() throws IOException {
    String html = sampleHtml();

    assertThat(html).doesNotContain(SampleCaches.LAB_NAME).doesNotContain("<eu>");
    assertThat(html).contains("R&amp;D &quot;lab&quot; &lt;eu&gt;");
  }

  @Test
  void aScriptInAnAccountNameIsText() {
    var in =
        new ReportInputs(
            ReportBuilderTest.inputs(
                    new CachedLimits.Result(List.of(), List.of()), List.of(), List.of())
                .status(),
            List.of(),
            new CachedLimits.Result(List.of(), List.of()),
            List.of(),
            List.of(),
            java.util.Map.of("123456789012", "<script>alert('x')</script>"),
            ReportBuilderTest.NOW,
            List.of());
    String html =
        HtmlReport.render(
            ReportBuilder.build(in, ReportBuilderTest.settings(5), IncreaseRequests.NONE));

    assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
  }

  @Test
  void theFileRefersToNoOtherHost() throws IOException {
    String html = sampleHtml();

    Matcher refs = Pattern.compile("(?i)(src|href|action)\\s*=\\s*\"([^\"]*)\"").matcher(html);
    while (refs.find()) {
      assertThat(refs.group(2)).as(refs.group()).startsWith("#");
    }
    assertThat(html.toLowerCase())
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("url(")
        .doesNotContain("@import")
        .doesNotContain("<link")
        .doesNotContain("<img")
        .doesNotContain("<iframe");
    assertThat(html).contains("<style>").contains("<script>").contains("<svg class=\"chart\"");
  }

  @Test
  void withoutJavaScriptTheFilterBoxIsHiddenAndEveryRowShows() throws IOException {
    String html = sampleHtml();

    assertThat(html).contains("<p id=\"filter-box\" hidden>");
    assertThat(count(html, "<tr data-key=\"")).isEqualTo(7 + 9); // the top list + every row
    assertThat(html).doesNotContain("<tr hidden").doesNotContain("<section hidden");
  }

  @Test
  void hasAPrintStylesheet() throws IOException {
    assertThat(sampleHtml()).contains("@media print {");
  }

  @Test
  void noTemplateWritesAValueUnescaped() throws IOException {
    for (String name : List.of("report.mustache", "style.mustache", "filter.mustache")) {
      try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
        String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(template).as(name).doesNotContain("{{{").doesNotContain("{{&");
      }
    }
  }

  @Test
  void theSameInputsGiveTheSameBytes() throws IOException {
    var model =
        ReportBuilder.build(
            ReportBuilderTest.sample(tmp), ReportBuilderTest.settings(20), IncreaseRequests.NONE);
    assertThat(HtmlReport.render(model)).isEqualTo(HtmlReport.render(model));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
