package dev.jbuild.core.tar;

import com.github.luben.zstd.ZstdOutputStream;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.digest.Digests.DigestingOutputStream;
import dev.jbuild.core.image.MediaTypes;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams entries into a gzip-compressed PAX tar, computing the diff_id (sha256 of the tar) and the
 * blob digest and size (sha256 and length of the gzip bytes) in the same single pass. Nothing is
 * held in memory beyond fixed-size buffers.
 *
 * <p>Entries are written in the caller's order; the caller sorts them (a directory before its
 * children, an {@link TarEntry.OpaqueWhiteout} right after its directory) so that the same tree
 * always gives the same bytes. Output is deterministic: gzip header with mtime 0 and OS "unknown",
 * empty user and group names, whole-second mtimes, xattrs sorted by name.
 *
 * <p>Tar records are formatted by commons-compress; gzip is {@link ParallelGzipOutputStream}, which
 * compresses large layers on all cores (pigz-style blocks) and small ones on the calling thread.
 * zstd ({@link #zstd}) is zstd-jni's stream with zstd's own worker threads.
 *
 * <p>Not thread-safe. The writer never closes the stream it writes to: the caller owns it.
 */
public final class LayerWriter implements Closeable {
  /** Go's and zlib's default level, which is what docker and BuildKit use. */
  public static final int DEFAULT_COMPRESSION_LEVEL = 6;

  private static final int BUFFER_SIZE = 128 * 1024;
  private static final int USTAR_NAME_LENGTH = 100;
  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  /** zstd's default level, which is BuildKit's for compression=zstd. */
  public static final int DEFAULT_ZSTD_LEVEL = 3;

  private final DigestingOutputStream compressed;
  private final ParallelGzipOutputStream gzip;
  private final ZstdOutputStream zstd;
  private final DigestingOutputStream uncompressed;
  private final BufferedOutputStream tarBuffer;
  private final TarArchiveOutputStream tar;
  private final byte[] copyBuffer = new byte[BUFFER_SIZE];
  private boolean finished;

  private LayerWriter(OutputStream target, boolean useZstd, int compressionLevel, int compressionThreads)
      throws IOException {
    compressed = Digests.digesting(new NonClosingOutputStream(target));
    if (useZstd) {
      gzip = null;
      zstd = new ZstdOutputStream(compressed, compressionLevel);
      // zstd's own worker threads; its output is the same for any number of workers from 1 up.
      zstd.setWorkers(Math.max(1, compressionThreads));
    } else {
      zstd = null;
      // Level 0 writes a plain tar (an uncompressed export); the two digests are then equal.
      gzip = compressionLevel == 0 ? null : new ParallelGzipOutputStream(compressed, compressionLevel, compressionThreads);
    }
    uncompressed = Digests.digesting(zstd != null ? zstd : gzip != null ? gzip : compressed);
    // commons-compress writes tar records of 512 bytes one by one; batch them before digesting
    // and deflating.
    tarBuffer = new BufferedOutputStream(uncompressed, BUFFER_SIZE);
    tar = new TarArchiveOutputStream(tarBuffer, StandardCharsets.UTF_8.name());
    // This class writes its own PAX headers (see PaxRecords); these modes make sure
    // commons-compress never adds a second one for the same entry.
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_TRUNCATE);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    tar.setAddPaxHeadersForNonAsciiNames(false);
  }

  /** A writer at {@link #DEFAULT_COMPRESSION_LEVEL}. */
  public static LayerWriter gzip(OutputStream target) throws IOException {
    return gzip(target, DEFAULT_COMPRESSION_LEVEL);
  }

  /** A writer with gzip level 1 (fastest) to 9 (smallest). */
  public static LayerWriter gzip(OutputStream target, int compressionLevel) throws IOException {
    if (compressionLevel < 1 || compressionLevel > 9) {
      throw new IllegalArgumentException("gzip level must be 1..9: " + compressionLevel);
    }
    return new LayerWriter(target, false, compressionLevel, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A writer of a zstd-compressed layer ({@code application/vnd.oci.image.layer.v1.tar+zstd}) at
   * level 1 (fastest) to 22 (smallest), compressed on every core.
   */
  public static LayerWriter zstd(OutputStream target, int compressionLevel) throws IOException {
    if (compressionLevel < 1 || compressionLevel > 22) {
      throw new IllegalArgumentException("zstd level must be 1..22: " + compressionLevel);
    }
    return new LayerWriter(target, true, compressionLevel, Runtime.getRuntime().availableProcessors());
  }

  /** A writer of a plain, uncompressed tar. */
  public static LayerWriter plain(OutputStream target) throws IOException {
    return new LayerWriter(target, false, 0, 1);
  }

  /** Writes an entry without content; regular files go through {@link #addFile}. */
  public void add(TarEntry entry) throws IOException {
    if (entry instanceof TarEntry.RegularFile file) {
      if (file.size() != 0) {
        throw new IllegalArgumentException("regular file with content needs addFile: " + file.path());
      }
      addFile(file, InputStream.nullInputStream());
      return;
    }
    requireOpen();
    requireCleanPath(entry.path(), entry);
    TarArchiveEntry header;
    if (entry instanceof TarEntry.Directory) {
      header = header(entry.path().isEmpty() ? "./" : entry.path() + "/", TarConstants.LF_DIR, entry.attributes());
    } else if (entry instanceof TarEntry.Symlink symlink) {
      header = header(entry.path(), TarConstants.LF_SYMLINK, entry.attributes());
      header.setLinkName(symlink.target());
    } else if (entry instanceof TarEntry.HardLink link) {
      requireCleanPath(link.target(), entry);
      header = header(entry.path(), TarConstants.LF_LINK, entry.attributes());
      header.setLinkName(link.target());
    } else if (entry instanceof TarEntry.Device device) {
      byte type = device.kind() == TarEntry.DeviceKind.CHARACTER ? TarConstants.LF_CHR : TarConstants.LF_BLK;
      header = header(entry.path(), type, entry.attributes());
      header.setDevMajor(device.major());
      header.setDevMinor(device.minor());
    } else if (entry instanceof TarEntry.Fifo) {
      header = header(entry.path(), TarConstants.LF_FIFO, entry.attributes());
    } else if (entry instanceof TarEntry.Whiteout) {
      header = header(Whiteouts.whiteoutName(entry.path()), TarConstants.LF_NORMAL, entry.attributes());
    } else if (entry instanceof TarEntry.OpaqueWhiteout) {
      header = header(Whiteouts.opaqueName(entry.path()), TarConstants.LF_NORMAL, entry.attributes());
    } else {
      throw new IllegalArgumentException("unknown entry type " + entry);
    }
    putEntry(header, entry.attributes());
    tar.closeArchiveEntry();
  }

  /** Writes a regular file whose content is read from {@code source} (never following a symlink). */
  public void addFile(TarEntry.RegularFile entry, Path source) throws IOException {
    try (InputStream content = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
      addFile(entry, content);
    } catch (FileChangedException e) {
      throw new IOException(source + " " + e.getMessage(), e);
    }
  }

  /**
   * Writes a regular file with exactly {@code entry.size()} bytes read from {@code content}, which
   * must end there; the caller closes {@code content}.
   */
  public void addFile(TarEntry.RegularFile entry, InputStream content) throws IOException {
    requireOpen();
    requireCleanPath(entry.path(), entry);
    TarArchiveEntry header = header(entry.path(), TarConstants.LF_NORMAL, entry.attributes());
    header.setSize(entry.size());
    putEntry(header, entry.attributes());
    long remaining = entry.size();
    while (remaining > 0) {
      int read = content.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, remaining));
      if (read < 0) {
        throw new FileChangedException("shrank while being written: expected " + entry.size() + " bytes");
      }
      tar.write(copyBuffer, 0, read);
      remaining -= read;
    }
    if (content.read() >= 0) {
      throw new FileChangedException("grew while being written: expected " + entry.size() + " bytes");
    }
    tar.closeArchiveEntry();
  }

  /**
   * Ends the tar and the gzip stream, flushes the target and returns what was written. The target
   * stays open.
   */
  public LayerBlob finish() throws IOException {
    requireOpen();
    finished = true;
    tar.finish();
    tarBuffer.flush();
    if (zstd != null) {
      zstd.close(); // ends the frame; closing stops at the non-closing wrapper around the target
      compressed.flush();
      return new LayerBlob(compressed.digest(), uncompressed.digest(), compressed.count(), MediaTypes.OCI_LAYER_ZSTD);
    }
    if (gzip == null) {
      uncompressed.flush();
      Digest digest = uncompressed.digest();
      return new LayerBlob(digest, digest, uncompressed.count(), MediaTypes.OCI_LAYER_TAR);
    }
    gzip.finish();
    compressed.flush();
    return new LayerBlob(compressed.digest(), uncompressed.digest(), compressed.count(), MediaTypes.OCI_LAYER_GZIP);
  }

  /** Stops the compressor's threads; without {@link #finish()} the written bytes are not a valid layer. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      if (gzip != null) {
        gzip.abandon();
      }
      if (zstd != null) {
        try {
          zstd.close(); // frees the native context; the bytes are not a valid layer anyway
        } catch (IOException e) {
          // nothing more to release
        }
      }
    }
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("layer writer already finished");
    }
  }

  private TarArchiveEntry header(String name, byte type, FileAttributes attributes) {
    TarArchiveEntry header = new TarArchiveEntry(name, type, true);
    header.setMode(attributes.mode());
    header.setUserId(attributes.uid());
    header.setGroupId(attributes.gid());
    header.setUserName("");
    header.setGroupName("");
    header.setModTime(Math.max(0, attributes.modificationTime().getEpochSecond()) * 1000L);
    return header;
  }

  /** Writes our own PAX header when the entry needs one, then the entry header. */
  private void putEntry(TarArchiveEntry header, FileAttributes attributes) throws IOException {
    Map<String, byte[]> records = new LinkedHashMap<>();
    String name = header.getName();
    if (needsPax(name)) {
      records.put("path", name.getBytes(StandardCharsets.UTF_8));
      header.setName(asciiPrefix(name));
    }
    String linkName = header.getLinkName();
    if (!linkName.isEmpty() && needsPax(linkName)) {
      records.put("linkpath", linkName.getBytes(StandardCharsets.UTF_8));
      header.setLinkName(asciiPrefix(linkName));
    }
    for (Xattr xattr : attributes.xattrs()) {
      records.put(XATTR_PREFIX + xattr.name(), xattr.value());
    }
    if (!records.isEmpty()) {
      byte[] data = PaxRecords.encode(records);
      TarArchiveEntry pax =
          new TarArchiveEntry(paxHeaderName(name), TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
      pax.setMode(0644);
      pax.setUserName("");
      pax.setGroupName("");
      pax.setModTime(Instant.EPOCH.toEpochMilli());
      pax.setSize(data.length);
      tar.putArchiveEntry(pax);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    tar.putArchiveEntry(header);
  }

  private static boolean needsPax(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length > USTAR_NAME_LENGTH - 1 || !isAscii(name);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** What old readers that ignore PAX see: an ASCII prefix of the real name. */
  private static String asciiPrefix(String name) {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < name.length() && prefix.length() < USTAR_NAME_LENGTH - 1; i++) {
      char c = name.charAt(i);
      prefix.append(c < 0x80 ? c : '_');
    }
    return prefix.toString();
  }

  private static String paxHeaderName(String name) {
    String base = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    base = base.substring(base.lastIndexOf('/') + 1);
    String header = "PaxHeaders.0/" + asciiPrefix(base);
    return header.length() > USTAR_NAME_LENGTH - 1 ? header.substring(0, USTAR_NAME_LENGTH - 1) : header;
  }

  private static void requireCleanPath(String path, TarEntry entry) {
    if (path.isEmpty()) {
      return;
    }
    for (String component : path.split("/", -1)) {
      if (component.isEmpty() || component.equals(".") || component.equals("..")) {
        throw new IllegalArgumentException("not a clean relative path in " + entry);
      }
    }
  }

  /** Shields the caller's stream from close(). */
  private static final class NonClosingOutputStream extends FilterOutputStream {
    NonClosingOutputStream(OutputStream target) {
      super(target);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** A source whose length differs from the size its entry declared. */
  private static final class FileChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    FileChangedException(String message) {
      super(message);
    }
  }
}
