package dev.jbuild.registry;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageReference;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Fetches one blob into a file: streamed to a temporary sibling, checked against the
 * descriptor's digest and size, fsynced, renamed into place. A transfer that fails transiently
 * starts over (TODO: resume with a Range request). Thread-safe.
 */
final class BlobFetcher {
  private final Connections connections;
  private final Retries retries;
  private final Consumer<String> log;

  BlobFetcher(Connections connections, Retries retries, Consumer<String> log) {
    this.connections = connections;
    this.retries = retries;
    this.log = log;
  }

  void fetch(ResolvedImage image, Descriptor blob, Path destination, LongConsumer progress)
      throws RegistryException {
    if (Files.exists(destination)) {
      return;
    }
    ImageReference source = image.source();
    RepositoryConnection connection = connections.forPull(source.registry(), source.repository());
    Path temporary = destination.resolveSibling(
        "." + destination.getFileName() + ".partial-" + UUID.randomUUID());
    String attempted = "pull blob " + blob.digest() + " of " + image.requested().familiar();
    try {
      retries.run(attempted, () -> {
        download(connection, blob, temporary, progress);
        return null;
      });
      try {
        Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException fetchedMeanwhile) {
        // Another thread fetched the same blob; both copies have the same verified content.
      }
      log.accept("fetched " + blob.digest() + " (" + blob.size() + " bytes) from " + source.registry());
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, connection.endpoint(), attempted,
          cause -> new RegistryException("blob unknown: " + blob.digest() + " in "
              + source.registry() + "/" + source.repository() + " (" + image.requested().familiar() + ")",
              cause));
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void download(
      RepositoryConnection connection, Descriptor blob, Path temporary, LongConsumer progress)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    progress.accept(0);
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      Digests.DigestingOutputStream digesting =
          Digests.digesting(new CountingOutputStream(Channels.newOutputStream(channel), progress));
      connection.pullBlob(blob.digest(), digesting);
      digesting.flush();
      Digest received = digesting.digest();
      if (digesting.count() != blob.size() || !received.equals(blob.digest())) {
        throw new BlobMismatchException("blob " + blob.digest() + " (" + blob.size()
            + " bytes) arrived as " + received + " (" + digesting.count() + " bytes)");
      }
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temporary file is harmless: its name is never a destination.
    }
  }

  /**
   * Passes bytes on and reports the running total. Closing it only flushes: jib closes the
   * stream it writes to, and the channel must stay open to be fsynced.
   */
  private static final class CountingOutputStream extends FilterOutputStream {
    private final LongConsumer progress;
    private long count;

    CountingOutputStream(OutputStream target, LongConsumer progress) {
      super(target);
      this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      progress.accept(++count);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
      progress.accept(count);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** The bytes received are not the blob asked for; not retried. */
  static final class BlobMismatchException extends com.google.cloud.tools.jib.api.RegistryException {
    BlobMismatchException(String message) {
      super(message);
    }
  }
}
