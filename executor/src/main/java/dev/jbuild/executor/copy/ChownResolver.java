package dev.jbuild.executor.copy;

import java.io.IOException;
import java.nio.file.Files;
import dev.jbuild.executor.layers.LayerStack;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a {@code --chown} value through a root filesystem's own /etc/passwd and /etc/group,
 * as BuildKit does: {@code user[:group]}, names or numbers; a user name alone takes that user's
 * primary group, a uid alone takes the same number as gid.
 */
public final class ChownResolver {
  private ChownResolver() {}

  /**
   * @param rootfs the stage's files
   * @throws IOException naming the user or group that does not exist
   */
  public static Ownership resolve(String chown, LayerStack rootfs) throws IOException {
    int colon = chown.indexOf(':');
    String user = colon < 0 ? chown : chown.substring(0, colon);
    String group = colon < 0 ? null : chown.substring(colon + 1);
    int uid;
    int gid;
    if (user.matches("[0-9]+")) {
      uid = Integer.parseInt(user);
      gid = uid;
    } else {
      String[] entry = find(rootfs, "etc/passwd", user)
          .orElseThrow(() -> new IOException("unable to find user " + user + ": no matching entries in passwd file"));
      uid = parseId(entry, 2, "passwd", user);
      gid = parseId(entry, 3, "passwd", user);
    }
    if (group != null && !group.isEmpty()) {
      if (group.matches("[0-9]+")) {
        gid = Integer.parseInt(group);
      } else {
        String[] entry = find(rootfs, "etc/group", group)
            .orElseThrow(() -> new IOException("unable to find group " + group + ": no matching entries in group file"));
        gid = parseId(entry, 2, "group", group);
      }
    }
    return new Ownership(uid, gid);
  }

  private static Optional<String[]> find(LayerStack rootfs, String file, String name) throws IOException {
    Optional<LayerStack.Entry> entry = rootfs.lookup("/" + file, true);
    if (entry.isEmpty() || !Files.isRegularFile(entry.get().hostPath())) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(entry.get().hostPath());
    for (String line : lines) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 3 && fields[0].equals(name)) {
        return Optional.of(fields);
      }
    }
    return Optional.empty();
  }

  private static int parseId(String[] fields, int index, String file, String name) throws IOException {
    try {
      return Integer.parseInt(fields[index]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IOException("malformed " + file + " entry for " + name);
    }
  }
}
