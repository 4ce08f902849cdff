package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.Heredoc;
import java.util.List;
import java.util.Objects;

/**
 * COPY or ADD: the sources (expanded, relative to the build context or, with {@code from}, to the
 * source stage's or image's root), the destination as an absolute path (a trailing {@code /}
 * kept: it means "a directory"), and the flags after expansion. {@code from}, {@code chown} and
 * {@code chmod} are null when not given.
 */
public record CopyEffect(
    boolean add,
    List<String> sources,
    String destination,
    String from,
    String chown,
    String chmod,
    boolean link,
    boolean parents,
    List<String> excludes,
    String checksum,
    List<Heredoc> heredocs,
    String user)
    implements Effect {

  public CopyEffect {
    sources = List.copyOf(sources);
    Objects.requireNonNull(destination, "destination");
    excludes = List.copyOf(excludes);
    heredocs = List.copyOf(heredocs);
    Objects.requireNonNull(user, "user");
    if (!destination.startsWith("/")) {
      throw new IllegalArgumentException("destination must be absolute: " + destination);
    }
  }

  /** The destination names a directory: it ends with a slash or there are several sources. */
  public boolean destinationIsDirectory() {
    return destination.endsWith("/") || sources.size() + heredocs.size() > 1;
  }
}
