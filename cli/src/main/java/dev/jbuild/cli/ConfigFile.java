package dev.jbuild.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and reads jbuild's config file: {@code $JBUILD_CONFIG} when set, else
 * {@code $XDG_CONFIG_HOME/jbuild/config.json}, else {@code ~/.config/jbuild/config.json}. A
 * missing default file means no settings; a file named by {@code JBUILD_CONFIG} must exist.
 * Reading is strict: an unknown key or a value of the wrong shape is an error naming the file
 * and the key, so a typo never silently does nothing. Example:
 *
 * <pre>{@code
 * {
 *   "cacheDir": "/var/cache/jbuild",
 *   "cacheSizeLimit": "20GB",
 *   "registryMirrors": {"docker.io": ["mirror.example.com:5000"]},
 *   "insecureRegistries": ["registry.lan:5000"],
 *   "registryCertificates": ["/etc/ssl/private-ca.pem"],
 *   "progress": "plain"
 * }
 * }</pre>
 *
 * Relative paths are relative to the file's directory; {@code ~/} is the home directory.
 */
final class ConfigFile {
  static final Set<String> KEYS = Set.of("cacheDir", "cacheSizeLimit", "registryMirrors", "insecureRegistries",
      "registryCertificates", "progress");

  private ConfigFile() {}

  /** Where the config file is looked for, and whether it must exist. */
  record Location(Path path, boolean required) {}

  static Location location(Map<String, String> environment) {
    String explicit = environment.get("JBUILD_CONFIG");
    if (explicit != null && !explicit.isEmpty()) {
      return new Location(Path.of(explicit).toAbsolutePath(), true);
    }
    String configHome = environment.get("XDG_CONFIG_HOME");
    Path base = configHome != null && configHome.startsWith("/") ? Path.of(configHome) : home(environment).resolve(".config");
    return new Location(base.resolve("jbuild").resolve("config.json"), false);
  }

  static Config load(Map<String, String> environment) throws ConfigException {
    Location location = location(environment);
    String text;
    try {
      text = Files.readString(location.path());
    } catch (NoSuchFileException e) {
      if (location.required()) {
        throw new ConfigException(location.path(), "no such file (named by JBUILD_CONFIG)", e);
      }
      return Config.NONE;
    } catch (MalformedInputException e) {
      throw new ConfigException(location.path(), "not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(location.path(), "cannot read: " + e.getMessage(), e);
    }
    return parse(location.path(), text, home(environment));
  }

  static Config parse(Path source, String text, Path home) throws ConfigException {
    Object document;
    try {
      document = JsonReader.read(text);
    } catch (JsonReader.SyntaxException e) {
      throw new ConfigException(source + ":" + e.line + ":" + e.column, e.problem, e);
    }
    if (!(document instanceof Map<?, ?> members)) {
      throw new ConfigException(source, "expected a JSON object at the top, got " + kind(document));
    }
    Path directory = source.toAbsolutePath().getParent();
    Path cacheDirectory = null;
    long cacheSizeLimit = 0;
    Map<String, List<String>> mirrors = new LinkedHashMap<>();
    List<String> insecure = new ArrayList<>();
    List<Path> certificates = new ArrayList<>();
    ProgressMode progress = null;
    for (Map.Entry<?, ?> member : members.entrySet()) {
      String key = (String) member.getKey();
      Object value = member.getValue();
      switch (key) {
        case "cacheDir" -> cacheDirectory = path(directory, home, string(source, key, value));
        case "cacheSizeLimit" -> cacheSizeLimit = size(source, key, value);
        case "registryMirrors" -> mirrors = mirrors(source, key, value);
        case "insecureRegistries" -> insecure = strings(source, key, value);
        case "registryCertificates" -> {
          List<String> files = strings(source, key, value);
          for (int index = 0; index < files.size(); index++) {
            Path file = path(directory, home, files.get(index));
            if (!Files.isRegularFile(file)) {
              throw bad(source, key + "[" + index + "]", "no such file: " + file);
            }
            certificates.add(file);
          }
        }
        case "progress" -> {
          String name = string(source, key, value);
          progress = ProgressMode.parse(name);
          if (progress == null) {
            throw bad(source, key, "expected one of auto, tty, plain, json, quiet, got \"" + name + "\"");
          }
        }
        default -> throw new ConfigException(source, "unknown key \"" + key + "\" (known keys: "
            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    return new Config(Optional.of(source), cacheDirectory, cacheSizeLimit, mirrors, insecure, certificates, progress);
  }

  private static Path home(Map<String, String> environment) {
    String home = environment.get("HOME");
    return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
  }

  private static Path path(Path directory, Path home, String value) {
    if (value.equals("~")) {
      return home;
    }
    if (value.startsWith("~/")) {
      return home.resolve(value.substring(2));
    }
    return directory.resolve(value).normalize();
  }

  private static String string(Path source, String key, Object value) throws ConfigException {
    if (!(value instanceof String text) || text.isEmpty()) {
      throw bad(source, key, "expected a non-empty string, got " + kind(value));
    }
    return text;
  }

  private static List<String> strings(Path source, String key, Object value) throws ConfigException {
    if (!(value instanceof List<?> list)) {
      throw bad(source, key, "expected an array of strings, got " + kind(value));
    }
    List<String> strings = new ArrayList<>();
    for (int index = 0; index < list.size(); index++) {
      strings.add(string(source, key + "[" + index + "]", list.get(index)));
    }
    return strings;
  }

  private static long size(Path source, String key, Object value) throws ConfigException {
    if (value instanceof BigDecimal number) {
      try {
        long bytes = number.longValueExact();
        if (bytes < 0) {
          throw bad(source, key, "expected 0 or more bytes, got " + number);
        }
        return bytes;
      } catch (ArithmeticException e) {
        throw bad(source, key, "expected a whole number of bytes, got " + number);
      }
    }
    if (value instanceof String text) {
      try {
        return ByteSizes.parse(text);
      } catch (IllegalArgumentException e) {
        throw bad(source, key, e.getMessage());
      }
    }
    throw bad(source, key, "expected a size such as 10GB or a number of bytes, got " + kind(value));
  }

  private static Map<String, List<String>> mirrors(Path source, String key, Object value) throws ConfigException {
    if (!(value instanceof Map<?, ?> members)) {
      throw bad(source, key, "expected an object of registry to mirror host(s), got " + kind(value));
    }
    Map<String, List<String>> mirrors = new LinkedHashMap<>();
    for (Map.Entry<?, ?> member : members.entrySet()) {
      String registry = (String) member.getKey();
      String memberKey = key + "." + registry;
      List<String> hosts = member.getValue() instanceof List<?>
          ? strings(source, memberKey, member.getValue())
          : List.of(string(source, memberKey, member.getValue()));
      if (registry.isEmpty() || hosts.isEmpty()) {
        throw bad(source, memberKey, "expected a registry name and at least one mirror host");
      }
      mirrors.put(registry, hosts.stream().map(RegistryMirrors::host).toList());
    }
    return mirrors;
  }

  private static ConfigException bad(Path source, String key, String problem) {
    return new ConfigException(source, "key \"" + key + "\": " + problem);
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String text) {
      return "string \"" + text + "\"";
    } else if (value instanceof BigDecimal number) {
      return "number " + number;
    } else if (value instanceof Boolean bool) {
      return bool.toString();
    } else if (value instanceof List<?>) {
      return "an array";
    } else {
      return "an object";
    }
  }
}
