package dev.jbuild.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A debug log that keeps its lines, for counting what a client did. Thread-safe. */
final class RecordingLog implements Consumer<String> {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void accept(String line) {
    lines.add(line);
  }

  long count(String fragment) {
    return lines.stream().filter(line -> line.contains(fragment)).count();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  void clear() {
    lines.clear();
  }
}
