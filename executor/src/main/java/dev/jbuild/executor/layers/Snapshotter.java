package dev.jbuild.executor.layers;

import dev.jbuild.core.tar.FileAttributes;
import dev.jbuild.core.tar.LayerBlob;
import dev.jbuild.core.tar.LayerWriter;
import dev.jbuild.core.tar.TarEntry;
import dev.jbuild.core.tar.Xattr;
import dev.jbuild.executor.linux.Linux;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a directory in overlayfs form (typically the upper dir of a RUN step) into an OCI layer:
 * whiteouts (0/0 character devices) become {@code .wh.<name>} entries, opaque directories get a
 * {@code .wh..wh..opq} entry right after their own, hard links within the directory stay hard
 * links, xattrs are kept except overlayfs's own and {@code security.selinux} (the host's labelling,
 * which docker does not put in layers either), sockets are left out (tar cannot hold them).
 * Entries are sorted by path, so the same tree always gives the same layer. The cost follows the
 * size of the directory, which for an upper dir is what the step changed.
 *
 * <p>Stateless and thread-safe. The directory must not change while it is being snapshotted.
 */
public final class Snapshotter {
  private static final int FILE_TYPE_MASK = 0170000;
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR = 0100000;
  private static final int SYMLINK = 0120000;
  private static final int SOCKET = 0140000;
  private static final String ATTRIBUTES = "unix:mode,uid,gid,ino,dev,nlink,rdev,size,lastModifiedTime";

  /**
   * Writes the layer for {@code layerDirectory} to {@code blobFile} (created or truncated, then
   * flushed to disk), or writes nothing and returns empty when the directory holds nothing but
   * skipped paths: an empty RUN gives no layer.
   */
  public Optional<LayerBlob> snapshot(Path layerDirectory, Path blobFile, SnapshotOptions options) throws IOException {
    List<PendingEntry> entries = new ArrayList<>();
    Walk walk = new Walk(options, entries);
    if (OverlayForm.isOpaque(layerDirectory)) {
      Map<String, Object> rootAttributes = Files.readAttributes(layerDirectory, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      entries.add(new PendingEntry(new TarEntry.OpaqueWhiteout("", walk.attributes(layerDirectory, rootAttributes, false)), null));
    }
    walk.directory(layerDirectory, "");
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    try (FileChannel channel =
            FileChannel.open(blobFile, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
        LayerWriter writer = options.compressionLevel() == 0 ? LayerWriter.plain(out)
            : options.zstd() ? LayerWriter.zstd(out, options.compressionLevel())
            : LayerWriter.gzip(out, options.compressionLevel())) {
      for (PendingEntry pending : entries) {
        if (pending.source() != null) {
          writer.addFile((TarEntry.RegularFile) pending.entry(), pending.source());
        } else {
          writer.add(pending.entry());
        }
      }
      LayerBlob blob = writer.finish();
      out.flush();
      channel.force(true);
      return Optional.of(blob);
    }
  }

  /** An entry to write, with the file its content comes from when it is a regular file. */
  private record PendingEntry(TarEntry entry, Path source) {}

  /** One depth-first walk in sorted order, collecting entries. */
  private static final class Walk {
    private final SnapshotOptions options;
    private final List<PendingEntry> entries;
    /** First path of each multiply-linked inode, keyed by device and inode. */
    private final Map<List<Object>, String> linkTargets = new HashMap<>();

    Walk(SnapshotOptions options, List<PendingEntry> entries) {
      this.options = options;
      this.entries = entries;
    }

    void directory(Path directory, String relativeDirectory) throws IOException {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
        stream.forEach(children::add);
      }
      children.sort((left, right) -> left.getFileName().toString().compareTo(right.getFileName().toString()));
      for (Path child : children) {
        String name = child.getFileName().toString();
        String path = relativeDirectory.isEmpty() ? name : relativeDirectory + "/" + name;
        if (options.skippedPaths().contains(path)) {
          continue;
        }
        file(child, path);
      }
    }

    private void file(Path file, String path) throws IOException {
      Map<String, Object> stat = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) stat.get("mode");
      int type = mode & FILE_TYPE_MASK;
      long rdev = (Long) stat.get("rdev");
      if (type == SOCKET) {
        return;
      }
      if (OverlayForm.isWhiteout(mode, rdev)) {
        entries.add(new PendingEntry(new TarEntry.Whiteout(path, attributes(file, stat, false)), null));
        return;
      }
      FileAttributes attributes = attributes(file, stat, true);
      switch (type) {
        case DIRECTORY -> {
          entries.add(new PendingEntry(new TarEntry.Directory(path, attributes), null));
          if (OverlayForm.isOpaque(file)) {
            entries.add(new PendingEntry(new TarEntry.OpaqueWhiteout(path, attributes.withXattrs(List.of())), null));
          }
          directory(file, path);
        }
        case REGULAR -> {
          if ((Integer) stat.get("nlink") > 1) {
            List<Object> inode = List.of(stat.get("dev"), stat.get("ino"));
            String first = linkTargets.putIfAbsent(inode, path);
            if (first != null) {
              entries.add(new PendingEntry(new TarEntry.HardLink(path, attributes, first), null));
              return;
            }
          }
          entries.add(new PendingEntry(new TarEntry.RegularFile(path, attributes, (Long) stat.get("size")), file));
        }
        case SYMLINK -> entries.add(
            new PendingEntry(new TarEntry.Symlink(path, attributes, Files.readSymbolicLink(file).toString()), null));
        case 0020000, 0060000 -> entries.add(
            new PendingEntry(
                new TarEntry.Device(
                    path,
                    attributes,
                    type == 0020000 ? TarEntry.DeviceKind.CHARACTER : TarEntry.DeviceKind.BLOCK,
                    Linux.major(rdev),
                    Linux.minor(rdev)),
                null));
        case 0010000 -> entries.add(new PendingEntry(new TarEntry.Fifo(path, attributes), null));
        default -> throw new IOException("unknown file type " + Integer.toOctalString(type) + " of " + file);
      }
    }

    FileAttributes attributes(Path file, Map<String, Object> stat, boolean withXattrs) throws IOException {
      Instant modified = ((FileTime) stat.get("lastModifiedTime")).toInstant();
      if (options.modificationTimeClamp().isPresent() && modified.isAfter(options.modificationTimeClamp().get())) {
        modified = options.modificationTimeClamp().get();
      }
      List<Xattr> xattrs = new ArrayList<>();
      if (withXattrs) {
        for (String name : Linux.listXattrs(file)) {
          if (OverlayForm.isOverlayXattr(name) || name.equals("security.selinux")) {
            continue;
          }
          byte[] value = Linux.getXattr(file, name);
          if (value != null) {
            xattrs.add(new Xattr(name, value));
          }
        }
      }
      return new FileAttributes(
          (Integer) stat.get("mode") & FileAttributes.PERMISSION_MASK,
          (Integer) stat.get("uid"),
          (Integer) stat.get("gid"),
          modified,
          xattrs);
    }
  }
}
