package dev.jbuild.core.digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Static helpers for sha256 digests of streams and files. */
public final class Digests {
  private Digests() {}

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Reads {@code file} once and returns its sha256. */
  public static Digest ofFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ofStream(in);
    }
  }

  /** Reads {@code in} to its end (without closing it) and returns its sha256. */
  public static Digest ofStream(InputStream in) throws IOException {
    MessageDigest sha = newSha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      sha.update(buffer, 0, n);
    }
    return Digest.sha256(sha.digest());
  }

  /**
   * An output stream that digests and counts every byte on its way to {@code target}. Closing it
   * closes the target.
   */
  public static DigestingOutputStream digesting(OutputStream target) {
    return new DigestingOutputStream(target);
  }

  /** See {@link Digests#digesting}. Not thread-safe. */
  public static final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha = newSha256();
    private long count;

    private DigestingOutputStream(OutputStream target) {
      super(target);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sha.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
      count += len;
    }

    /** The digest of everything written so far; call once, after the last write. */
    public Digest digest() {
      return Digest.sha256(sha.digest());
    }

    public long count() {
      return count;
    }
  }
}
