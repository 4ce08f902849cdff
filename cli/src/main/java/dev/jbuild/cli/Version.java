package dev.jbuild.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version from the jar's build properties. */
final class Version implements CommandLine.IVersionProvider {
  static String text() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/dev/jbuild/cli/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown": a version string is not worth failing over
    }
    return "jbuild " + properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {text()};
  }
}
