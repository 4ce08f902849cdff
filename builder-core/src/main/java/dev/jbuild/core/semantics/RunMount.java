package dev.jbuild.core.semantics;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code RUN --mount}, as BuildKit reads it. jbuild runs every type: {@code bind} (a file or
 * directory of the build context, or of another stage or image with {@code from}, read-only unless
 * {@code rw}, whose writes are then thrown away; its content is part of the step's cache key), {@code cache} (a directory kept in jbuild's cache
 * between builds, shared by every build that names the same {@code id}, never part of the image or
 * of the cache key), {@code tmpfs} (an empty memory file system for the one command) and
 * {@code secret} (a build secret as a read-only file, default {@code /run/secrets/ID}, never in the
 * layer, the key or the log) and {@code ssh} (the build's SSH agent socket of that {@code id},
 * default {@code default}, at {@code /run/buildkit/ssh_agent.N}, with {@code SSH_AUTH_SOCK} set to
 * it). None leaves anything in the layer, not even the directory it is mounted on.
 *
 * @param required for secrets: fail when the build has no secret with this id (otherwise the
 *     mount is left out)
 *
 * @param target absolute path in the root file system (a relative one was joined to WORKDIR)
 * @param source for bind: the path in the build context or in {@code from}'s root file system
 *     ({@code .} for all of it); otherwise empty
 * @param from for bind: the stage (name or index) or image whose files are bound; null for the
 *     build context
 * @param id the cache's name; defaults to the target, as in BuildKit
 * @param mode {@code mode}, octal, of the cache directory when it is created
 * @param sizeBytes the tmpfs size limit, 0 for the kernel's default (half the memory)
 */
public record RunMount(Type type, String target, String source, String from, String id, Sharing sharing,
    boolean readOnly, int uid, int gid, int mode, long sizeBytes, boolean required) {

  /** The mount types jbuild runs. */
  public enum Type {
    BIND,
    CACHE,
    TMPFS,
    SECRET,
    SSH
  }

  /**
   * How builds running at once share one cache: all at once ({@code shared}), one after the other
   * ({@code locked}), or each with its own copy when another holds it ({@code private}).
   */
  public enum Sharing {
    SHARED,
    PRIVATE,
    LOCKED
  }

  public RunMount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sharing, "sharing");
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("target must be absolute: " + target);
    }
  }

  /**
   * Reads one {@code --mount} value ({@code type=cache,target=/root/.m2,...}), already expanded,
   * with relative targets taken from {@code workingDir}.
   *
   * @throws IllegalArgumentException saying what is wrong or not supported
   */
  public static RunMount parse(String value, String workingDir) {
    String type = "bind"; // BuildKit's default type
    String target = null;
    String source = null;
    String from = null;
    String id = null;
    Sharing sharing = Sharing.SHARED;
    Boolean readOnly = null; // bind mounts default to read-only, the others to read-write
    int uid = 0;
    int gid = 0;
    Integer mode = null; // 0755, or 0400 for secrets
    long size = 0;
    boolean required = false;
    for (String field : value.split(",")) {
      String trimmed = field.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      String key = (equals < 0 ? trimmed : trimmed.substring(0, equals)).toLowerCase(Locale.ROOT);
      String fieldValue = equals < 0 ? null : trimmed.substring(equals + 1);
      switch (key) {
        case "type" -> type = required(key, fieldValue).toLowerCase(Locale.ROOT);
        case "target", "dst", "destination" -> target = required(key, fieldValue);
        case "id" -> id = required(key, fieldValue);
        case "ro", "readonly" -> readOnly = bool(key, fieldValue);
        case "rw", "readwrite" -> readOnly = !bool(key, fieldValue);
        case "sharing" -> sharing = sharing(required(key, fieldValue));
        case "uid" -> uid = number(key, required(key, fieldValue), 10);
        case "gid" -> gid = number(key, required(key, fieldValue), 10);
        case "mode" -> mode = number(key, required(key, fieldValue), 8);
        case "size" -> size = bytes(required(key, fieldValue));
        case "required" -> required = bool(key, fieldValue);
        case "env" -> throw new IllegalArgumentException("--mount env= is not supported yet by jbuild (secrets are files)");
        case "source", "src" -> source = required(key, fieldValue);
        case "from" -> from = required(key, fieldValue);
        default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + value + "'");
      }
    }
    Type parsedType = switch (type) {
      case "bind" -> Type.BIND;
      case "cache" -> Type.CACHE;
      case "tmpfs" -> Type.TMPFS;
      case "secret" -> Type.SECRET;
      case "ssh" -> Type.SSH;
      default -> throw new IllegalArgumentException("unsupported mount type " + type);
    };
    if (parsedType == Type.SSH) {
      id = id == null || id.isEmpty() ? "default" : id;
      target = target == null || target.isEmpty() ? "/run/buildkit/ssh_agent.0" : target;
    }
    if (parsedType == Type.SECRET && (target == null || target.isEmpty())) {
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException("a secret --mount needs id= or target= (in '" + value + "')");
      }
      target = "/run/secrets/" + id;
    }
    if (parsedType == Type.SECRET && (id == null || id.isEmpty())) {
      id = target.replaceAll("/+$", "").substring(target.replaceAll("/+$", "").lastIndexOf('/') + 1);
    }
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException("--mount needs target= (in '" + value + "')");
    }
    String absolute = Paths.join(workingDir, target);
    if (absolute.equals("/")) {
      throw new IllegalArgumentException("--mount cannot be mounted on /");
    }
    if ((source != null || from != null) && parsedType != Type.BIND) {
      throw new IllegalArgumentException("--mount " + (from != null ? "from=" : "source=")
          + " is for bind mounts in jbuild (a cache mount starts empty)");
    }
    if (from != null && from.isEmpty()) {
      throw new IllegalArgumentException("--mount from= needs a stage or an image");
    }
    String contextSource = "";
    if (parsedType == Type.BIND) {
      contextSource = Paths.clean("/" + (source == null ? "" : source)).substring(1);
      contextSource = contextSource.isEmpty() ? "." : contextSource;
    }
    return new RunMount(parsedType, absolute, contextSource, from, id == null || id.isEmpty() ? absolute : id, sharing,
        readOnly == null ? parsedType == Type.BIND || parsedType == Type.SECRET : readOnly, uid, gid,
        mode != null ? mode : parsedType == Type.SECRET ? 0400 : parsedType == Type.SSH ? 0600 : 0755, size, required);
  }

  /** This mount at another target (an SSH mount's default target is numbered by its position). */
  public RunMount withTarget(String newTarget) {
    return new RunMount(type, newTarget, source, from, id, sharing, readOnly, uid, gid, mode, sizeBytes, required);
  }

  private static String required(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException("--mount " + key + " needs a value");
    }
    return value;
  }

  private static boolean bool(String key, String value) {
    if (value == null || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("--mount " + key + " takes true or false, not " + value);
  }

  private static Sharing sharing(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "shared" -> Sharing.SHARED;
      case "private" -> Sharing.PRIVATE;
      case "locked" -> Sharing.LOCKED;
      default -> throw new IllegalArgumentException("unsupported sharing value " + value + " (shared, private, locked)");
    };
  }

  private static int number(String key, String value, int radix) {
    try {
      int number = Integer.parseInt(value, radix);
      if (number < 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--mount " + key + "=" + value + " is not a valid number");
    }
  }

  /** A size as docker writes one: bytes, or with a k, m or g suffix (powers of 1024). */
  private static long bytes(String value) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("(\\d+)([kmg]?)b?", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("--mount size=" + value + " is not a size (bytes, or with k, m, g)");
    }
    long number = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> number << 10;
      case "m" -> number << 20;
      case "g" -> number << 30;
      default -> number;
    };
  }
}
