package dev.jbuild.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Reads images back through a registry with skopeo, a real client independent of jbuild, so
 * tests check what a user's tools see.
 */
public final class Skopeo {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Skopeo() {}

  /** The image config (skopeo inspect --config) of a plain-HTTP registry image. */
  public static JsonNode config(String reference) {
    // --raw: the config exactly as stored; without it skopeo re-renders it in the OCI schema,
    // which drops Docker's Healthcheck, Shell and OnBuild.
    return json(List.of("skopeo", "inspect", "--tls-verify=false", "--config", "--raw", "docker://" + reference));
  }

  /** The raw manifest (skopeo inspect --raw). */
  public static JsonNode manifest(String reference) {
    return json(List.of("skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + reference));
  }

  /** skopeo inspect's summary (Digest, Layers, Env, Labels...). */
  public static JsonNode inspect(String reference) {
    return json(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + reference));
  }

  private static JsonNode json(List<String> command) {
    ProcessResult result = Processes.check(command, Duration.ofMinutes(2));
    try {
      return JSON.readTree(result.stdout());
    } catch (IOException e) {
      throw new UncheckedIOException("skopeo printed no JSON: " + result.describe(), e);
    }
  }
}
