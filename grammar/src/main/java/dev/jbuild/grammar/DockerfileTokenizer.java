package dev.jbuild.grammar;

import dev.jbuild.grammar.antlr.DockerfileLexer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/**
 * The grammar's lexer with the decisions it delegates: it validates parser directives (an escape
 * directive switches the escape character for the rest of the file) and tells the lexer which
 * heredocs each logical line opens, using the same line rules as the instruction builder. Not
 * thread-safe; one per parse.
 */
final class DockerfileTokenizer extends DockerfileLexer {
  private final SourceText source;
  private final Map<String, String> directives = new LinkedHashMap<>();
  private final Map<String, Integer> directiveLines = new LinkedHashMap<>();

  DockerfileTokenizer(CharStream input, SourceText source) {
    super(input);
    this.source = source;
    removeErrorListeners();
    addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
          int column, String message, RecognitionException cause) {
        throw new ParseFailure(source.error(line, column + 1, message));
      }
    });
  }

  /** The directives read, lower-case names to values, in file order. */
  Map<String, String> directives() {
    return directives;
  }

  /** The line of each directive. */
  Map<String, Integer> directiveLines() {
    return directiveLines;
  }

  @Override
  protected void onDirective(String name, String value, int line, int column) {
    if (directives.containsKey(name)) {
      throw new ParseFailure(source.error(line, column, "only one " + name + " parser directive can be used"));
    }
    if (name.equals("escape")) {
      if (!value.equals("`") && !value.equals("\\")) {
        throw new ParseFailure(source.error(line, column,
            "invalid escape token '" + value + "' does not match ` or \\"));
      }
      setEscapeCharacter(value.charAt(0));
    }
    directives.put(name, value);
    directiveLines.put(name, line);
  }

  @Override
  protected void onLogicalLine(String text) {
    if (!text.contains("<<")) {
      return;
    }
    List<HeredocWords.Opening> openings;
    try {
      openings = SyntaxNodes.heredocsOpenedBy(SyntaxNodes.parse(text, escapeCharacter()));
    } catch (LineProblem | HeredocWords.BadHeredocException problem) {
      return; // reported with its position when the instruction is built
    }
    for (HeredocWords.Opening opening : openings) {
      expectHeredoc(opening.name(), opening.stripLeadingTabs());
    }
  }
}
