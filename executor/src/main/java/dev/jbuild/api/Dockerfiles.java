package dev.jbuild.api;

import dev.jbuild.grammar.DockerfileDump;
import dev.jbuild.grammar.DockerfileParseException;

/** Reading Dockerfiles without building them. */
public final class Dockerfiles {
  private Dockerfiles() {}

  /**
   * The Dockerfile's parse tree in BuildKit's dump format, one line per instruction, e.g.
   * {@code (copy ["--from=a"] "x" "/y")}. Like BuildKit's parser dump, it is lenient about what
   * only a build would reject (unknown flags, incomplete HEALTHCHECK).
   *
   * @throws BuildException {@code FILE:LINE:COL: problem}, with the source line and a caret as details
   */
  public static String dump(String text, String fileName) throws BuildException {
    try {
      return DockerfileDump.dump(text, fileName);
    } catch (DockerfileParseException e) {
      throw new BuildException(e.getMessage(), e.excerptLines(), e);
    }
  }
}
