package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void sanitize_colourAndCursorEscapes_areRemoved() {
    assertThat(TerminalText.sanitize("\u001B[1;31merror\u001B[0m \u001B[2Kdone\u001B7")).isEqualTo("error done");
    assertThat(TerminalText.sanitize("\u001B]0;title\u0007text\u001B]8;;http://x\u001B\\link")).isEqualTo("textlink");
  }

  @Test
  void sanitize_carriageReturns_keepWhatATerminalWouldShowLast() {
    assertThat(TerminalText.sanitize("10%\r50%\r100%")).isEqualTo("100%");
    assertThat(TerminalText.sanitize("windows line\r")).isEqualTo("windows line");
  }

  @Test
  void sanitize_tabsAndControlCharacters_becomeSpacesOrVanish() {
    assertThat(TerminalText.sanitize("a\tb\u0007c\u0000d\u009be")).isEqualTo("a    bcde");
  }

  @Test
  void singleLine_multiLineInstruction_isJoinedWithSpaces() {
    assertThat(TerminalText.singleLine("RUN <<EOF\n  echo hi\nEOF")).isEqualTo("RUN <<EOF echo hi EOF");
  }

  @Test
  void truncate_neverSplitsASurrogatePair() {
    assertThat(TerminalText.truncate("ab😀cd", 3)).isEqualTo("ab😀");
    assertThat(TerminalText.truncate("abc", 10)).isEqualTo("abc");
    assertThat(TerminalText.truncate("abc", 0)).isEmpty();
  }
}
