package dev.jbuild.grammar;

import dev.jbuild.grammar.ast.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses Dockerfile text into the typed AST, accepting and rejecting exactly what BuildKit's
 * Dockerfile frontend does when it reads a file: first its parser (directives, comments,
 * continuations, heredocs, the JSON-or-shell decision), then its per-instruction checks (known
 * keywords, allowed flags, argument counts). A {@code # syntax=} directive must name the built-in
 * docker/dockerfile 1.x syntax. Stateless and thread-safe.
 */
public final class DockerfileParser {
  private DockerfileParser() {}

  /**
   * Parses {@code text}; {@code fileName} only names the file in errors.
   *
   * @throws DockerfileParseException with file, line and column of the first problem
   */
  public static Dockerfile parse(String text, String fileName) throws DockerfileParseException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fileName, "fileName");
    SourceText source = new SourceText(fileName, text);
    DockerfileSyntax.Result syntax = DockerfileSyntax.read(source);
    String frontend = syntax.directives().get("syntax");
    if (frontend != null && !FrontendSyntax.isBuiltIn(frontend)) {
      throw source.error(syntax.directiveLines().get("syntax"), 1, "unsupported frontend "
          + GoText.quote(frontend) + ": jbuild has the docker/dockerfile:1 syntax built in"
          + " and pulls no frontend image");
    }
    List<Instruction> instructions = new ArrayList<>(syntax.instructions().size());
    for (DockerfileSyntax.Parsed parsed : syntax.instructions()) {
      instructions.add(InstructionFactory.create(source, parsed));
    }
    return new Dockerfile(fileName, syntax.directives(), instructions);
  }

  /**
   * The name of the heredoc a word opens, as BuildKit reads COPY and ADD sources: {@code <<EOF},
   * {@code <<-EOF}, {@code <<"EOF"} and {@code 3<<EOF} all open {@code EOF}; any other word (an
   * ordinary path) opens none. A COPY or ADD instruction's {@code heredocs()} are the heredocs its
   * sources open, in the same order.
   */
  public static Optional<String> heredocName(String word) {
    try {
      HeredocWords.Opening opening = HeredocWords.parse(word);
      return opening == null ? Optional.empty() : Optional.of(opening.name());
    } catch (HeredocWords.BadHeredocException notAHeredoc) {
      return Optional.empty();
    }
  }
}
