package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonProgressTest {
  private final StringWriter text = new StringWriter();
  private final JsonProgress progress = new JsonProgress(new PrintWriter(text),
      Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.toString().split("\n")) {
      nodes.add(new ObjectMapper().readTree(line));
    }
    return nodes;
  }

  @Test
  void onEvent_everyKind_isOneObjectWithTimeTypeAndFields() throws Exception {
    progress.onEvent(new BuildEvent.StepStarted(1, "build", 1, 2, "RUN echo \"quoted\""));
    progress.onEvent(new BuildEvent.StepOutput(1, "tab\there"));
    progress.onEvent(new BuildEvent.StepCached(2));
    progress.onEvent(new BuildEvent.StepFinished(1, Duration.ofMillis(1500)));
    progress.onEvent(new BuildEvent.StepFailed(3, Duration.ofMillis(20), "exit code: 3"));
    progress.onEvent(new BuildEvent.Activity("pushing app:1"));
    progress.onEvent(new BuildEvent.Transfer("pull abc", 5, 10));
    progress.succeeded(new BuildResult("sha256:aa", "sha256:bb", List.of("app:1"), true, List.of()));

    assertThat(text.toString()).startsWith("{\"time\":\"2024-05-01T10:00:00Z\",\"type\":\"step-started\",\"step\":1,"
        + "\"stage\":\"build\",\"position\":1,\"total\":2,\"instruction\":\"RUN echo \\\"quoted\\\"\"}\n");
    List<JsonNode> lines = lines();
    assertThat(lines).extracting(node -> node.get("type").asText()).containsExactly("step-started", "step-output",
        "step-cached", "step-finished", "step-failed", "activity", "transfer", "build-finished");
    assertThat(lines.get(1).get("line").asText()).isEqualTo("tab\there");
    assertThat(lines.get(3).get("durationMillis").asLong()).isEqualTo(1500);
    assertThat(lines.get(4).get("error").asText()).isEqualTo("exit code: 3");
    assertThat(lines.get(6).get("done").asLong()).isEqualTo(5);
    assertThat(lines.get(7).get("pushed").asBoolean()).isTrue();
    assertThat(lines.get(7).get("references").get(0).asText()).isEqualTo("app:1");
  }

  @Test
  void onEvent_rapidTransferUpdates_areThinnedButTheLastIsKept() throws Exception {
    for (int done = 1; done <= 1000; done++) {
      progress.onEvent(new BuildEvent.Transfer("pull abc", done, 1000));
    }

    List<JsonNode> lines = lines();
    assertThat(lines.size()).isBetween(2, 50);
    assertThat(lines.get(0).get("done").asLong()).isEqualTo(1);
    assertThat(lines.get(lines.size() - 1).get("done").asLong()).isEqualTo(1000);
  }

  @Test
  void failed_buildException_isABuildFailedObjectWithDetails() throws Exception {
    progress.failed(new BuildException("Dockerfile:2: RUN failed", List.of("RUN false", "^"), null));

    JsonNode failure = lines().get(0);
    assertThat(failure.get("type").asText()).isEqualTo("build-failed");
    assertThat(failure.get("message").asText()).isEqualTo("Dockerfile:2: RUN failed");
    assertThat(failure.get("details")).hasSize(2);
    assertThat(progress.wantsHumanMessages()).isFalse();
  }
}
