package dev.jbuild.executor.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged view of overlay-form layers, against overlayfs's rules. */
class LayerStackTest {
  @TempDir
  Path directory;

  private Path layer(String name) throws IOException {
    return Files.createDirectories(directory.resolve(name));
  }

  private static void file(Path layer, String path, String content) throws IOException {
    Path file = layer.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void lookup_upperLayerWins_lowerFilesShowThrough() throws Exception {
    Path lower = layer("lower");
    Path upper = layer("upper");
    file(lower, "etc/a", "lower a");
    file(lower, "etc/b", "lower b");
    file(upper, "etc/a", "upper a");
    LayerStack stack = new LayerStack(List.of(upper, lower));

    assertThat(Files.readString(stack.lookup("/etc/a", true).orElseThrow().hostPath())).isEqualTo("upper a");
    assertThat(Files.readString(stack.lookup("/etc/b", true).orElseThrow().hostPath())).isEqualTo("lower b");
    assertThat(stack.list("/etc")).containsExactly("a", "b");
    assertThat(stack.lookup("/etc/nope", true)).isEmpty();
  }

  @Test
  void lookup_whiteoutAndOpaqueDirectory_hideLowerLayers() throws Exception {
    Path lower = layer("lower");
    Path upper = layer("upper");
    file(lower, "data/old", "old");
    file(lower, "gone", "gone");
    file(lower, "keep/x", "x");
    Files.createDirectories(upper.resolve("data"));
    OverlayForm.markOpaque(upper.resolve("data"));
    file(upper, "data/new", "new");
    OverlayForm.createWhiteout(upper.resolve("gone"));
    LayerStack stack = new LayerStack(List.of(upper, lower));

    assertThat(stack.lookup("/gone", true)).isEmpty();
    assertThat(stack.lookup("/data/old", true)).isEmpty();
    assertThat(stack.list("/data")).containsExactly("new");
    assertThat(stack.list("/")).containsExactly("data", "keep");
  }

  @Test
  void lookup_symlinkedParentInALowerLayer_isFollowedInsideTheStack() throws Exception {
    Path lower = layer("lower");
    Path upper = layer("upper");
    file(lower, "usr/bin/tool", "tool");
    Files.createSymbolicLink(lower.resolve("bin"), Path.of("usr/bin"));
    Files.createDirectories(upper.resolve("etc"));
    Files.createSymbolicLink(upper.resolve("etc/alias"), Path.of("/bin/tool"));
    LayerStack stack = new LayerStack(List.of(upper, lower));

    LayerStack.Entry tool = stack.lookup("/bin/tool", true).orElseThrow();
    assertThat(tool.imagePath()).isEqualTo("/usr/bin/tool");
    assertThat(stack.lookup("/etc/alias", true).orElseThrow().imagePath()).isEqualTo("/usr/bin/tool");
    assertThat(stack.lookup("/etc/alias", false).orElseThrow().isSymbolicLink()).isTrue();
    assertThat(stack.resolvePath("/bin/new-file", true)).isEqualTo("/usr/bin/new-file");
  }

  @Test
  void lookup_absoluteSymlinkToTheHost_staysInsideTheStack() throws Exception {
    Path only = layer("only");
    Files.createSymbolicLink(only.resolve("passwd"), Path.of("/etc/passwd"));
    LayerStack stack = new LayerStack(List.of(only));

    assertThat(stack.lookup("/passwd", true)).isEmpty();
    assertThat(stack.resolvePath("/passwd", true)).isEqualTo("/etc/passwd");
  }

  @Test
  void lookup_symlinkLoop_failsClearly() throws Exception {
    Path only = layer("only");
    Files.createSymbolicLink(only.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(only.resolve("b"), Path.of("a"));
    LayerStack stack = new LayerStack(List.of(only));

    assertThatThrownBy(() -> stack.lookup("/a", true)).isInstanceOf(IOException.class).hasMessageContaining("symbolic links");
  }

  @Test
  void lookup_noLayers_isAnEmptyRoot() throws Exception {
    LayerStack stack = new LayerStack(List.of());

    assertThat(stack.list("/")).isEmpty();
    assertThat(stack.lookup("/etc/passwd", true)).isEmpty();
    assertThat(stack.resolvePath("/app/x", true)).isEqualTo("/app/x");
  }
}
