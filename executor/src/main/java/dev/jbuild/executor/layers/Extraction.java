package dev.jbuild.executor.layers;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.tar.FileAttributes;
import dev.jbuild.core.tar.LayerReader;
import dev.jbuild.core.tar.TarEntry;
import dev.jbuild.core.tar.Xattr;
import dev.jbuild.executor.linux.Linux;
import dev.jbuild.executor.linux.LinuxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One unpack of one layer into a fresh directory that only this extraction writes to. Not
 * thread-safe.
 */
final class Extraction {
  private static final int EPERM = 1;

  private final Path root;
  private final String layerName;
  private final byte[] buffer = new byte[128 * 1024];
  /** Directories whose mtime is set last, since creating their children changes it. */
  private final Map<Path, Instant> directoryTimes = new LinkedHashMap<>();
  /** Relative directory paths known to be real directories (not symlinks) in this extraction. */
  private final Set<String> verifiedDirectories = new HashSet<>();

  Extraction(Path root, String layerName) {
    this.root = root;
    this.layerName = layerName;
  }

  void run(LayerReader reader) throws IOException, LayerUnpackException, InterruptedException {
    Linux.changeMode(root, 0755);
    for (TarEntry entry; (entry = reader.next()) != null; ) {
      if (Thread.interrupted()) {
        throw new InterruptedException("unpacking layer " + layerName + " interrupted");
      }
      String path = cleanPath(entry.path(), entry.path());
      try {
        write(entry, path, reader);
      } catch (IOException e) {
        throw new LayerUnpackException(layerName, entry.path(), e.getMessage(), e);
      }
    }
    for (Map.Entry<Path, Instant> directory : directoryTimes.entrySet()) {
      Linux.setTimes(directory.getKey(), directory.getValue());
    }
  }

  private void write(TarEntry entry, String path, LayerReader reader) throws IOException, LayerUnpackException {
    if (path.isEmpty()) {
      writeRoot(entry);
      return;
    }
    Path file = resolveParentThenChild(path, entry.path());
    if (entry instanceof TarEntry.Directory directory) {
      if (!isDirectory(file)) {
        removeExisting(file);
        Files.createDirectory(file);
      }
      verifiedDirectories.add(path);
      applyAttributes(file, directory.attributes(), true);
      directoryTimes.put(file, directory.attributes().modificationTime());
    } else if (entry instanceof TarEntry.RegularFile regular) {
      removeExisting(file);
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        copy(reader.content(), out, regular.size());
      }
      applyAttributes(file, regular.attributes(), true);
      Linux.setTimes(file, regular.attributes().modificationTime());
    } else if (entry instanceof TarEntry.Symlink symlink) {
      removeExisting(file);
      Files.createSymbolicLink(file, file.getFileSystem().getPath(symlink.target()));
      applyAttributes(file, symlink.attributes(), false);
      Linux.setTimes(file, symlink.attributes().modificationTime());
    } else if (entry instanceof TarEntry.HardLink link) {
      String targetPath = cleanPath(link.target(), entry.path());
      Path target = resolveParentThenChild(targetPath, entry.path());
      BasicFileAttributes targetAttributes = attributesOrNull(target);
      if (targetAttributes == null || targetAttributes.isDirectory()) {
        throw new LayerUnpackException(
            layerName, entry.path(), "hard link target " + link.target() + " is not an earlier non-directory entry", null);
      }
      if (!target.equals(file)) {
        removeExisting(file);
        Files.createLink(file, target);
      }
    } else if (entry instanceof TarEntry.Device device) {
      removeExisting(file);
      int type = device.kind() == TarEntry.DeviceKind.CHARACTER ? Linux.S_IFCHR : Linux.S_IFBLK;
      Linux.makeNode(file, type, 0, device.major(), device.minor());
      applyAttributes(file, device.attributes(), true);
      Linux.setTimes(file, device.attributes().modificationTime());
    } else if (entry instanceof TarEntry.Fifo fifo) {
      removeExisting(file);
      Linux.makeNode(file, Linux.S_IFIFO, 0, 0, 0);
      applyAttributes(file, fifo.attributes(), true);
      Linux.setTimes(file, fifo.attributes().modificationTime());
    } else if (entry instanceof TarEntry.Whiteout whiteout) {
      removeExisting(file);
      OverlayForm.createWhiteout(file);
      Linux.changeOwner(file, whiteout.attributes().uid(), whiteout.attributes().gid());
      Linux.setTimes(file, whiteout.attributes().modificationTime());
    } else if (entry instanceof TarEntry.OpaqueWhiteout) {
      if (!isDirectory(file)) {
        removeExisting(file);
        Files.createDirectory(file);
        Linux.changeMode(file, 0755);
        verifiedDirectories.add(path);
      }
      OverlayForm.markOpaque(file);
    }
  }

  private void writeRoot(TarEntry entry) throws IOException, LayerUnpackException {
    if (entry instanceof TarEntry.Directory directory) {
      applyAttributes(root, directory.attributes(), true);
      directoryTimes.put(root, directory.attributes().modificationTime());
    } else if (entry instanceof TarEntry.OpaqueWhiteout) {
      OverlayForm.markOpaque(root);
    } else {
      throw new LayerUnpackException(layerName, entry.path(), "only a directory can be the layer root", null);
    }
  }

  /**
   * The entry's path without {@code .} and empty components; refuses absolute paths and {@code ..}
   * so nothing can be named outside the layer.
   */
  private String cleanPath(String path, String entryPath) throws LayerUnpackException {
    if (path.startsWith("/")) {
      throw new LayerUnpackException(layerName, entryPath, "absolute path " + path + " is not allowed in a layer", null);
    }
    StringBuilder clean = new StringBuilder();
    for (String component : path.split("/")) {
      if (component.equals("..")) {
        throw new LayerUnpackException(layerName, entryPath, "path " + path + " leaves the layer through '..'", null);
      }
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (clean.length() > 0) {
        clean.append('/');
      }
      clean.append(component);
    }
    return clean.toString();
  }

  /**
   * Resolves a clean relative path, making sure every parent is a real directory (created when
   * missing) and none is a symlink, which could lead outside the layer.
   */
  private Path resolveParentThenChild(String path, String entryPath) throws IOException, LayerUnpackException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      String parent = path.substring(0, slash);
      if (!verifiedDirectories.contains(parent)) {
        String[] components = parent.split("/");
        StringBuilder partial = new StringBuilder();
        for (String component : components) {
          if (partial.length() > 0) {
            partial.append('/');
          }
          partial.append(component);
          String relative = partial.toString();
          if (verifiedDirectories.contains(relative)) {
            continue;
          }
          Path directory = root.resolve(relative);
          BasicFileAttributes attributes = attributesOrNull(directory);
          if (attributes == null) {
            Files.createDirectory(directory);
            Linux.changeMode(directory, 0755);
          } else if (attributes.isSymbolicLink()) {
            throw new LayerUnpackException(
                layerName, entryPath, "path passes through symlink " + relative + " -> " + Files.readSymbolicLink(directory), null);
          } else if (!attributes.isDirectory()) {
            throw new LayerUnpackException(layerName, entryPath, "parent " + relative + " is not a directory", null);
          }
          verifiedDirectories.add(relative);
        }
      }
    }
    return root.resolve(path);
  }

  private void removeExisting(Path file) throws IOException {
    BasicFileAttributes attributes = attributesOrNull(file);
    if (attributes == null) {
      return;
    }
    if (attributes.isDirectory()) {
      CacheDirectory.deleteRecursively(file);
      verifiedDirectories.clear(); // cheap to rebuild, and no stale entry can survive
    } else {
      Files.delete(file);
    }
  }

  private void applyAttributes(Path file, FileAttributes attributes, boolean canChangeMode) throws IOException {
    // Order matters: chown clears setuid/setgid and security.capability, so mode and xattrs follow.
    Linux.changeOwner(file, attributes.uid(), attributes.gid());
    if (canChangeMode) {
      Linux.changeMode(file, attributes.mode());
    }
    for (Xattr xattr : attributes.xattrs()) {
      if (OverlayForm.isOverlayXattr(xattr.name())) {
        continue; // only this unpacker decides what is opaque or a whiteout
      }
      try {
        Linux.setXattr(file, xattr.name(), xattr.value());
      } catch (LinuxException e) {
        if (e.errno() != Linux.EOPNOTSUPP && e.errno() != EPERM) {
          throw e;
        }
        // As docker does: a file system without support for this xattr namespace is no reason to fail.
      }
    }
  }

  private void copy(InputStream in, OutputStream out, long size) throws IOException {
    long remaining = size;
    while (remaining > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (read < 0) {
        throw new IOException("content ends " + remaining + " bytes early");
      }
      out.write(buffer, 0, read);
      remaining -= read;
    }
  }

  private static boolean isDirectory(Path file) {
    return Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
  }

  private static BasicFileAttributes attributesOrNull(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
