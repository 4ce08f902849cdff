package dev.jbuild.executor.sandbox;

import dev.jbuild.core.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The static {@code jbuild-init} program, compiled by the executor's build into a class-path
 * resource beside this class, and extracted on first use to
 * {@code <state directory>/init/<sha256 of its bytes>/jbuild-init} so that it can be executed:
 * content-addressed, so jbuild versions never overwrite each other's, and written under a temporary
 * name then renamed, so a half-written binary is never run.
 */
final class InitBinary {
  static final String RESOURCE = "jbuild-init";
  private static final Map<Path, Path> EXTRACTED = new ConcurrentHashMap<>();

  private InitBinary() {}

  static Path extract(Path stateDirectory) throws SandboxException {
    Path known = EXTRACTED.get(stateDirectory);
    if (known != null) {
      return known;
    }
    byte[] bytes;
    try (InputStream in = InitBinary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new SandboxException(
            "jbuild-init is missing from the class path next to " + InitBinary.class.getName()
                + "; the executor module's build compiles it with gcc -static");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new SandboxException("reading the jbuild-init resource failed", e);
    }
    Path directory = stateDirectory.resolve("init").resolve(Digest.sha256Of(bytes).hex());
    Path binary = directory.resolve(RESOURCE);
    try {
      if (!Files.isExecutable(binary)) {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, RESOURCE, ".tmp");
        try {
          Files.write(temporary, bytes);
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r-xr-xr-x"));
          Files.move(temporary, binary, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
          // extracted concurrently by someone else: same content, same name
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("cannot rename within " + directory, e);
        } finally {
          Files.deleteIfExists(temporary);
        }
      }
    } catch (IOException e) {
      throw new SandboxException("extracting jbuild-init to " + binary + " failed: " + e.getMessage(), e);
    }
    EXTRACTED.put(stateDirectory, binary);
    return binary;
  }
}
