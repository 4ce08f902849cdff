package dev.jbuild.executor.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines (without their {@code \n} or {@code \r\n}), decoded as UTF-8 with
 * malformed bytes replaced. Lines longer than {@link #MAX_LINE} bytes are handed over in pieces so
 * output without newlines cannot exhaust memory. Not thread-safe.
 */
final class LineSplitter {
  static final int MAX_LINE = 64 * 1024;

  private final Consumer<String> lines;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  void accept(byte[] bytes, int length) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        pending.write(bytes, start, i - start);
        emit();
        start = i + 1;
      } else if (pending.size() + (i - start) >= MAX_LINE) {
        pending.write(bytes, start, i - start);
        emit();
        start = i;
      }
    }
    pending.write(bytes, start, length - start);
  }

  /** Hands over a last line that had no newline. */
  void finish() {
    if (pending.size() > 0) {
      emit();
    }
  }

  private void emit() {
    byte[] line = pending.toByteArray();
    pending.reset();
    int length = line.length;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    lines.accept(new String(line, 0, length, StandardCharsets.UTF_8));
  }
}
