package dev.jbuild.grammar;

import java.util.List;
import java.util.Locale;

/**
 * One instruction as BuildKit's parser sees it, before any instruction-specific checks: the
 * keyword as written, the flag words, the arguments split by that keyword's line rule, whether
 * they were a JSON array, and for ONBUILD the nested instruction. Unknown keywords and unknown
 * flags are kept; {@link InstructionFactory} is what rejects them.
 *
 * @param line the logical line this node was read from (shared by a node and its children)
 * @param keywordOffset where the keyword starts in {@code line}
 * @param restStart where the arguments (after the flags, trimmed) start in {@code line}
 * @param restEnd where they end
 * @param arguments the arguments by the keyword's rule; for ENV and LABEL, triples of key, value
 *     and separator ("=" or "" for the legacy {@code KEY value} form)
 * @param child the instruction under ONBUILD, or null
 */
record SyntaxNode(
    String line,
    String keyword,
    int keywordOffset,
    List<FlagWord> flags,
    int restStart,
    int restEnd,
    List<String> arguments,
    boolean json,
    SyntaxNode child) {

  /** A {@code --name[=value]} word with its quotes removed, and where it starts in the line. */
  record FlagWord(String text, int offset) {}

  SyntaxNode {
    flags = List.copyOf(flags);
    arguments = List.copyOf(arguments);
  }

  /** The arguments text after the keyword and flags, trimmed: what BuildKit's line rules read. */
  String rest() {
    return line.substring(restStart, restEnd);
  }

  String lowerKeyword() {
    return keyword.toLowerCase(Locale.ROOT);
  }

  /**
   * BuildKit's {@code Node.Dump()} of this instruction, e.g. {@code (copy ["--from=a"] "x" "/y")}
   * without the outer parentheses. ONBUILD chains are printed without recursion.
   */
  String dump() {
    StringBuilder out = new StringBuilder();
    int nesting = 0;
    SyntaxNode node = this;
    while (node.child != null) {
      appendHead(out, node);
      out.append(" (");
      nesting++;
      node = node.child;
    }
    int leafStart = out.length();
    appendHead(out, node);
    for (String argument : node.arguments) {
      out.append(' ');
      GoText.appendQuoted(out, argument);
    }
    if (leafStart == 0) {
      // Go trims the dump; only a nameless leaf (an empty logical line) can leave a space.
      String trimmed = GoText.trimSpace(out.toString());
      out.setLength(0);
      out.append(trimmed);
    }
    out.append(")".repeat(nesting));
    return out.toString();
  }

  private static void appendHead(StringBuilder out, SyntaxNode node) {
    out.append(node.lowerKeyword());
    if (!node.flags.isEmpty()) {
      out.append(" [");
      for (int index = 0; index < node.flags.size(); index++) {
        if (index > 0) {
          out.append(' ');
        }
        GoText.appendQuoted(out, node.flags.get(index).text());
      }
      out.append(']');
    }
  }
}
