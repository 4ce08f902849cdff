package dev.jbuild.core.tar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognising archives the way docker's ADD does: by content, never by file name. */
public final class Archives {
  private Archives() {}

  /**
   * True when {@code file} is a tar archive, plain or compressed with gzip, bzip2, xz or zstd:
   * its first entry reads as a valid tar header after decompression.
   */
  public static boolean isArchive(Path file) throws IOException {
    try (LayerReader reader = LayerReader.open(Files.newInputStream(file))) {
      return reader.next() != null;
    } catch (MalformedTarException | java.io.EOFException e) {
      return false;
    } catch (IOException e) {
      if (Files.isReadable(file)) {
        // A decompressor refusing the bytes means "not an archive", as for docker.
        return false;
      }
      throw e;
    }
  }
}
