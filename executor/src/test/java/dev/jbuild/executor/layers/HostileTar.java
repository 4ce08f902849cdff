package dev.jbuild.executor.layers;

import dev.jbuild.core.tar.TarEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes plain ustar tarballs with the names a hostile layer would carry ({@code ..}, absolute
 * paths), which LayerWriter refuses to write: headers are formatted by hand.
 */
final class HostileTar {
  private HostileTar() {}

  static void write(Path blob, List<TarEntry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TarEntry entry : entries) {
      byte type;
      String linkName = "";
      int size = 0;
      if (entry instanceof TarEntry.Symlink symlink) {
        type = '2';
        linkName = symlink.target();
      } else if (entry instanceof TarEntry.HardLink link) {
        type = '1';
        linkName = link.target();
      } else if (entry instanceof TarEntry.Directory) {
        type = '5';
      } else {
        type = '0';
        size = 1;
      }
      out.writeBytes(header(entry.path(), entry.attributes().mode(), size, type, linkName));
      if (size > 0) {
        byte[] block = new byte[512];
        block[0] = 'x';
        out.writeBytes(block);
      }
    }
    out.writeBytes(new byte[1024]);
    Files.write(blob, out.toByteArray());
  }

  private static byte[] header(String name, int mode, int size, byte type, String linkName) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, String.format("%07o", mode));
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
    put(header, 136, String.format("%011o", 1_600_000_000L));
    header[156] = type;
    put(header, 157, linkName);
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[155] = ' ';
    return header;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
