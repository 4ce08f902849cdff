package dev.jbuild.cli;

import picocli.CommandLine;

/** picocli's {@code --version} for every command: {@link VersionText}. */
final class Version implements CommandLine.IVersionProvider {
  static String text() {
    return VersionText.text();
  }

  @Override
  public String[] getVersion() {
    return new String[] {text()};
  }
}
