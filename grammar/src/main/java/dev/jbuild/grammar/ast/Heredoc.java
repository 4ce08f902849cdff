package dev.jbuild.grammar.ast;

import java.util.Objects;

/**
 * A here-document attached to RUN, COPY or ADD: {@code <<EOF} ... {@code EOF}. {@code content}
 * has {@code <<-} tab stripping applied already; {@code expand} is false when the delimiter was
 * quoted, in which case the content is never variable-expanded.
 */
public record Heredoc(String name, String content, boolean expand, boolean stripTabs) {
  public Heredoc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
