package dev.quotacli.diagnostics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Routes SLF4J (quota-cli's collectors, the AWS SDK) to {@link Diagnostics}: quota-cli's own debug
 * lines under --verbose, other libraries' warnings and errors only. Registered in
 * META-INF/services.
 */
public final class Slf4jProvider implements SLF4JServiceProvider {
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private final ILoggerFactory loggers = new Loggers();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class Loggers implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> byName = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
      return byName.computeIfAbsent(name, ToDiagnostics::new);
    }
  }

  private static final class ToDiagnostics extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final boolean own;

    ToDiagnostics(String name) {
      this.name = name;
      this.own = name.startsWith("dev.quotacli.");
    }

    private boolean enabled(Level level) {
      Diagnostics d = Diagnostics.current();
      return switch (level) {
        case ERROR -> true;
        case WARN -> d.level() != Diagnostics.Level.QUIET;
        case INFO -> own && d.level() != Diagnostics.Level.QUIET;
        case DEBUG, TRACE -> own && d.verbose();
      };
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      if (throwable != null) {
        message += ": " + throwable;
      }
      message = message.lines().findFirst().orElse("");
      Diagnostics d = Diagnostics.current();
      switch (level) {
        case ERROR -> d.error(message);
        case WARN -> d.warn(message);
        case INFO -> d.info(message);
        default -> d.debug(message);
      }
    }
  }
}
