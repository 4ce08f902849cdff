package dev.jbuild.cli;

/** Mirror hosts as users write them, for {@code --registry-mirror} and the config file. */
final class RegistryMirrors {
  private RegistryMirrors() {}

  /** {@code https://mirror.example.com:5000/} becomes {@code mirror.example.com:5000}: docker takes URLs here. */
  static String host(String written) {
    return written.replaceFirst("^https?://", "").replaceFirst("/+$", "");
  }
}
