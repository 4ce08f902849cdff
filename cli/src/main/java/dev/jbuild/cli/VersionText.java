package dev.jbuild.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code jbuild VERSION}, from the jar's build properties. Kept apart from {@link Version} (the
 * picocli version provider) so that {@code jbuild version} can answer without loading picocli.
 */
final class VersionText {
  private VersionText() {}

  static String text() {
    Properties properties = new Properties();
    try (InputStream in = VersionText.class.getResourceAsStream("/dev/jbuild/cli/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown": a version string is not worth failing over
    }
    return "jbuild " + properties.getProperty("version", "unknown");
  }
}
