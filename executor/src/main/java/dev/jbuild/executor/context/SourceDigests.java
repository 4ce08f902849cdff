package dev.jbuild.executor.context;

import dev.jbuild.cache.FileDigestCache;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest of what a COPY/ADD takes from the build context, for its cache key: for every
 * selected file, in a fixed order, its path relative to the source, its type, its permission
 * bits, its symlink target and its content's sha256. Modification times are left out on
 * purpose: a {@code touch} keeps the cache, one changed byte does not. Contents come from the
 * stat cache, so an unchanged context is not re-read.
 */
public final class SourceDigests {
  private SourceDigests() {}

  /**
   * @throws BuildContext.SourceNotFoundException when a source matches nothing
   */
  public static Digest ofContext(BuildContext context, List<String> sources, FileDigestCache digests) throws IOException {
    MessageDigest sha = Digests.newSha256();
    int index = 0;
    for (String source : sources) {
      line(sha, "source", Integer.toString(index++), source);
      for (BuildContext.ContextEntry entry : context.resolve(source)) {
        add(sha, context, entry.path(), entry.relativePath(), entry.relativePath(), digests);
      }
    }
    return Digest.sha256(sha.digest());
  }

  private static void add(MessageDigest sha, BuildContext context, Path path, String contextRelative, String name,
      FileDigestCache digests) throws IOException {
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    String permissions = Integer.toOctalString(mode & 07777);
    if (Files.isSymbolicLink(path)) {
      line(sha, "link", name, permissions, Files.readSymbolicLink(path).toString());
    } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      line(sha, "dir", name, permissions);
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
        stream.forEach(children::add);
      }
      children.sort(null);
      for (Path child : children) {
        String childName = child.getFileName().toString();
        String childRelative = contextRelative.isEmpty() ? childName : contextRelative + "/" + childName;
        if (!context.isIgnored(childRelative)) {
          add(sha, context, child, childRelative, name + "/" + childName, digests);
        }
      }
    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      line(sha, "file", name, permissions, digests.digest(path).toString());
    }
    // Other file types are not copied (see LayerTree), so they are not part of the key either.
  }

  private static void line(MessageDigest sha, String... fields) {
    for (String field : fields) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      sha.update((byte) (bytes.length >>> 24));
      sha.update((byte) (bytes.length >>> 16));
      sha.update((byte) (bytes.length >>> 8));
      sha.update((byte) bytes.length);
      sha.update(bytes);
    }
  }
}
