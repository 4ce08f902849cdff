package dev.jbuild.core.plan;

import dev.jbuild.grammar.ast.FromInstruction;
import dev.jbuild.grammar.ast.Instruction;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stage: its position, its name ({@code AS name}, lower-cased, null when unnamed), its FROM
 * and resolved base, its instructions after FROM, and the indexes of the stages it needs.
 */
public record StagePlan(int index, String name, FromInstruction from, Base base, List<Instruction> instructions,
    Set<Integer> dependencies) {
  public StagePlan {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(base, "base");
    instructions = List.copyOf(instructions);
    dependencies = java.util.Collections.unmodifiableSet(new TreeSet<>(dependencies));
  }

  /** How logs name the stage: its name, or its index. */
  public String displayName() {
    return name != null ? name : "stage-" + index;
  }
}
