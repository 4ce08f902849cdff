package dev.jbuild.core.expand;

import java.util.List;
import java.util.Objects;

/**
 * Expands Dockerfile words as BuildKit does (its {@code shell.Lex}): variables ({@code $V},
 * {@code ${V}}, {@code ${V:-w}}, {@code ${V-w}}, {@code ${V:+w}}, {@code ${V+w}},
 * {@code ${V:?m}}, {@code ${V?m}}, {@code ${V#p}}, {@code ${V##p}}, {@code ${V%p}},
 * {@code ${V%%p}}, {@code ${V/p/r}}, {@code ${V//p/r}}), single and double quotes, and the escape
 * character; optionally splitting the result into words.
 *
 * <p>What BuildKit does and a POSIX shell would not, kept here on purpose: unset positional and
 * special parameters ({@code $1}, {@code $@}) expand to nothing; a trailing escape character is
 * dropped; the escape character inside double quotes quotes only {@code "}, {@code $} and itself;
 * {@code ${V:#p}} is {@code ${V#p}}; in {@code ${V//p/r}} the replacement is a Go regexp template
 * ({@code $$} is a dollar, {@code $0} the match, other {@code $name}s vanish); {@code =} and
 * substrings ({@code ${V:=w}}, {@code ${V:1}}) are errors.
 *
 * <p>Immutable and thread-safe: every call keeps its own state.
 */
public final class ShellLexer {
  private final char escapeToken;
  private final boolean processQuotes;

  /**
   * A lexer for a Dockerfile whose escape character is {@code escapeToken}: {@code '\\'} by
   * default, {@code '`'} after {@code # escape=`}.
   *
   * @throws IllegalArgumentException for any other character, which no Dockerfile can select
   */
  public ShellLexer(char escapeToken) {
    this(escapeToken, true);
  }

  private ShellLexer(char escapeToken, boolean processQuotes) {
    if (escapeToken != '\\' && escapeToken != '`') {
      throw new IllegalArgumentException(
          "escape character must be \\ or `, not " + Character.getName(escapeToken));
    }
    this.escapeToken = escapeToken;
    this.processQuotes = processQuotes;
  }

  /**
   * This lexer with quotes left as ordinary characters (BuildKit's {@code SkipProcessQuotes}),
   * for heredoc bodies, where quotes belong to the script: only variables and escapes are
   * processed. BuildKit expands heredoc bodies with {@code '\\'} as escape character whatever the
   * directive says, so use {@code new ShellLexer('\\').withoutQuoteProcessing()} for them.
   */
  public ShellLexer withoutQuoteProcessing() {
    return new ShellLexer(escapeToken, false);
  }

  public char escapeToken() {
    return escapeToken;
  }

  /** Whether quotes are interpreted (true unless {@link #withoutQuoteProcessing()}). */
  public boolean processesQuotes() {
    return processQuotes;
  }

  /**
   * Expands {@code word} into one string (quotes and escapes removed, spaces kept): what docker
   * uses for WORKDIR, USER, ENV values and the like.
   */
  public String processWord(String word, Env env) throws ExpansionException {
    return processWordWithMatches(word, env).result();
  }

  /**
   * Expands {@code word} and splits it into words at unquoted spaces, including spaces that come
   * from a variable's value; empty words (from {@code ""} or an empty variable) are dropped.
   */
  public List<String> processWords(String word, Env env) throws ExpansionException {
    return processWordWithMatches(word, env).words();
  }

  /**
   * Expands {@code word} and reports which variable names it looked up, found or not (BuildKit's
   * {@code ProcessWordWithMatches}); see {@link Expansion}. Names in a default that was not used
   * still count as looked up, as in BuildKit: {@code ${A:-$B}} looks up both.
   */
  public Expansion processWordWithMatches(String word, Env env) throws ExpansionException {
    Objects.requireNonNull(word, "word");
    Objects.requireNonNull(env, "env");
    try {
      return new WordExpander(word, env, escapeToken, processQuotes).expand();
    } catch (WordExpander.Failure failure) {
      throw new ExpansionException(word, failure.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ShellLexer[escape=" + escapeToken + (processQuotes ? "" : ", quotes kept") + "]";
  }
}
