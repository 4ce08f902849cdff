package dev.jbuild.cli;

import java.nio.file.Path;

/** The config file cannot be read or says something jbuild does not accept; the message names the file. */
final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  ConfigException(Path file, String problem) {
    super(file + ": " + problem);
  }

  ConfigException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }

  /** At a place in the file: {@code FILE:LINE:COLUMN}, the shape editors jump to. */
  ConfigException(String place, String problem, Throwable cause) {
    super(place + ": " + problem, cause);
  }
}
