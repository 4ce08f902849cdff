package dev.jbuild.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code skopeo} against plain-HTTP test registries, to read images back independently. */
final class Skopeo {
  private Skopeo() {}

  /** {@code skopeo inspect [--raw] docker://reference}: stdout, or an AssertionError with stderr. */
  static byte[] inspect(String reference, boolean raw) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
    if (raw) {
      command.add("--raw");
    }
    command.add("docker://" + reference);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] output = process.getInputStream().readAllBytes();
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + errors);
    }
    return output;
  }
}
