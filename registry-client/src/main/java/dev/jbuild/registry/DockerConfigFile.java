package dev.jbuild.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.registry.RegistryAliasGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.nio.channels.FileChannel;

/**
 * A docker {@code config.json} (or podman's {@code auth.json}, the same shape) as a JSON tree, so
 * that a login or logout changes only its registry's entry and keeps every other field a user or
 * another tool put there. Keys of {@code auths} and {@code credHelpers} match a registry as
 * docker matches them: scheme and path stripped ({@code https://index.docker.io/v1/} is {@code
 * index.docker.io}), Docker Hub's aliases being one registry. Written to a temporary sibling with
 * mode 0600, fsynced and renamed, as docker writes it. Not thread-safe.
 */
final class DockerConfigFile {
  /** The key docker uses for Docker Hub, in {@code auths} and towards credential helpers. */
  static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final ObjectNode root;

  private DockerConfigFile(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  /** Reads {@code file}; a missing file reads as an empty configuration. */
  static DockerConfigFile read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      return new DockerConfigFile(file, JSON.createObjectNode());
    }
    if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return new DockerConfigFile(file, JSON.createObjectNode());
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's message may quote the file's text, which holds credentials: say where only.
      throw new IOException(file + " is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new IOException(file + " does not hold a JSON object");
    }
    return new DockerConfigFile(file, object);
  }

  Path file() {
    return file;
  }

  /**
   * The name of the credential helper for {@code registry} ({@code X} of {@code
   * docker-credential-X}): its {@code credHelpers} entry, else {@code credsStore}, else empty.
   */
  Optional<String> credentialHelperFor(String registry) {
    Optional<JsonNode> ownHelper = entryFor(root.path("credHelpers"), registry);
    if (ownHelper.isPresent() && ownHelper.get().isTextual() && !ownHelper.get().asText().isEmpty()) {
      return Optional.of(ownHelper.get().asText());
    }
    JsonNode store = root.path("credsStore");
    return store.isTextual() && !store.asText().isEmpty() ? Optional.of(store.asText()) : Optional.empty();
  }

  /** The {@code auths} entry of {@code registry} (or one of its aliases), if any. */
  Optional<JsonNode> authFor(String registry) {
    return entryFor(root.path("auths"), registry);
  }

  /** Sets {@code auths.<registry>} to {@code {"auth": base64(user:password)}}, replacing aliases. */
  void putAuth(String registry, String encodedAuth) {
    removeAuth(registry);
    ObjectNode entry = JSON.createObjectNode();
    if (encodedAuth != null) {
      entry.put("auth", encodedAuth);
    }
    auths().set(serverAddress(registry), entry);
  }

  /** Removes {@code registry}'s {@code auths} entries (under any alias); whether there were any. */
  boolean removeAuth(String registry) {
    JsonNode auths = root.path("auths");
    if (!(auths instanceof ObjectNode object)) {
      return false;
    }
    boolean removed = false;
    for (Iterator<Map.Entry<String, JsonNode>> entries = object.fields(); entries.hasNext(); ) {
      if (matches(entries.next().getKey(), registry)) {
        entries.remove();
        removed = true;
      }
    }
    return removed;
  }

  /** Writes the configuration back: temporary file (0600), fsync, rename. */
  void write() throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = directory.resolve("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try {
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(temporary);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(root)));
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * The server address docker uses for {@code registry} as the {@code auths} key and towards
   * credential helpers: Docker Hub's v1 URL for Docker Hub, the registry name for any other.
   */
  static String serverAddress(String registry) {
    return isDockerHub(registry) ? DOCKER_HUB_SERVER : registry;
  }

  private ObjectNode auths() {
    JsonNode auths = root.path("auths");
    if (auths instanceof ObjectNode object) {
      return object;
    }
    return root.putObject("auths");
  }

  private static Optional<JsonNode> entryFor(JsonNode section, String registry) {
    if (!section.isObject()) {
      return Optional.empty();
    }
    // The registry's own name first, then its aliases, as docker and jib look them up.
    for (String alias : RegistryAliasGroup.getAliasesGroup(registry)) {
      for (Iterator<Map.Entry<String, JsonNode>> entries = section.fields(); entries.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = entries.next();
        if (hostname(entry.getKey()).equals(alias)) {
          return Optional.of(entry.getValue());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matches(String key, String registry) {
    return RegistryAliasGroup.getAliasesGroup(registry).contains(hostname(key));
  }

  /** docker's ConvertToHostname: no scheme, nothing from the first slash on. */
  static String hostname(String key) {
    String stripped = key;
    for (String scheme : List.of("http://", "https://")) {
      if (stripped.startsWith(scheme)) {
        stripped = stripped.substring(scheme.length());
      }
    }
    int slash = stripped.indexOf('/');
    return slash < 0 ? stripped : stripped.substring(0, slash);
  }

  private static boolean isDockerHub(String registry) {
    return RegistryAliasGroup.getAliasesGroup(registry).contains("docker.io");
  }
}
