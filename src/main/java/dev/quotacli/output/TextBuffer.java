package dev.quotacli.output;

import java.io.Writer;

/**
 * A {@link Writer} into a {@link StringBuilder}, without {@link java.io.StringWriter}'s lock per
 * character: the Prometheus text writer writes a textfile of tens of thousands of lines largely one
 * character at a time. Not thread-safe; one per rendering.
 */
final class TextBuffer extends Writer {
  private final StringBuilder text = new StringBuilder(1 << 16);

  @Override
  public void write(int c) {
    text.append((char) c);
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    text.append(chars, offset, length);
  }

  @Override
  public void write(String s, int offset, int length) {
    text.append(s, offset, offset + length);
  }

  @Override
  public void write(String s) {
    text.append(s);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return text.toString();
  }
}
