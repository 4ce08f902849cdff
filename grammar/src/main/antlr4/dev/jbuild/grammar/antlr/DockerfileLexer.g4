/*
 * The line structure of a Dockerfile, as BuildKit's frontend reads it.
 *
 * A Dockerfile is line oriented and context sensitive, so this lexer owns every decision that
 * depends on where a line is and what came before it:
 *  - parser directives (`# syntax=`, `# escape=`, `# check=`), recognised only on the lines before
 *    the first instruction, blank line or ordinary comment; an escape directive changes the escape
 *    character for the rest of the file;
 *  - a UTF-8 byte order mark at the very start, comment lines and blank lines;
 *  - line continuation: the escape character, then only spaces and tabs, then the line end (or the
 *    end of the file), and not itself escaped by an escape character just before it; inside a
 *    continuation, comment lines and blank lines are skipped;
 *  - here-document bodies: when a RUN, COPY or ADD line (also under ONBUILD) opens heredocs, the
 *    following lines up to each terminator are heredoc content, not instructions.
 *
 * What an instruction's words mean (keyword, flags, JSON or shell form, name=value pairs) is
 * decided afterwards on the joined logical line, because BuildKit splits words only after joining
 * continuation lines: a keyword or a flag may itself be cut by a continuation.
 *
 * Whether a line opens heredocs depends on those word rules, so the lexer asks a hook
 * (onLogicalLine) that a subclass implements; the subclass also validates directives (onDirective).
 */
lexer grammar DockerfileLexer;

tokens { DIRECTIVE, TEXT, TEXT_EOL, CONTINUATION, FILLER, EOL, HEREDOC_END }

@members {
  /** The character that escapes and continues lines: a backslash unless an escape directive says otherwise. */
  private int escapeCharacter = '\\';
  /** True until the first line that is not a parser directive. */
  private boolean directivesOpen = true;
  /** True between the first token of an instruction and the end of its logical line. */
  private boolean instructionOpen;
  /** The instruction text seen so far, continuations removed. */
  private final StringBuilder logicalLine = new StringBuilder();
  /** Heredoc terminators still to be found, in the order their heredocs were opened. */
  private final java.util.ArrayDeque<String> heredocTerminators = new java.util.ArrayDeque<>();
  /** For each pending terminator, whether leading tabs are stripped before comparing (<<-). */
  private final java.util.ArrayDeque<Boolean> heredocStripsTabs = new java.util.ArrayDeque<>();

  /**
   * Called for each parser directive, with its lower-case name and its value. A subclass checks
   * the value (and may call {@link #setEscapeCharacter}); it may throw to stop lexing.
   */
  protected void onDirective(String name, String value, int line, int column) {}

  /**
   * Called when an instruction's logical line ends with a line break. A subclass decides which
   * heredocs the line opens and calls {@link #expectHeredoc} for each, in order.
   */
  protected void onLogicalLine(String text) {}

  /** Makes the lines after the current one heredoc content, up to a line equal to terminator. */
  protected final void expectHeredoc(String terminator, boolean stripLeadingTabs) {
    heredocTerminators.add(terminator);
    heredocStripsTabs.add(stripLeadingTabs);
  }

  /** Sets the escape and line continuation character: a backslash or a backtick. */
  protected final void setEscapeCharacter(int character) {
    if (character != '\\' && character != '`') {
      throw new IllegalArgumentException("escape character must be \\ or `");
    }
    escapeCharacter = character;
  }

  public final int escapeCharacter() {
    return escapeCharacter;
  }

  @Override
  public Token nextToken() {
    Token token = super.nextToken();
    if (token.getType() == TEXT) {
      logicalLine.append(token.getText());
    } else if (token.getType() == EOF && instructionOpen) {
      // An instruction cut off by the end of the file still ends; a zero-length EOL says so, which
      // keeps the parser grammar LL(1).
      instructionOpen = false;
      logicalLine.setLength(0);
      int index = _input.index();
      return _factory.create(_tokenFactorySourcePair, EOL, "", Token.DEFAULT_CHANNEL, index, index - 1,
          getLine(), getCharPositionInLine());
    }
    return token;
  }

  private void startInstruction() {
    directivesOpen = false;
    instructionOpen = true;
    logicalLine.setLength(0);
  }

  /** A UTF-8 byte order mark is dropped at the start of the file; anywhere else it is text. */
  private void byteOrderMark() {
    if (_tokenStartCharIndex == 0) {
      skip();
    } else {
      startInstruction();
      setType(TEXT);
      mode(LINE);
    }
  }

  private void blankLine() {
    directivesOpen = false;
  }

  /** A comment line is a directive while directives are still open and it has the directive shape. */
  private void commentLine() {
    if (!directivesOpen) {
      return;
    }
    String[] directive = directiveIn(getText());
    if (directive == null) {
      directivesOpen = false;
      return;
    }
    setType(DIRECTIVE);
    onDirective(directive[0], directive[1], _tokenStartLine, _tokenStartCharPositionInLine + 1);
  }

  /**
   * An escape-like character followed only by spaces or tabs up to the line end: a continuation if
   * it is the escape character and not itself escaped by the character before it; otherwise text
   * that ends the logical line.
   */
  private void escapeAtLineEnd() {
    String text = getText();
    int previous = _tokenStartCharIndex == 0
        ? -1
        : _input.getText(org.antlr.v4.runtime.misc.Interval.of(_tokenStartCharIndex - 1, _tokenStartCharIndex - 1)).codePointAt(0);
    if (text.codePointAt(0) == escapeCharacter && previous != escapeCharacter) {
      setType(CONTINUATION);
      mode(CONTINUED);
      return;
    }
    setType(TEXT_EOL);
    logicalLine.append(withoutLineEnd(text));
    endOfLogicalLine();
  }

  private void endOfLogicalLine() {
    instructionOpen = false;
    onLogicalLine(logicalLine.toString());
    logicalLine.setLength(0);
    mode(heredocTerminators.isEmpty() ? DEFAULT_MODE : HEREDOC);
  }

  /** A heredoc content line, or the terminator of the heredoc being read. */
  private void heredocLine() {
    String line = withoutLineEnd(getText());
    if (heredocStripsTabs.peekFirst()) {
      int start = 0;
      while (start < line.length() && line.charAt(start) == '\t') {
        start++;
      }
      line = line.substring(start);
    }
    if (!line.equals(heredocTerminators.peekFirst())) {
      return;
    }
    setType(HEREDOC_END);
    heredocTerminators.removeFirst();
    heredocStripsTabs.removeFirst();
    if (heredocTerminators.isEmpty()) {
      mode(DEFAULT_MODE);
    }
  }

  /** The text without its trailing carriage returns and line feeds. */
  private static String withoutLineEnd(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  /**
   * The lower-case name and the value of a directive comment line, or null when the line is not a
   * directive: '#', then `name = value` where the name is a letter followed by letters and digits
   * and is one of syntax, escape or check. Spaces around the name, the '=' and the value are
   * dropped; a value made only of whitespace is its last character, as BuildKit's regular
   * expression (.+?)\s*$ decides.
   */
  private static String[] directiveIn(String commentLine) {
    String line = withoutLineEnd(commentLine);
    int position = 0;
    while (position < line.length() && isGoSpace(line.charAt(position))) {
      position++;
    }
    position++; // the '#'
    while (position < line.length() && isGoSpace(line.charAt(position))) {
      position++;
    }
    int nameStart = position;
    if (position >= line.length() || !isAsciiLetter(line.charAt(position))) {
      return null;
    }
    while (position < line.length() && (isAsciiLetter(line.charAt(position)) || isAsciiDigit(line.charAt(position)))) {
      position++;
    }
    String name = line.substring(nameStart, position).toLowerCase(java.util.Locale.ROOT);
    while (position < line.length() && isRegexSpace(line.charAt(position))) {
      position++;
    }
    if (position >= line.length() || line.charAt(position) != '=') {
      return null;
    }
    String afterEquals = line.substring(position + 1);
    if (afterEquals.isEmpty()) {
      return null;
    }
    int valueStart = 0;
    while (valueStart < afterEquals.length() && isRegexSpace(afterEquals.charAt(valueStart))) {
      valueStart++;
    }
    int valueEnd = afterEquals.length();
    while (valueEnd > valueStart && isRegexSpace(afterEquals.charAt(valueEnd - 1))) {
      valueEnd--;
    }
    String value = valueStart == valueEnd
        ? afterEquals.substring(afterEquals.length() - 1)
        : afterEquals.substring(valueStart, valueEnd);
    if (!name.equals("syntax") && !name.equals("escape") && !name.equals("check")) {
      return null;
    }
    return new String[] {name, value};
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The \s class of Go regular expressions. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  /** Go's unicode.IsSpace, which BuildKit uses to trim lines. */
  private static boolean isGoSpace(char c) {
    switch (c) {
      case ' ': case '\t': case '\n': case '\u000B': case '\f': case '\r': case '\u0085': case '\u00A0':
      case '\u1680': case '\u2028': case '\u2029': case '\u202F': case '\u205F': case '\u3000':
        return true;
      default:
        return c >= '\u2000' && c <= '\u200A';
    }
  }
}

// Go's unicode.IsSpace without the line feed, which always ends a line.
fragment SPACE : [ \t\u000B\f\r\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000] ;
fragment ESCAPE_LIKE : [\\`] ;
fragment TRAILING : [ \t]* '\r'* ( '\n' | EOF ) ;

// ---- Default mode: the start of a logical line. --------------------------------------------

BYTE_ORDER_MARK : '\uFEFF' { byteOrderMark(); } ;

// Whitespace-only lines; listed before INDENT so that trailing whitespace at the end of the file is
// a blank line too.
BLANK : ( SPACE* '\n' | SPACE+ EOF ) { blankLine(); } ;

// A comment line, or a parser directive while directives are still open.
COMMENT : SPACE* '#' ~'\n'* ( '\n' | EOF ) { commentLine(); } ;

// Leading whitespace of an instruction line is not part of the instruction.
INDENT : SPACE+ -> skip ;

START_ESCAPE_AT_END : ESCAPE_LIKE TRAILING { startInstruction(); escapeAtLineEnd(); } ;

START_ESCAPE : ESCAPE_LIKE { startInstruction(); setType(TEXT); mode(LINE); } ;

START_TEXT
  : ~[\\`\r\n#\uFEFF \t\u000B\f\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000] ~[\\`\r\n]*
    { startInstruction(); setType(TEXT); mode(LINE); }
  ;

// ---- Inside an instruction's line. ---------------------------------------------------------

mode LINE;

LINE_TEXT : ~[\\`\r\n]+ -> type(TEXT) ;

// Listed before LINE_CARRIAGE_RETURN: carriage returns at the end of the file end the line.
LINE_END : ( '\r'* '\n' | '\r'+ EOF ) { setType(EOL); endOfLogicalLine(); } ;

LINE_CARRIAGE_RETURN : '\r'+ -> type(TEXT) ;

// Listed before LINE_ESCAPE: an escape character right at the end of the file may continue.
LINE_ESCAPE_AT_END : ESCAPE_LIKE TRAILING { escapeAtLineEnd(); } ;

LINE_ESCAPE : ESCAPE_LIKE -> type(TEXT) ;

// ---- The start of a physical line inside a continuation. -----------------------------------

mode CONTINUED;

// Blank lines and comment lines inside a continuation are skipped (BuildKit warns about the former).
CONTINUED_BLANK : ( SPACE* '\n' | SPACE+ EOF ) -> type(FILLER) ;

CONTINUED_COMMENT : SPACE* '#' ~'\n'* ( '\n' | EOF ) -> type(FILLER) ;

// Unlike the first line, a continued line keeps its leading whitespace.
CONTINUED_SPACE : SPACE+ -> type(TEXT), mode(LINE) ;

CONTINUED_ESCAPE_AT_END : ESCAPE_LIKE TRAILING { escapeAtLineEnd(); } ;

CONTINUED_ESCAPE : ESCAPE_LIKE -> type(TEXT), mode(LINE) ;

CONTINUED_TEXT
  : ~[\\`\r\n# \t\u000B\f\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000] ~[\\`\r\n]*
    -> type(TEXT), mode(LINE)
  ;

// ---- Heredoc content, after a line that opened heredocs. -----------------------------------

mode HEREDOC;

HEREDOC_LINE : ( ~'\n'* '\n' | ~'\n'+ EOF ) { heredocLine(); } ;
