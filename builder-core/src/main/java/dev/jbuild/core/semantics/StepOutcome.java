package dev.jbuild.core.semantics;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of applying one instruction: the next state, the effect to carry out (empty for a
 * metadata-only instruction), and the image history text ({@code created_by}) BuildKit would
 * record for it.
 */
public record StepOutcome(StageState state, Optional<Effect> effect, String createdBy) {
  public StepOutcome {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  static StepOutcome metadata(StageState state, String createdBy) {
    return new StepOutcome(state, Optional.empty(), createdBy);
  }

  static StepOutcome withEffect(StageState state, Effect effect, String createdBy) {
    return new StepOutcome(state, Optional.of(effect), createdBy);
  }
}
