package dev.jbuild.grammar;

import java.util.List;

/**
 * One instruction's logical line: the text of its physical lines joined (continuations, and the
 * comment and blank lines inside them, removed), where it is in the file, where each piece of the
 * text came from (to report errors at the physical line and column), and the content of the
 * heredocs that followed it.
 */
final class LogicalLine {
  private final String text;
  private final int startLine;
  private final int endLine;
  private final int[] segmentOffsets;
  private final int[] segmentLines;
  private final int[] segmentColumns;
  private final List<String> heredocBodies;

  /**
   * @param segmentOffsets start of each piece of text in {@code text}, ascending
   * @param segmentLines the physical line each piece starts on
   * @param segmentColumns the 1-based column (in code points) each piece starts at
   * @param heredocBodies the content of each terminated heredoc, lines with their line ends
   */
  LogicalLine(String text, int startLine, int endLine, int[] segmentOffsets, int[] segmentLines,
      int[] segmentColumns, List<String> heredocBodies) {
    this.text = text;
    this.startLine = startLine;
    this.endLine = endLine;
    this.segmentOffsets = segmentOffsets;
    this.segmentLines = segmentLines;
    this.segmentColumns = segmentColumns;
    this.heredocBodies = List.copyOf(heredocBodies);
  }

  String text() {
    return text;
  }

  int startLine() {
    return startLine;
  }

  int endLine() {
    return endLine;
  }

  List<String> heredocBodies() {
    return heredocBodies;
  }

  /** The physical line of an offset in {@link #text()}. */
  int lineOf(int offset) {
    int segment = segmentOf(offset);
    return segment < 0 ? startLine : segmentLines[segment];
  }

  /** The 1-based physical column of an offset in {@link #text()}. */
  int columnOf(int offset) {
    int segment = segmentOf(offset);
    if (segment < 0) {
      return 1;
    }
    int within = Math.min(offset, text.length()) - segmentOffsets[segment];
    return segmentColumns[segment]
        + text.codePointCount(segmentOffsets[segment], segmentOffsets[segment] + within);
  }

  private int segmentOf(int offset) {
    int low = 0;
    int high = segmentOffsets.length - 1;
    int found = -1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (segmentOffsets[middle] <= offset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }
}
