package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildResult;
import dev.jbuild.core.image.ImageJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --metadata-file}: BuildKit's keys ({@code containerimage.digest},
 * {@code containerimage.config.digest}, {@code image.name}) plus {@code jbuild.steps}, one entry
 * per step with its stage, instruction, whether it was cached and its seconds.
 */
final class BuildMetadata {
  private BuildMetadata() {}

  static void write(Path file, BuildResult result) throws IOException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("containerimage.digest", result.imageDigest());
    metadata.put("containerimage.config.digest", result.configDigest());
    if (!result.references().isEmpty()) {
      metadata.put("image.name", String.join(",", result.references()));
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    for (BuildResult.Step step : result.steps()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("stage", step.stage());
      entry.put("instruction", step.instruction());
      entry.put("cached", step.cached());
      entry.put("seconds", step.duration().toNanos() / 1e9);
      steps.add(entry);
    }
    metadata.put("jbuild.steps", steps);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, ImageJson.pretty(metadata).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
