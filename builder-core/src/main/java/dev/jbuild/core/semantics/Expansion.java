package dev.jbuild.core.semantics;

import dev.jbuild.core.expand.Env;
import dev.jbuild.core.expand.ExpansionException;
import dev.jbuild.core.expand.ShellLexer;
import dev.jbuild.grammar.ast.SourceRange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word expansion as docker applies it to an instruction: variables come from the stage's ARGs,
 * overridden by its ENV (an ENV of the same name wins).
 */
final class Expansion {
  private final ShellLexer lexer;
  private final Env env;
  private final SourceRange range;

  private Expansion(ShellLexer lexer, Env env, SourceRange range) {
    this.lexer = lexer;
    this.env = env;
    this.range = range;
  }

  static Expansion of(StageState state, SourceRange range) {
    Map<String, String> variables = new HashMap<>(state.args());
    for (String entry : state.image().config().env()) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        variables.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    }
    return new Expansion(new ShellLexer(state.escape()), Env.of(variables), range);
  }

  static Expansion of(Map<String, String> variables, char escape, SourceRange range) {
    return new Expansion(new ShellLexer(escape), Env.of(variables), range);
  }

  /** Expands one word (quotes removed, no splitting). */
  String word(String text) throws InstructionException {
    try {
      return lexer.processWord(text, env);
    } catch (ExpansionException e) {
      throw new InstructionException(range, e.getMessage(), e);
    }
  }

  /**
   * Expands a here-document body: variables only, quotes kept, always with a backslash escape
   * (BuildKit ignores {@code # escape=} there).
   */
  String heredoc(String text) throws InstructionException {
    try {
      return new ShellLexer('\\').withoutQuoteProcessing().processWord(text, env);
    } catch (ExpansionException e) {
      throw new InstructionException(range, e.getMessage(), e);
    }
  }

  /** Expands and splits into words, as for EXPOSE and VOLUME. */
  List<String> words(String text) throws InstructionException {
    try {
      return lexer.processWords(text, env);
    } catch (ExpansionException e) {
      throw new InstructionException(range, e.getMessage(), e);
    }
  }
}
