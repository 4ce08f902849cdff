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
 * The directories a RUN --mount is mounted on. Those that the root file system lacks are created
 * for the command and removed from the step's upper dir after it (BuildKit's "mount stubs"), so a
 * mount leaves nothing in the image.
 */
final class MountPoints {
  private MountPoints() {}

  /**
   * Makes {@code target} a directory inside {@code root} (the merged view), creating what is
   * missing, and returns the created paths relative to the root, shallowest first.
   *
   * @throws SandboxException when a component is a symlink or not a directory
   */
  static List<String> create(Path root, String target) throws IOException, SandboxException {
    List<String> created = new ArrayList<>();
    Path current = root;
    StringBuilder relative = new StringBuilder();
    for (String component : target.split("/")) {
      if (component.isEmpty() || component.equals(".") || component.equals("..")) {
        continue;
      }
      relative.append(relative.length() == 0 ? "" : "/").append(component);
      current = current.resolve(component);
      if (Files.isSymbolicLink(current)) {
        throw new SandboxException("cannot mount on " + target + ": /" + relative + " is a symlink");
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
   * Removes the {@code created} directories (relative, shallowest first) from {@code upperDir},
   * deepest first, each only while it is still an empty directory.
   */
  static void removeStubs(Path upperDir, List<String> created) throws IOException {
    for (int i = created.size() - 1; i >= 0; i--) {
      Path stub = upperDir.resolve(created.get(i));
      if (!Files.isDirectory(stub, LinkOption.NOFOLLOW_LINKS)) {
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
