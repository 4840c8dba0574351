package dev.quotacli.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders a {@link ReportModel} into one self-contained HTML file with the Mustache templates under
 * {@code dev/quotacli/report/}: inline CSS and JavaScript, inline SVG charts, nothing fetched from
 * any host. Every {@code {{value}}} is HTML-escaped (account names come from the CMDB); the
 * templates use no unescaped {@code {{{value}}}}. Pure; thread-safe.
 */
public final class HtmlReport {
  private static final Mustache TEMPLATE =
      new DefaultMustacheFactory("dev/quotacli/report").compile("report.mustache");

  private HtmlReport() {}

  public static String render(ReportModel model) {
    StringWriter out = new StringWriter();
    try {
      TEMPLATE.execute(out, model).flush();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
