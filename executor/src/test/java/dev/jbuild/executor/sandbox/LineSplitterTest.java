package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  private final List<String> lines = new ArrayList<>();
  private final LineSplitter splitter = new LineSplitter(lines::add);

  private void feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    splitter.accept(bytes, bytes.length);
  }

  @Test
  void accept_linesAcrossChunks_joined() {
    feed("first li");
    feed("ne\r\nsecond\n\nthird");
    splitter.finish();

    assertThat(lines).containsExactly("first line", "second", "", "third");
  }

  @Test
  void accept_multiByteCharacterSplitAcrossChunks_decodedWhole() {
    byte[] bytes = "grüße\n".getBytes(StandardCharsets.UTF_8);
    splitter.accept(bytes, 3);
    byte[] rest = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
    splitter.accept(rest, rest.length);

    assertThat(lines).containsExactly("grüße");
  }

  @Test
  void accept_endlessLine_cutIntoBoundedPieces() {
    feed("y".repeat(LineSplitter.MAX_LINE * 2 + 10));
    splitter.finish();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).hasSize(LineSplitter.MAX_LINE);
    assertThat(lines.get(2)).hasSize(10);
  }

  @Test
  void finish_nothingPending_emitsNothing() {
    feed("done\n");
    splitter.finish();

    assertThat(lines).containsExactly("done");
  }
}
