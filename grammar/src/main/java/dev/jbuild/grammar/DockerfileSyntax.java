package dev.jbuild.grammar;

import dev.jbuild.grammar.ast.Heredoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first of the two phases BuildKit reads a Dockerfile in: the parser phase, which accepts any
 * keyword and any flag and only rejects what breaks the file's structure (a bad directive, a JSON
 * array of non-strings, ENV or LABEL without a value, an unterminated heredoc, an over-long line,
 * no instruction at all). Its result is what the dump format prints; {@link InstructionFactory}
 * is the second phase. As in BuildKit, every first-phase error in the file comes before any
 * second-phase error.
 */
final class DockerfileSyntax {
  private DockerfileSyntax() {}

  /** One instruction after the first phase. */
  record Parsed(LogicalLine line, SyntaxNode node, List<Heredoc> heredocs) {}

  /** The whole file after the first phase. */
  record Result(
      SourceText source,
      List<Parsed> instructions,
      Map<String, String> directives,
      Map<String, Integer> directiveLines,
      int escapeCharacter) {}

  static Result read(SourceText source) throws DockerfileParseException {
    LogicalLineReader.Result lines = LogicalLineReader.read(source);
    int overlongLine = lines.overlongLine();
    List<Parsed> instructions = new ArrayList<>(lines.lines().size());
    for (LogicalLine line : lines.lines()) {
      if (overlongLine != 0 && line.startLine() >= overlongLine) {
        break;
      }
      instructions.add(parse(source, line, lines.escapeCharacter()));
    }
    if (overlongLine != 0) {
      throw source.error(overlongLine, 1, "dockerfile line greater than max allowed size of "
          + LogicalLineReader.MAXIMUM_LINE_BYTES);
    }
    if (instructions.isEmpty()) {
      throw source.error(Math.max(1, lines.lineCount()), 1, "file with no instructions");
    }
    return new Result(source, instructions, lines.directives(), lines.directiveLines(),
        lines.escapeCharacter());
  }

  /** Applies the line rules to one logical line and pairs its heredocs with their content. */
  static Parsed parse(SourceText source, LogicalLine line, int escapeCharacter)
      throws DockerfileParseException {
    SyntaxNode node;
    List<HeredocWords.Opening> openings;
    try {
      node = SyntaxNodes.parse(line.text(), escapeCharacter);
    } catch (LineProblem problem) {
      throw error(source, line, problem.offset(), problem.getMessage());
    }
    try {
      openings = SyntaxNodes.heredocsOpenedBy(node);
    } catch (HeredocWords.BadHeredocException problem) {
      throw error(source, line, node.keywordOffset(), problem.getMessage());
    }
    List<String> bodies = line.heredocBodies();
    if (bodies.size() < openings.size()) {
      HeredocWords.Opening missing = openings.get(bodies.size());
      throw error(source, line, node.keywordOffset(),
          "unterminated heredoc: no line \"" + missing.name() + "\" before the end of the file");
    }
    List<Heredoc> heredocs = new ArrayList<>(openings.size());
    for (int index = 0; index < openings.size(); index++) {
      HeredocWords.Opening opening = openings.get(index);
      String content = bodies.get(index);
      if (opening.stripLeadingTabs()) {
        content = withoutLeadingTabs(content);
      }
      heredocs.add(new Heredoc(opening.name(), content, opening.expand(), opening.stripLeadingTabs()));
    }
    return new Parsed(line, node, heredocs);
  }

  /** An error at an offset of a logical line, located at its physical line and column. */
  static DockerfileParseException error(SourceText source, LogicalLine line, int offset, String problem) {
    return source.error(line.lineOf(offset), line.columnOf(offset), problem);
  }

  /** {@code <<-}: the leading tabs of every line are removed. */
  private static String withoutLeadingTabs(String content) {
    StringBuilder stripped = new StringBuilder(content.length());
    boolean atLineStart = true;
    for (int index = 0; index < content.length(); index++) {
      char c = content.charAt(index);
      if (atLineStart && c == '\t') {
        continue;
      }
      atLineStart = c == '\n';
      stripped.append(c);
    }
    return stripped.toString();
  }
}
