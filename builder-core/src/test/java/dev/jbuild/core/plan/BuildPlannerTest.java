package dev.jbuild.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.image.Platform;
import dev.jbuild.grammar.DockerfileParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildPlannerTest {
  private static BuildPlan plan(String dockerfile, Map<String, String> buildArgs, String target) throws Exception {
    return BuildPlanner.plan(DockerfileParser.parse(dockerfile, "Dockerfile"), buildArgs, target, Platform.LINUX_AMD64);
  }

  private static final String THREE_STAGES = """
      ARG BASE=busybox
      FROM ${BASE}:1 AS Builder
      RUN make
      FROM scratch AS unused
      RUN exit 1
      FROM builder
      COPY --from=0 /out /out
      """;

  @Test
  void plan_multiStage_basesDependenciesAndOrder() throws Exception {
    BuildPlan plan = plan(THREE_STAGES, Map.of(), null);

    assertThat(plan.stages()).hasSize(3);
    assertThat(plan.stages().get(0).name()).isEqualTo("builder");
    assertThat(plan.stages().get(0).base()).isInstanceOf(Base.Image.class);
    assertThat(((Base.Image) plan.stages().get(0).base()).reference().toString()).isEqualTo("docker.io/library/busybox:1");
    assertThat(plan.stages().get(1).base()).isInstanceOf(Base.Scratch.class);
    assertThat(plan.stages().get(2).base()).isEqualTo(new Base.Stage(0));
    assertThat(plan.target()).isEqualTo(2);
    assertThat(plan.order()).containsExactly(0, 2);
  }

  @Test
  void plan_buildArgOverridesGlobalArgInFrom() throws Exception {
    BuildPlan plan = plan(THREE_STAGES, Map.of("BASE", "127.0.0.1:5000/alpine"), null);

    assertThat(((Base.Image) plan.stages().get(0).base()).reference().toString()).isEqualTo("127.0.0.1:5000/alpine:1");
  }

  @Test
  void plan_targetByNameInAnyCase_buildsOnlyWhatItNeeds() throws Exception {
    assertThat(plan(THREE_STAGES, Map.of(), "UNUSED").order()).containsExactly(1);
    assertThat(plan(THREE_STAGES, Map.of(), "builder").order()).containsExactly(0);
  }

  @Test
  void plan_unknownTarget_refused() {
    assertThatThrownBy(() -> plan(THREE_STAGES, Map.of(), "nope"))
        .isInstanceOf(BuildPlanException.class).hasMessage("target stage \"nope\" could not be found");
  }

  @Test
  void plan_forwardReferenceByIndex_refusedWithTheLine() {
    assertThatThrownBy(() -> plan("FROM scratch\nCOPY --from=1 /a /a\nFROM scratch\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class).hasMessageStartingWith("Dockerfile:2: invalid from flag value 1");
  }

  @Test
  void plan_runMountFrom_isAnEdgeToThatStage() throws Exception {
    BuildPlan plan = plan("""
        ARG TOOLS=tools
        FROM scratch AS tools
        FROM scratch AS unused
        FROM scratch AS app
        RUN --mount=type=cache,target=/c --mount=type=bind,from=${TOOLS},source=/bin,target=/t true
        """, Map.of(), null);

    assertThat(plan.stages().get(2).dependencies()).containsExactly(0);
    assertThat(plan.order()).containsExactly(0, 2);
  }

  @Test
  void plan_cycleThroughCopyFrom_refused() {
    assertThatThrownBy(() -> plan("""
        FROM scratch AS a
        COPY --from=b /x /x
        FROM scratch AS b
        COPY --from=a /y /y
        """, Map.of(), null))
        .isInstanceOf(BuildPlanException.class).hasMessageContaining("circular dependency between stages: b -> a -> b");
  }

  @Test
  void plan_instructionBeforeFrom_refused() {
    assertThatThrownBy(() -> plan("RUN true\nFROM scratch\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class).hasMessageStartingWith("Dockerfile:1: no build stage in current context");
  }

  @Test
  void plan_predefinedPlatformArgs_availableInFrom() throws Exception {
    BuildPlan plan = plan("FROM 127.0.0.1:5000/base-${TARGETARCH}\n", Map.of(), null);

    assertThat(((Base.Image) plan.stages().get(0).base()).reference().repository()).isEqualTo("base-amd64");
  }
}
