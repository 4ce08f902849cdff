package dev.jbuild.grammar.ast;

import java.util.Objects;

/** One {@code key=value} pair of ENV or LABEL, as written (quotes kept, unexpanded). */
public record KeyValue(String key, String value) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
