package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories (or, for a file bind, the file) a RUN --mount is mounted on. Those that the root
 * file system lacks are created for the command and removed from the step's upper dir after it
 * (BuildKit's "mount stubs"), so a mount leaves nothing in the image.
 */
final class MountPoints {
  private MountPoints() {}

  /**
   * Makes {@code target} a directory ({@code file} false) or a regular file inside {@code root}
   * (the merged view), creating what is missing, and returns the created paths relative to the
   * root, shallowest first.
   *
   * @throws SandboxException when a component is a symlink or of the wrong type
   */
  static List<String> create(Path root, String target, boolean file) throws IOException, SandboxException {
    List<String> created = new ArrayList<>();
    Path current = root;
    StringBuilder relative = new StringBuilder();
    String[] components = target.replaceAll("^/+|/+$", "").split("/+");
    for (int i = 0; i < components.length; i++) {
      boolean last = i == components.length - 1;
      relative.append(relative.length() == 0 ? "" : "/").append(components[i]);
      current = current.resolve(components[i]);
      if (Files.isSymbolicLink(current)) {
        throw new SandboxException("cannot mount on " + target + ": /" + relative + " is a symlink");
      }
      if (last && file) {
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
          throw new SandboxException("cannot mount a file on " + target + ": it is a directory");
        }
        Files.createFile(current);
        created.add(relative.toString());
        continue;
      }
      if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        throw new SandboxException("cannot mount on " + target + ": /" + relative + " is not a directory");
      }
      Files.createDirectory(current);
      created.add(relative.toString());
    }
    return created;
  }

  /**
   * Removes the {@code created} stubs (relative, shallowest first) from {@code upperDir}, deepest
   * first, each only while it is still an empty directory or an empty file.
   */
  static void removeStubs(Path upperDir, List<String> created) throws IOException {
    for (int i = created.size() - 1; i >= 0; i--) {
      Path stub = upperDir.resolve(created.get(i));
      boolean emptyFile = Files.isRegularFile(stub, LinkOption.NOFOLLOW_LINKS) && Files.size(stub) == 0;
      if (!emptyFile && !Files.isDirectory(stub, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Files.delete(stub);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        // the command put something there beside the mount: it stays, as in BuildKit
      }
    }
  }
}
