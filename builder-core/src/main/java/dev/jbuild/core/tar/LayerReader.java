package dev.jbuild.core.tar;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Reads the entries of a layer blob. The compression (gzip, zstd, bzip2, xz or none) is detected
 * from the first bytes, whatever the media type claims, and undone by commons-compress.
 *
 * <p>The tar structure (ustar, PAX with binary xattr values, GNU long names, base-256 numbers) is
 * parsed here rather than by commons-compress because the latter decodes PAX values as UTF-8 and
 * so corrupts binary xattrs such as {@code security.capability} (see {@link PaxRecords}).
 * OCI whiteout files come out as {@link TarEntry.Whiteout} and {@link TarEntry.OpaqueWhiteout}; AUFS
 * bookkeeping files ({@code .wh..wh.*}) are skipped as docker does. Sparse files are refused.
 *
 * <p>Not thread-safe. Closing the reader closes the blob stream.
 */
public final class LayerReader implements Closeable {
  private static final int BLOCK = 512;
  private static final int MAX_EXTENDED_HEADER = 1 << 20;

  private final InputStream tar;
  private final String compression;
  private final byte[] header = new byte[BLOCK];
  private final Map<String, byte[]> globalRecords = new HashMap<>();
  private long remainingContent;
  private long remainingPadding;
  private long entryCount;

  private LayerReader(InputStream tar, String compression) {
    this.tar = tar;
    this.compression = compression;
  }

  /** Opens {@code blob}, which the reader owns from now on. */
  public static LayerReader open(InputStream blob) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(blob, 64 * 1024);
    buffered.mark(8);
    byte[] magic = buffered.readNBytes(6);
    buffered.reset();
    String compression = detect(magic);
    InputStream tar =
        switch (compression) {
          case "gzip" -> new GzipCompressorInputStream(buffered, true);
          case "zstd" -> new ZstdCompressorInputStream(buffered);
          case "bzip2" -> new BZip2CompressorInputStream(buffered, true);
          case "xz" -> new XZCompressorInputStream(buffered, true);
          default -> buffered;
        };
    return new LayerReader(tar, compression);
  }

  /** "gzip", "zstd", "bzip2", "xz" or "none". */
  public String compression() {
    return compression;
  }

  /**
   * The next entry, or {@code null} after the last one. Any unread content of the previous entry
   * is skipped.
   */
  public TarEntry next() throws IOException {
    skipRest();
    Map<String, byte[]> records = new HashMap<>();
    String longName = null;
    String longLinkName = null;
    while (true) {
      if (!readHeader()) {
        return null;
      }
      entryCount++;
      byte type = header[156];
      long size = number(124, 12);
      switch (type) {
        case 'x' -> records.putAll(PaxRecords.decode(readExtended(size)));
        case 'g' -> globalRecords.putAll(PaxRecords.decode(readExtended(size)));
        case 'L' -> longName = cString(readExtended(size), 0, (int) size);
        case 'K' -> longLinkName = cString(readExtended(size), 0, (int) size);
        case 'V' -> skip(padded(size)); // a volume label carries no file
        default -> {
          Map<String, byte[]> effective = new HashMap<>(globalRecords);
          effective.putAll(records);
          TarEntry entry = entry(type, size, effective, longName, longLinkName);
          if (entry != null) {
            return entry;
          }
          skipRest();
          records.clear();
          longName = null;
          longLinkName = null;
        }
      }
    }
  }

  /**
   * The content of the current entry if it is a {@link TarEntry.RegularFile}, empty otherwise.
   * Reading past the entry's size is not possible; closing the returned stream does nothing.
   */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remainingContent == 0) {
          return -1;
        }
        int read = tar.read(buffer, offset, (int) Math.min(length, remainingContent));
        if (read < 0) {
          throw new EOFException("layer ends inside an entry's content");
        }
        remainingContent -= read;
        return read;
      }
    };
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }

  private TarEntry entry(byte type, long headerSize, Map<String, byte[]> records, String longName, String longLinkName)
      throws IOException {
    String name = text(records, "path");
    if (name == null) {
      name = longName != null ? longName : ustarName();
    }
    String linkName = text(records, "linkpath");
    if (linkName == null) {
      linkName = longLinkName != null ? longLinkName : cString(header, 157, 100);
    }
    long size = records.containsKey("size") ? decimal(records, "size") : headerSize;
    boolean headerOnly = type != '0' && type != '\0' && type != '7';
    if (type == '\0' && name.endsWith("/")) {
      headerOnly = true; // pre-POSIX tars mark directories by a trailing slash only
      type = '5';
    }
    remainingContent = headerOnly ? 0 : size;
    remainingPadding = headerOnly ? 0 : padded(size) - size;
    if (records.keySet().stream().anyMatch(key -> key.startsWith("GNU.sparse.")) || type == 'S') {
      throw new MalformedTarException("sparse files are not supported in layers: " + name);
    }
    FileAttributes attributes = attributes(records);
    String path = normalise(name);
    String base = Whiteouts.baseName(path);
    if (base.startsWith(Whiteouts.PREFIX)) {
      if (base.equals(Whiteouts.OPAQUE)) {
        return new TarEntry.OpaqueWhiteout(Whiteouts.parent(path), attributes);
      }
      if (base.startsWith(Whiteouts.META_PREFIX)) {
        return null;
      }
      String parent = Whiteouts.parent(path);
      String removed = base.substring(Whiteouts.PREFIX.length());
      if (removed.isEmpty()) {
        throw new MalformedTarException("whiteout without a name: " + name);
      }
      return new TarEntry.Whiteout(parent.isEmpty() ? removed : parent + "/" + removed, attributes);
    }
    return switch (type) {
      case '0', '\0', '7' -> new TarEntry.RegularFile(requireNonRoot(path, name), attributes, size);
      case '1' -> new TarEntry.HardLink(requireNonRoot(path, name), attributes, requireNonRoot(normalise(linkName), name));
      case '2' -> new TarEntry.Symlink(requireNonRoot(path, name), attributes, linkName);
      case '3', '4' -> new TarEntry.Device(
          requireNonRoot(path, name),
          attributes,
          type == '3' ? TarEntry.DeviceKind.CHARACTER : TarEntry.DeviceKind.BLOCK,
          (int) number(329, 8),
          (int) number(337, 8));
      case '5' -> new TarEntry.Directory(path, attributes);
      case '6' -> new TarEntry.Fifo(requireNonRoot(path, name), attributes);
      default -> throw new MalformedTarException(
          "unsupported tar entry type '" + (char) type + "' for " + name);
    };
  }

  private FileAttributes attributes(Map<String, byte[]> records) throws MalformedTarException {
    int mode = (int) (number(100, 8) & FileAttributes.PERMISSION_MASK);
    long uid = records.containsKey("uid") ? decimal(records, "uid") : number(108, 8);
    long gid = records.containsKey("gid") ? decimal(records, "gid") : number(116, 8);
    long mtime = records.containsKey("mtime") ? seconds(records, "mtime") : number(136, 12);
    if (uid < 0 || gid < 0 || uid > Integer.MAX_VALUE || gid > Integer.MAX_VALUE) {
      throw new MalformedTarException("uid or gid out of range: " + uid + ":" + gid);
    }
    List<Xattr> xattrs = new ArrayList<>();
    for (Map.Entry<String, byte[]> record : records.entrySet()) {
      String key = record.getKey();
      if (key.startsWith("SCHILY.xattr.")) {
        xattrs.add(new Xattr(key.substring("SCHILY.xattr.".length()), record.getValue()));
      } else if (key.startsWith("LIBARCHIVE.xattr.")) {
        String xattrName = URLDecoder.decode(key.substring("LIBARCHIVE.xattr.".length()), StandardCharsets.UTF_8);
        if (records.containsKey("SCHILY.xattr." + xattrName)) {
          continue;
        }
        try {
          xattrs.add(new Xattr(xattrName, Base64.getDecoder().decode(record.getValue())));
        } catch (IllegalArgumentException e) {
          throw new MalformedTarException("bad LIBARCHIVE.xattr value for " + xattrName);
        }
      }
    }
    return new FileAttributes(mode, (int) uid, (int) gid, Instant.ofEpochSecond(mtime), xattrs);
  }

  /** Reads the next header block; false at the end of the archive. */
  private boolean readHeader() throws IOException {
    int read = tar.readNBytes(header, 0, BLOCK);
    if (read == 0) {
      return false; // some writers omit the end-of-archive blocks
    }
    if (read < BLOCK) {
      throw new MalformedTarException("layer ends inside a tar header");
    }
    boolean zero = true;
    for (byte b : header) {
      if (b != 0) {
        zero = false;
        break;
      }
    }
    if (zero) {
      return false;
    }
    long stored = number(148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = (i >= 148 && i < 156) ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw new MalformedTarException("bad tar header checksum after entry " + entryCount);
    }
    return true;
  }

  private byte[] readExtended(long size) throws IOException {
    if (size < 0 || size > MAX_EXTENDED_HEADER) {
      throw new MalformedTarException("extended header too large: " + size + " bytes");
    }
    byte[] data = tar.readNBytes((int) size);
    if (data.length < size) {
      throw new MalformedTarException("layer ends inside an extended header");
    }
    skip(padded(size) - size);
    return data;
  }

  private void skipRest() throws IOException {
    skip(remainingContent + remainingPadding);
    remainingContent = 0;
    remainingPadding = 0;
  }

  private void skip(long count) throws IOException {
    long left = count;
    while (left > 0) {
      long skipped = tar.skip(left);
      if (skipped <= 0) {
        if (tar.read() < 0) {
          throw new MalformedTarException("layer ends inside an entry's content");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private String ustarName() {
    String name = cString(header, 0, 100);
    boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
        && header[261] == 'r' && header[262] == 0;
    if (ustar) {
      String prefix = cString(header, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  /** Parses an octal or base-256 numeric header field. */
  private long number(int offset, int length) throws MalformedTarException {
    if ((header[offset] & 0x80) != 0) {
      boolean negative = (header[offset] & 0x40) != 0;
      long value = negative ? -1 : 0;
      for (int i = 0; i < length; i++) {
        int b = header[offset + i] & 0xff;
        if (i == 0) {
          b &= 0x7f;
          if (negative) {
            b |= 0x80;
          }
        }
        value = (value << 8) | b;
      }
      return value;
    }
    long value = 0;
    int end = offset + length;
    int i = offset;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
      if (header[i] < '0' || header[i] > '7') {
        throw new MalformedTarException("bad octal number in tar header after entry " + entryCount);
      }
      value = value * 8 + (header[i] - '0');
    }
    return value;
  }

  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String text(Map<String, byte[]> records, String key) {
    byte[] value = records.get(key);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private static long decimal(Map<String, byte[]> records, String key) throws MalformedTarException {
    try {
      return Long.parseLong(text(records, key));
    } catch (NumberFormatException e) {
      throw new MalformedTarException("bad PAX " + key + " value: " + text(records, key));
    }
  }

  private static long seconds(Map<String, byte[]> records, String key) throws MalformedTarException {
    String value = text(records, key);
    try {
      return new BigDecimal(value).setScale(0, RoundingMode.FLOOR).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new MalformedTarException("bad PAX " + key + " value: " + value);
    }
  }

  /** Drops leading {@code ./} and trailing slashes; anything else is left for the consumer to judge. */
  private static String normalise(String name) {
    String path = name;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    if (path.equals(".")) {
      path = "";
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  private static String requireNonRoot(String path, String name) throws MalformedTarException {
    if (path.isEmpty()) {
      throw new MalformedTarException("entry " + name + " names the layer root but is not a directory");
    }
    return path;
  }

  private static String detect(byte[] magic) {
    if (startsWith(magic, 0x1f, 0x8b)) {
      return "gzip";
    }
    if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
      return "zstd";
    }
    if (startsWith(magic, 'B', 'Z', 'h')) {
      return "bzip2";
    }
    if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return "xz";
    }
    return "none";
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
