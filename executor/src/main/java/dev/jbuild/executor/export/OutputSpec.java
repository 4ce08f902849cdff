package dev.jbuild.executor.export;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code --output}, in BuildKit's shape: {@code type=TYPE,dest=PATH[,key=value...]}, or a bare
 * path meaning {@code type=local,dest=PATH}. Types: {@code registry} (push), {@code oci},
 * {@code docker}, {@code local}, {@code tar}. Image outputs take BuildKit's
 * {@code compression=gzip|zstd|uncompressed} and {@code compression-level} (gzip 1..9, zstd 1..22).
 */
public record OutputSpec(String type, Map<String, String> attributes) {
  private static final Set<String> TYPES = Set.of("registry", "image", "oci", "docker", "local", "tar");

  public OutputSpec {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static OutputSpec parse(String text) {
    if (!text.contains("=")) {
      return new OutputSpec("local", Map.of("dest", text));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String field : text.split(",")) {
      int equals = field.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("invalid output " + text + ": expected key=value pairs");
      }
      attributes.put(field.substring(0, equals).trim().toLowerCase(Locale.ROOT), field.substring(equals + 1).trim());
    }
    String type = attributes.remove("type");
    if (type == null) {
      type = "local";
    }
    type = type.toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unsupported output type " + type + " (registry, oci, docker, local, tar)");
    }
    if (type.equals("image")) {
      // BuildKit's type=image,push=true is type=registry; without push it keeps the image locally.
      type = Boolean.parseBoolean(attributes.getOrDefault("push", "false")) ? "registry" : "image";
    }
    OutputSpec spec = new OutputSpec(type, attributes);
    if (!type.equals("registry") && !type.equals("image") && spec.destination() == null) {
      throw new IllegalArgumentException("output type " + type + " needs dest=PATH");
    }
    spec.compression();
    spec.compressionLevel();
    return spec;
  }

  /**
   * {@code compression}: {@code gzip}, {@code zstd} or {@code uncompressed}, when given. Like the
   * level it applies to the layers the build makes, so to the whole build.
   *
   * @throws IllegalArgumentException for another value
   */
  public Optional<String> compression() {
    String compression = attributes.get("compression");
    if (compression == null) {
      return Optional.empty();
    }
    String lower = compression.toLowerCase(Locale.ROOT);
    if (!Set.of("gzip", "zstd", "uncompressed").contains(lower)) {
      throw new IllegalArgumentException("unsupported compression " + compression + " (gzip, zstd, uncompressed)");
    }
    return Optional.of(lower);
  }

  /**
   * {@code compression-level}, the gzip level of the build's new layers, when given. Layers are
   * compressed as they are made (and kept so in the cache), so this applies to the whole build.
   *
   * @throws IllegalArgumentException when it is not 1 to 9
   */
  public Optional<Integer> compressionLevel() {
    String level = attributes.get("compression-level");
    if (level == null) {
      return Optional.empty();
    }
    boolean zstd = compression().filter("zstd"::equals).isPresent();
    if (zstd ? !level.matches("[1-9]|1[0-9]|2[0-2]") : !level.matches("[1-9]")) {
      throw new IllegalArgumentException("compression-level must be 1 (fastest) to " + (zstd ? "22" : "9")
          + " (smallest), not " + level);
    }
    return Optional.of(Integer.parseInt(level));
  }

  /** {@code dest}, or null (registry and image outputs have none). */
  public Path destination() {
    String dest = attributes.get("dest");
    return dest == null || dest.isEmpty() ? null : Path.of(dest);
  }

  /** An OCI or docker output goes to a tar file, not a directory: {@code tar=true} or a {@code .tar} destination. */
  public boolean isArchive() {
    if (type.equals("docker")) {
      return true;
    }
    String tar = attributes.get("tar");
    if (tar != null) {
      return Boolean.parseBoolean(tar);
    }
    return destination() != null && destination().getFileName().toString().endsWith(".tar");
  }
}
