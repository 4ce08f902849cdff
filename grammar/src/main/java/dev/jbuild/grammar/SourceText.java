package dev.jbuild.grammar;

/**
 * The text of a Dockerfile and its name, for building errors that quote the offending line.
 * Lines are numbered from 1 and end at a line feed, as BuildKit counts them.
 */
final class SourceText {
  private final String fileName;
  private final String text;

  SourceText(String fileName, String text) {
    this.fileName = fileName;
    this.text = text;
  }

  String fileName() {
    return fileName;
  }

  String text() {
    return text;
  }

  /** An error at a 1-based line and column, quoting that line. */
  DockerfileParseException error(int line, int column, String problem) {
    return new DockerfileParseException(fileName, line, column, problem, lineText(line));
  }

  /** The text of a 1-based line without its line end; empty past the end of the file. */
  String lineText(int line) {
    int start = 0;
    for (int current = 1; current < line; current++) {
      int lineFeed = text.indexOf('\n', start);
      if (lineFeed < 0) {
        return "";
      }
      start = lineFeed + 1;
    }
    int end = text.indexOf('\n', start);
    if (end < 0) {
      end = text.length();
    }
    while (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, end);
  }
}
