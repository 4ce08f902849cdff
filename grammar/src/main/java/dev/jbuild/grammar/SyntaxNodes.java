package dev.jbuild.grammar;

import dev.jbuild.grammar.SyntaxNode.FlagWord;
import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's line rules: how a joined logical line becomes a {@link SyntaxNode}. The keyword is the
 * first word; the flags are the following words that start with {@code --}; the rest is read by
 * the keyword's rule (JSON array or one shell string for RUN/CMD/ENTRYPOINT/SHELL, JSON array or
 * words for ADD/COPY/VOLUME, name=value pairs for ENV/LABEL, quoted words for ARG, and so on).
 */
final class SyntaxNodes {
  private SyntaxNodes() {}

  /**
   * Reads a logical line.
   *
   * @param escapeCharacter the escape character (affects the word rule of ENV, LABEL and ARG)
   * @throws LineProblem for what BuildKit's parser itself rejects: a JSON array with non-string
   *     elements, an ENV or LABEL without a value
   */
  static SyntaxNode parse(String line, int escapeCharacter) throws LineProblem {
    // ONBUILD nests an instruction; read chains of them without recursion.
    List<Head> onbuildChain = new ArrayList<>();
    int start = 0;
    Head head;
    while (true) {
      head = head(line, start);
      if (head.lowerKeyword().equals("onbuild") && head.restStart < head.restEnd) {
        onbuildChain.add(head);
        start = head.restStart;
        continue;
      }
      break;
    }
    SyntaxNode node = leaf(line, head, escapeCharacter);
    for (int index = onbuildChain.size() - 1; index >= 0; index--) {
      Head parent = onbuildChain.get(index);
      node = new SyntaxNode(line, parent.keyword, parent.keywordOffset, parent.flags,
          parent.restStart, parent.restEnd, List.of(), false, node);
    }
    return node;
  }

  /** The heredocs a node opens: RUN, COPY and ADD (also under ONBUILD) in shell form only. */
  static List<HeredocWords.Opening> heredocsOpenedBy(SyntaxNode node)
      throws HeredocWords.BadHeredocException {
    SyntaxNode target = node.lowerKeyword().equals("onbuild") && node.child() != null ? node.child() : node;
    String keyword = target.lowerKeyword();
    boolean mayOpen = keyword.equals("run") || keyword.equals("copy") || keyword.equals("add");
    if (!mayOpen || target.json()) {
      return List.of();
    }
    return HeredocWords.openedBy(node.line());
  }

  /** Keyword, flags and the span of the rest, from start to the end of the line. */
  private record Head(String keyword, int keywordOffset, List<FlagWord> flags, int restStart, int restEnd) {
    String lowerKeyword() {
      return keyword.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * BuildKit's {@code splitCommand}: trim, split off the keyword at the first run of
   * {@code [\t\v\f\r ]}, extract the flags, trim the rest.
   */
  private static Head head(String line, int start) {
    int begin = GoText.skipSpace(line, start);
    int end = line.length();
    while (end > begin && GoText.isSpace(line.charAt(end - 1))) {
      end--;
    }
    int keywordEnd = begin;
    while (keywordEnd < end && !GoText.isSeparator(line.charAt(keywordEnd))) {
      keywordEnd++;
    }
    String keyword = line.substring(begin, keywordEnd);
    if (keywordEnd == end) {
      return new Head(keyword, begin, List.of(), end, end);
    }
    int argumentsStart = keywordEnd;
    while (argumentsStart < end && GoText.isSeparator(line.charAt(argumentsStart))) {
      argumentsStart++;
    }
    List<FlagWord> flags = new ArrayList<>();
    int restStart = extractFlags(line, argumentsStart, end, flags);
    restStart = GoText.skipSpace(line, restStart);
    return new Head(keyword, begin, flags, Math.min(restStart, end), end);
  }

  /**
   * BuildKit's {@code extractBuilderFlags}: leading words that start with {@code --}, with quotes
   * removed and backslash escapes applied; a bare {@code --} ends them and is dropped. Returns
   * where the rest of the line starts.
   */
  private static int extractFlags(String line, int from, int end, List<FlagWord> flags) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    int phase = inSpaces;
    StringBuilder word = new StringBuilder();
    int wordStart = from;
    char quote = 0;
    boolean blankOk = false;
    for (int position = from; position <= end; position++) {
      boolean atEnd = position == end;
      char c = atEnd ? 0 : line.charAt(position);
      if (phase == inSpaces) {
        if (atEnd) {
          break;
        }
        if (GoText.isSpace(c)) {
          continue;
        }
        if (c != '-' || position + 1 == end || line.charAt(position + 1) != '-') {
          return position;
        }
        phase = inWord;
        wordStart = position;
      }
      if (atEnd) {
        if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
          flags.add(new FlagWord(word.toString(), wordStart));
        }
        break;
      }
      if (phase == inWord) {
        if (GoText.isSpace(c)) {
          phase = inSpaces;
          if (word.toString().equals("--")) {
            return position;
          }
          if (blankOk || word.length() > 0) {
            flags.add(new FlagWord(word.toString(), wordStart));
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (c == '\'' || c == '"') {
          quote = c;
          blankOk = true;
          phase = inQuote;
          continue;
        }
        if (c == '\\') {
          if (position + 1 == end) {
            continue;
          }
          position++;
          c = line.charAt(position);
        }
        word.append(c);
        continue;
      }
      // inQuote
      if (c == quote) {
        phase = inWord;
        continue;
      }
      if (c == '\\') {
        if (position + 1 == end) {
          phase = inWord;
          continue;
        }
        position++;
        c = line.charAt(position);
      }
      word.append(c);
    }
    return end;
  }

  private static SyntaxNode leaf(String line, Head head, int escapeCharacter) throws LineProblem {
    String rest = line.substring(head.restStart, head.restEnd);
    List<String> arguments = List.of();
    boolean json = false;
    switch (head.lowerKeyword()) {
      case "add", "copy", "volume" -> {
        List<String> array = jsonArray(rest, head.restStart);
        json = array != null;
        arguments = json ? array : whitespaceDelimited(rest);
      }
      case "cmd", "entrypoint", "run", "shell" -> {
        if (!rest.isEmpty()) {
          List<String> array = jsonArray(rest, head.restStart);
          json = array != null;
          arguments = json ? array : List.of(rest);
        }
      }
      case "healthcheck" -> {
        int typeEnd = 0;
        while (typeEnd < rest.length() && !GoText.isSpace(rest.charAt(typeEnd))) {
          typeEnd++;
        }
        if (typeEnd > 0) {
          int commandStart = GoText.skipSpace(rest, typeEnd);
          String command = rest.substring(commandStart);
          List<String> all = new ArrayList<>();
          all.add(rest.substring(0, typeEnd));
          if (!command.isEmpty()) {
            List<String> array = jsonArray(command, head.restStart + commandStart);
            json = array != null;
            all.addAll(json ? array : List.of(command));
          }
          arguments = all;
        }
      }
      case "env", "label" -> arguments = nameValuePairs(rest, head.restStart,
          head.lowerKeyword().equals("env") ? "ENV" : "LABEL", escapeCharacter);
      case "arg" -> arguments = BuildKitWords.split(rest, escapeCharacter);
      case "expose", "from" -> arguments = whitespaceDelimited(rest);
      case "maintainer", "stopsignal", "user", "workdir" -> arguments = rest.isEmpty() ? List.of() : List.of(rest);
      default -> {
        // ONBUILD without a trigger, and unknown instructions, which BuildKit's parser keeps
        // without arguments; the instruction layer rejects the latter.
      }
    }
    return new SyntaxNode(line, head.keyword, head.keywordOffset, head.flags, head.restStart,
        head.restEnd, arguments, json, null);
  }

  /** A JSON array of strings, or null when the text is not a JSON array. */
  private static List<String> jsonArray(String text, int offset) throws LineProblem {
    try {
      return JsonStringArrays.parse(text);
    } catch (JsonStringArrays.NotStringArrayException notStrings) {
      throw new LineProblem(notStrings.getMessage(), offset);
    }
  }

  private static List<String> whitespaceDelimited(String rest) {
    return rest.isEmpty() ? List.of() : GoText.splitOnSeparators(rest);
  }

  /**
   * ENV and LABEL: if the first word has no '=', the legacy {@code KEY value} form (the value is
   * the rest of the line as written); otherwise every word must be {@code key=value}. Returns
   * key, value, separator triples.
   */
  private static List<String> nameValuePairs(String rest, int offset, String keyword, int escapeCharacter)
      throws LineProblem {
    List<String> words = BuildKitWords.split(rest, escapeCharacter);
    if (words.isEmpty()) {
      return List.of();
    }
    if (words.get(0).indexOf('=') < 0) {
      int separator = 0;
      while (separator < rest.length() && !GoText.isSeparator(rest.charAt(separator))) {
        separator++;
      }
      if (separator == rest.length()) {
        throw new LineProblem(keyword + " must have two arguments", offset);
      }
      int valueStart = separator;
      while (valueStart < rest.length() && GoText.isSeparator(rest.charAt(valueStart))) {
        valueStart++;
      }
      return List.of(rest.substring(0, separator), rest.substring(valueStart), "");
    }
    List<String> triples = new ArrayList<>(words.size() * 3);
    for (String word : words) {
      int equals = word.indexOf('=');
      if (equals < 0) {
        throw new LineProblem("Syntax error - can't find = in " + GoText.quote(word)
            + ". Must be of the form: name=value", offset);
      }
      triples.add(word.substring(0, equals));
      triples.add(word.substring(equals + 1));
      triples.add("=");
    }
    return triples;
  }
}
