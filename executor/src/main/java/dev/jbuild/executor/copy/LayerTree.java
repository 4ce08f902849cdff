package dev.jbuild.executor.copy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.jbuild.executor.layers.LayerStack;
import java.util.function.Predicate;

/**
 * A layer being written as a directory tree in overlayfs form: {@code root} stands for the
 * image's {@code /}. Paths given to it are absolute image paths. Not thread-safe.
 */
public final class LayerTree {
  /** Metadata of directories the stage already has, by image path: parents copy their shape. */
  public interface ExistingDirectories {
    java.util.Optional<FileMetadataView> lookup(String imagePath) throws IOException;
  }

  /** Public view of an existing directory's owner, mode and mtime. */
  public record FileMetadataView(int permissions, int uid, int gid, FileTime modified) {}

  private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

  private final Path root;
  private final ExistingDirectories existing;
  /** Source inodes with several links already copied, to where: later links become hard links. */
  private final java.util.Map<Object, Path> copiedInodes = new java.util.HashMap<>();

  public LayerTree(Path root, ExistingDirectories existing) {
    this.root = root;
    this.existing = existing;
  }

  public Path root() {
    return root;
  }

  /** The host path of an image path inside this layer. */
  public Path hostPath(String imagePath) {
    Path path = root;
    for (String part : imagePath.split("/")) {
      if (!part.isEmpty()) {
        path = path.resolve(part);
      }
    }
    return path;
  }

  /**
   * Creates the directory {@code imagePath} and its missing parents in the layer. A directory the
   * stage already has keeps its owner, mode and mtime (as an overlay copy-up would); a new one is
   * 0755, owned by {@code owner} when it is {@code imagePath} itself and by root otherwise.
   */
  public Path directory(String imagePath, Ownership owner) throws IOException {
    List<String> chain = new ArrayList<>();
    String current = "";
    for (String part : imagePath.split("/")) {
      if (!part.isEmpty()) {
        current = current + "/" + part;
        chain.add(current);
      }
    }
    for (int i = 0; i < chain.size(); i++) {
      String path = chain.get(i);
      Path host = hostPath(path);
      if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Files.createDirectory(host);
      java.util.Optional<FileMetadataView> shape = existing.lookup(path);
      FileMetadata metadata;
      if (shape.isPresent()) {
        FileMetadataView view = shape.get();
        metadata = new FileMetadata(FileMetadata.DIRECTORY | view.permissions(), view.uid(), view.gid(), view.modified());
      } else {
        Ownership dirOwner = i == chain.size() - 1 ? owner : Ownership.ROOT;
        metadata = new FileMetadata(FileMetadata.DIRECTORY | 0755, dirOwner.uid(), dirOwner.gid(), EPOCH);
      }
      metadata.applyTo(host);
    }
    return hostPath(imagePath);
  }

  /** Options of one copy: ownership and permissions overrides (null keeps the source's) and a filter. */
  public record CopyOptions(Ownership owner, Integer permissions, Predicate<Path> skip, boolean linkLayerFiles) {
    public CopyOptions(Ownership owner, Integer permissions, Predicate<Path> skip) {
      this(owner, permissions, skip, false);
    }

    public static CopyOptions of(Ownership owner, Integer permissions) {
      return new CopyOptions(owner, permissions, path -> false);
    }

    /**
     * Files of cached layers that keep their owner and mode become hard links instead of copies:
     * only for a destination that is itself a cached layer, never for an export a user may edit.
     */
    public CopyOptions linkingLayerFiles() {
      return new CopyOptions(owner, permissions, skip, true);
    }
  }

  /**
   * Copies {@code source} (a file, symlink or directory tree on the host) to {@code target}, a
   * host path inside this layer whose parent exists. Directories are merged into an existing
   * directory at the target.
   */
  public void copy(Path source, Path target, CopyOptions options) throws IOException {
    FileMetadata metadata = adjust(FileMetadata.read(source), options);
    if (Files.isSymbolicLink(source)) {
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, Files.readSymbolicLink(source));
      metadata.applyTo(target);
    } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(target);
        Files.createDirectory(target);
      }
      copyChildren(source, target, options);
      metadata.applyTo(target);
    } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      // Hard links among the copied files stay hard links (an extracted busybox has hundreds).
      Object inode = Files.getAttribute(source, "unix:nlink", LinkOption.NOFOLLOW_LINKS).equals(1)
          ? null
          : Files.getAttribute(source, "unix:dev", LinkOption.NOFOLLOW_LINKS) + ":"
              + Files.getAttribute(source, "unix:ino", LinkOption.NOFOLLOW_LINKS);
      Path linked = inode == null ? null : copiedInodes.get(inode);
      if (linked != null) {
        Files.deleteIfExists(target);
        Files.createLink(target, linked);
        return;
      }
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
      metadata.applyTo(target);
      if (inode != null) {
        copiedInodes.put(inode, target);
      }
    }
    // Sockets, fifos and devices in a build context are skipped, as docker's context upload does.
  }

  /**
   * Copies an entry of a merged layer stack (a directory tree merged across layers, or a file or
   * symlink) to {@code target}; {@code skip} sees paths relative to the copied entry.
   */
  public void copyMerged(LayerStack stack, LayerStack.Entry source, Path target, CopyOptions options,
      Predicate<String> skip) throws IOException {
    if (!source.isDirectory()) {
      copyFromLayer(source.hostPath(), target, options);
      return;
    }
    copyMergedDirectory(stack, source, target, options, skip, "");
  }

  /** Copies the merged children of directory {@code source} into directory {@code target}. */
  public void copyMergedChildren(LayerStack stack, LayerStack.Entry source, Path target, CopyOptions options,
      Predicate<String> skip) throws IOException {
    copyMergedContents(stack, source, target, options, skip, "");
  }

  private void copyMergedDirectory(LayerStack stack, LayerStack.Entry source, Path target, CopyOptions options,
      Predicate<String> skip, String relative) throws IOException {
    FileMetadata metadata = adjust(FileMetadata.read(source.hostPath()), options);
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(target);
      Files.createDirectory(target);
    }
    copyMergedContents(stack, source, target, options, skip, relative);
    metadata.applyTo(target);
  }

  private void copyMergedContents(LayerStack stack, LayerStack.Entry source, Path target, CopyOptions options,
      Predicate<String> skip, String relative) throws IOException {
    for (LayerStack.Entry child : stack.children(source)) {
      String name = child.hostPath().getFileName().toString();
      String childRelative = relative.isEmpty() ? name : relative + "/" + name;
      if (skip.test(childRelative)) {
        continue;
      }
      if (child.isDirectory()) {
        copyMergedDirectory(stack, child, target.resolve(name), options, skip, childRelative);
      } else {
        copyFromLayer(child.hostPath(), target.resolve(name), options);
      }
    }
  }

  /**
   * A file of a cached layer: hard-linked when it keeps its owner and mode (cached layers never
   * change, and the layer being written only adds a name for the same content), copied otherwise.
   */
  private void copyFromLayer(Path source, Path target, CopyOptions options) throws IOException {
    if (options.linkLayerFiles() && options.owner() == null && options.permissions() == null
        && Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(target);
      Files.createLink(target, source);
      return;
    }
    copy(source, target, options);
  }

  /** Copies the entries of directory {@code source} into directory {@code target}. */
  public void copyChildren(Path source, Path target, CopyOptions options) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(source)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    for (Path child : children) {
      if (!options.skip().test(child)) {
        copy(child, target.resolve(child.getFileName().toString()), options);
      }
    }
  }

  /** Writes a new regular file (a heredoc or a download) with the given metadata. */
  public void writeFile(Path target, byte[] content, Ownership owner, int permissions, FileTime modified)
      throws IOException {
    Files.write(target, content);
    new FileMetadata(0100000 | permissions, owner.uid(), owner.gid(), modified).applyTo(target);
  }

  private static FileMetadata adjust(FileMetadata metadata, CopyOptions options) {
    FileMetadata adjusted = metadata;
    if (options.owner() != null) {
      adjusted = adjusted.withOwner(options.owner().uid(), options.owner().gid());
    }
    if (options.permissions() != null && (metadata.mode() & FileMetadata.TYPE_MASK) != FileMetadata.SYMLINK) {
      adjusted = adjusted.withPermissions(options.permissions());
    }
    return adjusted;
  }

  /** Reads a host directory's shape for {@link ExistingDirectories}, or empty when absent. */
  public static java.util.Optional<FileMetadataView> shapeOf(Path hostDirectory) throws IOException {
    if (!Files.isDirectory(hostDirectory, LinkOption.NOFOLLOW_LINKS)) {
      return java.util.Optional.empty();
    }
    Map<String, Object> attributes = Files.readAttributes(hostDirectory, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    return java.util.Optional.of(new FileMetadataView(((Integer) attributes.get("mode")) & 07777,
        (Integer) attributes.get("uid"), (Integer) attributes.get("gid"), (FileTime) attributes.get("lastModifiedTime")));
  }
}
