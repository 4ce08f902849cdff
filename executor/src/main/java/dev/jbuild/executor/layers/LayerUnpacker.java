package dev.jbuild.executor.layers;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.tar.LayerReader;
import dev.jbuild.core.tar.MalformedTarException;
import dev.jbuild.executor.linux.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Unpacks an OCI layer blob into a directory in overlayfs form, ready to be an overlay lower dir:
 * OCI whiteouts become 0/0 character devices and opaque markers become
 * {@code trusted.overlay.opaque=y}; owners, modes (setuid, setgid, sticky), mtimes, symlinks, hard
 * links, device nodes, fifos and xattrs are kept. Must run as root.
 *
 * <p>Entries that could write outside the target are refused: absolute paths, {@code ..}
 * components, and paths (or hard link targets) passing through a symlink, wherever it points;
 * overlay xattrs ({@code trusted.overlay.*}) in the archive are dropped. As in docker, xattrs the
 * target file system refuses (EOPNOTSUPP, EPERM) are skipped.
 *
 * <p>The layer is unpacked into a temporary sibling of the target, flushed to disk, and renamed
 * into place, so a target that exists is always complete. Thread-safe: concurrent unpacks of the
 * same layer to the same target both succeed, one of them doing the work.
 */
public final class LayerUnpacker {
  /**
   * Unpacks {@code blob} to {@code targetDirectory}, which must not exist yet; if it appears
   * meanwhile, someone else finished the same work and this call succeeds without touching it.
   *
   * @param layerName how errors name the layer, typically its diff_id
   */
  public void unpack(Path blob, Path targetDirectory, String layerName) throws LayerUnpackException, InterruptedException {
    if (Files.isDirectory(targetDirectory)) {
      return;
    }
    Path temporary =
        targetDirectory.resolveSibling("." + targetDirectory.getFileName() + ".unpacking-" + UUID.randomUUID());
    try {
      Files.createDirectories(targetDirectory.getParent());
      Files.createDirectory(temporary);
      try (InputStream in = Files.newInputStream(blob);
          LayerReader reader = LayerReader.open(in)) {
        new Extraction(temporary, layerName).run(reader);
      } catch (MalformedTarException e) {
        throw new LayerUnpackException(layerName, null, "not a valid layer tarball: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new LayerUnpackException(layerName, null, "reading " + blob + " failed: " + e.getMessage(), e);
      }
      Linux.syncFileSystem(temporary);
      moveIntoPlace(temporary, targetDirectory);
    } catch (IOException e) {
      throw new LayerUnpackException(layerName, null, "unpacking to " + targetDirectory + " failed: " + e.getMessage(), e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      if (!Files.isDirectory(target)) {
        throw e;
      }
      // Another unpack of the same layer won the race; its result is as good as ours.
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + temporary + " to " + target + " atomically", e);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      try {
        CacheDirectory.deleteRecursively(directory);
      } catch (IOException e) {
        // Left behind is only a temporary directory the store's cleanup will find by its name.
      }
    }
  }
}
