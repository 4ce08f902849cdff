package dev.jbuild.grammar;

import dev.jbuild.grammar.antlr.DockerfileLexer;
import dev.jbuild.grammar.antlr.DockerfileLineParser;
import dev.jbuild.grammar.antlr.DockerfileLineParser.DockerfileContext;
import dev.jbuild.grammar.antlr.DockerfileLineParser.ElementContext;
import dev.jbuild.grammar.antlr.DockerfileLineParser.InstructionContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Runs the ANTLR lexer and line parser over a Dockerfile and returns its logical lines. This is
 * the only class that touches the generated parser; nothing ANTLR leaves it.
 */
final class LogicalLineReader {
  /**
   * BuildKit reads lines with Go's bufio.Scanner, which refuses a line (with its line end) longer
   * than 64 KiB.
   */
  static final int MAXIMUM_LINE_BYTES = 65_535;

  private LogicalLineReader() {}

  /**
   * What the reader found.
   *
   * @param overlongLine the first line longer than {@link #MAXIMUM_LINE_BYTES} UTF-8 bytes, or 0
   * @param lineCount the number of lines, as BuildKit counts them
   */
  record Result(
      List<LogicalLine> lines,
      Map<String, String> directives,
      Map<String, Integer> directiveLines,
      int escapeCharacter,
      int overlongLine,
      int lineCount) {}

  static Result read(SourceText source) throws DockerfileParseException {
    DockerfileTokenizer lexer = new DockerfileTokenizer(
        CharStreams.fromString(source.text(), source.fileName()), source);
    DockerfileLineParser parser = new DockerfileLineParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
          int column, String message, RecognitionException cause) {
        throw new ParseFailure(source.error(line, column + 1, message));
      }
    });
    // The grammar is LL(1); SLL prediction never needs the slower full-context fallback.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    DockerfileContext tree;
    try {
      tree = parser.dockerfile();
    } catch (ParseFailure failure) {
      throw failure.exception();
    }
    List<LogicalLine> lines = new ArrayList<>();
    for (ElementContext element : tree.element()) {
      InstructionContext instruction = element.instruction();
      if (instruction != null) {
        lines.add(logicalLine(parser, instruction));
      }
    }
    int[] lineFacts = countLines(source.text());
    return new Result(lines, Map.copyOf(lexer.directives()), Map.copyOf(lexer.directiveLines()),
        lexer.escapeCharacter(), lineFacts[0], lineFacts[1]);
  }

  private static LogicalLine logicalLine(DockerfileLineParser parser, InstructionContext instruction) {
    StringBuilder text = new StringBuilder();
    int[] offsets = new int[8];
    int[] lines = new int[8];
    int[] columns = new int[8];
    int segments = 0;
    List<String> bodies = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int startLine = instruction.getStart().getLine();
    int endLine = startLine;
    int first = instruction.getStart().getTokenIndex();
    int last = instruction.getStop().getTokenIndex();
    for (int index = first; index <= last; index++) {
      Token token = parser.getTokenStream().get(index);
      String tokenText = token.getText();
      if (tokenText.isEmpty()) {
        continue; // the zero-length end of an instruction cut off by the end of the file
      }
      endLine = token.getLine();
      switch (token.getType()) {
        case DockerfileLexer.TEXT, DockerfileLexer.TEXT_EOL -> {
          if (segments == offsets.length) {
            offsets = Arrays.copyOf(offsets, segments * 2);
            lines = Arrays.copyOf(lines, segments * 2);
            columns = Arrays.copyOf(columns, segments * 2);
          }
          offsets[segments] = text.length();
          lines[segments] = token.getLine();
          columns[segments] = token.getCharPositionInLine() + 1;
          segments++;
          text.append(token.getType() == DockerfileLexer.TEXT ? tokenText : withoutLineEnd(tokenText));
        }
        case DockerfileLexer.HEREDOC_LINE -> body.append(tokenText);
        case DockerfileLexer.HEREDOC_END -> {
          bodies.add(body.toString());
          body.setLength(0);
        }
        default -> {
          // continuations, skipped comment and blank lines, and the line end add no text
        }
      }
    }
    return new LogicalLine(text.toString(), startLine, endLine, Arrays.copyOf(offsets, segments),
        Arrays.copyOf(lines, segments), Arrays.copyOf(columns, segments), bodies);
  }

  private static String withoutLineEnd(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  /** The first line over the size limit (or 0) and the number of lines. */
  private static int[] countLines(String text) {
    int line = 1;
    int bytes = 0;
    int overlong = 0;
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      if (c == '\n') {
        line++;
        bytes = 0;
        continue;
      }
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
      if (bytes > MAXIMUM_LINE_BYTES && overlong == 0) {
        overlong = line;
      }
    }
    int count = text.isEmpty() ? 0 : text.endsWith("\n") ? line - 1 : line;
    return new int[] {overlong, count};
  }
}
