package dev.jbuild.core.plan;

import dev.jbuild.core.semantics.BuildArguments;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A planned build: every stage of the Dockerfile, the target stage, and {@code order}: the
 * stages the target needs, each after the stages it depends on (the target last). Stages not in
 * {@code order} are never run.
 */
public record BuildPlan(String fileName, char escape, List<StagePlan> stages, int target, List<Integer> order,
    BuildArguments arguments) {
  public BuildPlan {
    Objects.requireNonNull(fileName, "fileName");
    stages = List.copyOf(stages);
    order = List.copyOf(order);
    Objects.requireNonNull(arguments, "arguments");
  }

  public StagePlan targetStage() {
    return stages.get(target);
  }

  /**
   * The stage a {@code --from} value names, by name (case-insensitive) or index; empty when it
   * names no stage (then it is an image reference).
   */
  public OptionalInt stageNamed(String reference) {
    String lower = reference.toLowerCase(Locale.ROOT);
    for (StagePlan stage : stages) {
      if (lower.equals(stage.name())) {
        return OptionalInt.of(stage.index());
      }
    }
    if (lower.matches("[0-9]+")) {
      int index = Integer.parseInt(lower);
      if (index < stages.size()) {
        return OptionalInt.of(index);
      }
    }
    return OptionalInt.empty();
  }
}
