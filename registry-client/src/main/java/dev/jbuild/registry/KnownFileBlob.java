package dev.jbuild.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A blob file whose digest is already known, sent to jib's upload as it is. jib's own file blob
 * hashes every byte while sending it, 8 KiB at a time; here the file is the content-addressed
 * copy a {@link BlobUpload} names (verified when it was written), and the registry checks the
 * digest of what it receives anyway (the upload's {@code PUT ?digest=} fails on a mismatch), so
 * the bytes go out unhashed, in 1 MiB writes (one HTTP chunk each). Retryable: each upload
 * attempt reads the file from the start.
 */
final class KnownFileBlob implements Blob {
  private static final int WRITE_SIZE = 1 << 20;

  private final Path file;
  private final long size;
  private final DescriptorDigest digest;

  KnownFileBlob(Path file, long size, DescriptorDigest digest) {
    this.file = file;
    this.size = size;
    this.digest = digest;
  }

  @Override
  public BlobDescriptor writeTo(OutputStream out) throws IOException {
    byte[] buffer = new byte[WRITE_SIZE];
    long sent = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int read; (read = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
        out.write(buffer, 0, read);
        sent += read;
      }
    }
    if (sent != size) {
      throw new IOException("blob file " + file + " has " + sent + " bytes, its descriptor says " + size);
    }
    return new BlobDescriptor(size, digest);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
