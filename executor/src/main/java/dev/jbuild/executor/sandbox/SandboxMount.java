package dev.jbuild.executor.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file system mounted into a step's root for its command only (RUN --mount): a host directory
 * or file bound at {@code target} (read-only when asked), or, when {@code source} is null, an empty
 * tmpfs. The directories (or file) created to mount it on are removed from the layer afterwards.
 *
 * @param target absolute path inside the root file system
 * @param source the host directory or regular file to bind, or null for a tmpfs
 * @param tmpfsSizeBytes the tmpfs size limit, 0 for the kernel's default
 */
public record SandboxMount(String target, Path source, boolean readOnly, long tmpfsSizeBytes) {
  public SandboxMount {
    Objects.requireNonNull(target, "target");
    if (!target.startsWith("/") || target.equals("/")) {
      throw new IllegalArgumentException("a mount target must be an absolute path below /: " + target);
    }
  }

  public static SandboxMount bind(Path source, String target, boolean readOnly) {
    return new SandboxMount(target, Objects.requireNonNull(source, "source"), readOnly, 0);
  }

  public static SandboxMount tmpfs(String target, long sizeBytes) {
    return new SandboxMount(target, null, false, sizeBytes);
  }
}
