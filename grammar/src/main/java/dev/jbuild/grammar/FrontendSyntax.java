package dev.jbuild.grammar;

import java.util.Locale;

/**
 * The {@code # syntax=} directive names the frontend image that reads the Dockerfile. jbuild has
 * the docker/dockerfile 1.x syntax built in and pulls no frontend image, so it accepts
 * docker/dockerfile (or docker/dockerfile-upstream) from any registry, untagged or with a 1.x or
 * labs tag, with or without a digest, and refuses every other frontend.
 */
final class FrontendSyntax {
  private FrontendSyntax() {}

  /** Whether the directive's value names the built-in Dockerfile syntax. */
  static boolean isBuiltIn(String directiveValue) {
    String reference = GoText.trimSpace(directiveValue);
    int space = reference.indexOf(' ');
    if (space >= 0) {
      reference = reference.substring(0, space); // BuildKit passes the rest to the frontend
    }
    int at = reference.indexOf('@');
    if (at >= 0) {
      reference = reference.substring(0, at);
    }
    String tag = null;
    int colon = reference.lastIndexOf(':');
    if (colon > reference.lastIndexOf('/')) {
      tag = reference.substring(colon + 1);
      reference = reference.substring(0, colon);
    }
    String repository = withoutRegistry(reference.toLowerCase(Locale.ROOT));
    if (!repository.equals("docker/dockerfile") && !repository.equals("docker/dockerfile-upstream")) {
      return false;
    }
    return tag == null || tag.equals("latest") || tag.equals("labs") || tag.equals("1")
        || tag.startsWith("1.") || tag.startsWith("1-");
  }

  /** The repository path without a registry host (a first component with '.' or ':', or localhost). */
  private static String withoutRegistry(String reference) {
    int slash = reference.indexOf('/');
    if (slash < 0) {
      return reference;
    }
    String first = reference.substring(0, slash);
    boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
    return isHost ? reference.substring(slash + 1) : reference;
  }
}
