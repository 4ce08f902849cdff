package dev.jbuild.core.semantics;

import dev.jbuild.core.image.ImageConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of a stage between instructions: the image config built so far, the ARGs in scope
 * that have a value (declaration order), whether CMD was set in this stage (ENTRYPOINT clears an
 * inherited CMD only), and the Dockerfile's escape character for word expansion.
 */
public record StageState(ImageConfig image, Map<String, String> args, boolean cmdSet, char escape) {
  public StageState {
    Objects.requireNonNull(image, "image");
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** The state at the start of a stage built on {@code base}. */
  public static StageState start(ImageConfig base, char escape) {
    return new StageState(base, Map.of(), false, escape);
  }

  public StageState withImage(ImageConfig value) {
    return new StageState(value, args, cmdSet, escape);
  }

  public StageState withArg(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(args);
    next.remove(name);
    if (value != null) {
      next.put(name, value);
    }
    return new StageState(image, next, cmdSet, escape);
  }

  public StageState withCmdSet(boolean value) {
    return new StageState(image, args, value, escape);
  }

  /** The current working directory, {@code /} when none is set. */
  public String workingDir() {
    String dir = image.config().workingDir();
    return dir == null || dir.isEmpty() ? "/" : dir;
  }

  /** The current user as written in USER, empty for root. */
  public String user() {
    String user = image.config().user();
    return user == null ? "" : user;
  }
}
