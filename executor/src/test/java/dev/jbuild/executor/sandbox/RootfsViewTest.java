package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.executor.layers.OverlayForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsViewTest {
  @TempDir Path temp;

  private RootfsView view() throws IOException {
    return new RootfsView(Files.createDirectories(temp.resolve("state")));
  }

  private static List<String> list(Path root) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(path -> !path.equals(root)).forEach(path -> names.add(root.relativize(path).toString()));
    }
    names.sort(null);
    return names;
  }

  @Test
  void withMergedRoot_noLayers_emptyReadOnlyDirectory() throws Exception {
    List<String> names = view().withMergedRoot(List.of(), root -> {
      assertThatThrownBy(() -> Files.writeString(root.resolve("x"), "")).isInstanceOf(IOException.class);
      return list(root);
    });

    assertThat(names).isEmpty();
  }

  @Test
  void withMergedRoot_oneLayer_readOnlyBind() throws Exception {
    Path layer = Files.createDirectories(temp.resolve("layer/etc"));
    Files.writeString(layer.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");

    String passwd = view().withMergedRoot(List.of(temp.resolve("layer")), root -> {
      assertThatThrownBy(() -> Files.delete(root.resolve("etc/passwd"))).isInstanceOf(IOException.class);
      return Files.readString(root.resolve("etc/passwd"));
    });

    assertThat(passwd).startsWith("root:x:0:0");
    assertThat(layer.resolve("passwd")).exists();
  }

  @Test
  void withMergedRoot_severalLayers_whiteoutsOpaqueDirectoriesAndOrderApplied() throws Exception {
    Path bottom = Files.createDirectories(temp.resolve("bottom"));
    Files.createDirectories(bottom.resolve("data"));
    Files.writeString(bottom.resolve("data/old"), "old");
    Files.writeString(bottom.resolve("removed"), "gone");
    Files.writeString(bottom.resolve("shadowed"), "bottom");
    Path top = Files.createDirectories(temp.resolve("top"));
    Path data = Files.createDirectories(top.resolve("data"));
    OverlayForm.markOpaque(data);
    Files.writeString(data.resolve("new"), "new");
    OverlayForm.createWhiteout(top.resolve("removed"));
    Files.writeString(top.resolve("shadowed"), "top");

    List<String> seen = view().withMergedRoot(List.of(top, bottom), root -> {
      List<String> names = list(root);
      names.add(Files.readString(root.resolve("shadowed")));
      return names;
    });

    assertThat(seen).containsExactly("data", "data/new", "shadowed", "top");
    assertThat(HostState.mountsMentioning(temp.toString())).isEmpty();
  }

  @Test
  void withMergedRoot_functionThrows_exceptionPassedOnAndNothingLeftMounted() throws Exception {
    Path layer = Files.createDirectories(temp.resolve("layer"));

    assertThatThrownBy(() -> view().withMergedRoot(List.of(layer), root -> {
      throw new IOException("reading failed on purpose");
    })).isInstanceOf(IOException.class).hasMessage("reading failed on purpose");
    assertThat(HostState.mountsMentioning(temp.toString())).isEmpty();
    try (Stream<Path> runs = Files.list(temp.resolve("state/runs"))) {
      assertThat(runs).isEmpty();
    }
  }

  @Test
  void withMergedRoot_missingLayer_throwsSandboxException() {
    assertThatThrownBy(() -> view().withMergedRoot(List.of(temp.resolve("a"), temp.resolve("b")), root -> null))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("mounting a read-only view of 2 layers");
  }
}
