package dev.jbuild.executor.layers;

import dev.jbuild.core.tar.LayerBlob;
import dev.jbuild.core.tar.LayerReader;
import dev.jbuild.core.tar.LayerWriter;
import dev.jbuild.core.tar.TarEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writing and reading layer blobs in tests. */
final class Layers {
  private Layers() {}

  /** Writes {@code entries} to {@code blob}; regular files get {@code contents.get(path)} or "x" repeated. */
  static LayerBlob write(Path blob, List<TarEntry> entries, Map<String, String> contents) throws IOException {
    try (OutputStream out = Files.newOutputStream(blob);
        LayerWriter writer = LayerWriter.gzip(out)) {
      for (TarEntry entry : entries) {
        if (entry instanceof TarEntry.RegularFile file) {
          byte[] content = contents.getOrDefault(file.path(), "x".repeat((int) file.size())).getBytes(StandardCharsets.UTF_8);
          writer.addFile(new TarEntry.RegularFile(file.path(), file.attributes(), content.length), new ByteArrayInputStream(content));
        } else {
          writer.add(entry);
        }
      }
      return writer.finish();
    }
  }

  static List<TarEntry> read(Path blob) throws IOException {
    List<TarEntry> entries = new ArrayList<>();
    try (LayerReader reader = LayerReader.open(Files.newInputStream(blob))) {
      for (TarEntry entry; (entry = reader.next()) != null; ) {
        entries.add(entry);
      }
    }
    return entries;
  }
}
