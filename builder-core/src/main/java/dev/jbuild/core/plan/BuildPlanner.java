package dev.jbuild.core.plan;

import dev.jbuild.core.expand.Env;
import dev.jbuild.core.expand.ExpansionException;
import dev.jbuild.core.expand.ShellLexer;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.core.semantics.BuildArguments;
import dev.jbuild.grammar.Dockerfile;
import dev.jbuild.grammar.ast.AddInstruction;
import dev.jbuild.grammar.ast.ArgDeclaration;
import dev.jbuild.grammar.ast.ArgInstruction;
import dev.jbuild.grammar.ast.CopyInstruction;
import dev.jbuild.grammar.ast.Flag;
import dev.jbuild.grammar.ast.FromInstruction;
import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.RunInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Splits a parsed Dockerfile into stages and works out what the target needs. Pure. */
public final class BuildPlanner {
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");

  private BuildPlanner() {}

  /**
   * Plans {@code dockerfile}.
   *
   * @param buildArgs {@code --build-arg} values
   * @param target the {@code --target} stage name or null for the last stage
   * @param targetPlatform the platform images are built for
   * @throws BuildPlanException when the stages cannot be planned
   */
  public static BuildPlan plan(Dockerfile dockerfile, Map<String, String> buildArgs, String target,
      Platform targetPlatform) throws BuildPlanException {
    String file = dockerfile.fileName();
    char escape = escapeOf(dockerfile);
    List<Instruction> instructions = dockerfile.instructions();
    if (instructions.isEmpty()) {
      throw new BuildPlanException(file + ": the Dockerfile cannot be empty");
    }

    // Global ARGs: everything before the first FROM must be ARG.
    Map<String, String> globalArgs = new LinkedHashMap<>(platformArgs(targetPlatform, Platform.host()));
    int position = 0;
    for (; position < instructions.size() && !(instructions.get(position) instanceof FromInstruction); position++) {
      Instruction instruction = instructions.get(position);
      if (!(instruction instanceof ArgInstruction arg)) {
        throw new BuildPlanException(location(file, instruction) + "no build stage in current context: "
            + instruction.keyword() + " before the first FROM");
      }
      for (ArgDeclaration declaration : arg.declarations()) {
        String value = buildArgs.get(declaration.name());
        if (value == null && declaration.defaultValue() != null) {
          value = expand(declaration.defaultValue(), globalArgs, escape, file, instruction);
        }
        if (value == null) {
          globalArgs.remove(declaration.name());
        } else {
          globalArgs.put(declaration.name(), value);
        }
      }
    }
    if (position == instructions.size()) {
      throw new BuildPlanException(file + ": no build stage in current context: the Dockerfile has no FROM");
    }

    // Stages.
    List<FromInstruction> froms = new ArrayList<>();
    List<List<Instruction>> bodies = new ArrayList<>();
    for (; position < instructions.size(); position++) {
      Instruction instruction = instructions.get(position);
      if (instruction instanceof FromInstruction from) {
        froms.add(from);
        bodies.add(new ArrayList<>());
      } else {
        bodies.get(bodies.size() - 1).add(instruction);
      }
    }

    Map<String, Integer> names = new HashMap<>();
    List<StagePlan> stages = new ArrayList<>();
    for (int index = 0; index < froms.size(); index++) {
      FromInstruction from = froms.get(index);
      String name = from.stageName() == null ? null : from.stageName().toLowerCase(Locale.ROOT);
      if (name != null) {
        if (!STAGE_NAME.matcher(name).matches()) {
          throw new BuildPlanException(location(file, from) + "invalid name for build stage: \"" + from.stageName()
              + "\", name can't start with a number or contain symbols");
        }
        if (names.containsKey(name)) {
          throw new BuildPlanException(location(file, from) + "duplicate stage name \"" + from.stageName() + "\"");
        }
      }
      Base base = base(from, names, globalArgs, escape, file);
      stages.add(new StagePlan(index, name, from, base, bodies.get(index), Set.of()));
      if (name != null) {
        names.put(name, index);
      }
    }

    // Dependencies, now that every stage name is known (COPY --from and RUN --mount from= may
    // name a later stage).
    List<StagePlan> linked = new ArrayList<>();
    for (StagePlan stage : stages) {
      Set<Integer> dependencies = new TreeSet<>();
      if (stage.base() instanceof Base.Stage parent) {
        dependencies.add(parent.index());
      }
      for (Instruction instruction : stage.instructions()) {
        for (String from : fromReferences(instruction)) {
          String reference = expand(from, globalArgs, escape, file, instruction).toLowerCase(Locale.ROOT);
          if (names.containsKey(reference)) {
            dependencies.add(names.get(reference));
          } else if (reference.matches("[0-9]+")) {
            int index = Integer.parseInt(reference);
            if (index >= stage.index()) {
              throw new BuildPlanException(location(file, instruction) + "invalid from flag value " + from
                  + ": refers to stage " + index + " which is not before this stage");
            }
            dependencies.add(index);
          }
        }
      }
      linked.add(new StagePlan(stage.index(), stage.name(), stage.from(), stage.base(), stage.instructions(), dependencies));
    }

    int targetIndex = linked.size() - 1;
    if (target != null && !target.isEmpty()) {
      Integer named = names.get(target.toLowerCase(Locale.ROOT));
      if (named == null) {
        throw new BuildPlanException("target stage \"" + target + "\" could not be found");
      }
      targetIndex = named;
    }
    List<Integer> order = new ArrayList<>();
    visit(targetIndex, linked, new TreeSet<>(), new ArrayList<>(), order, file);
    return new BuildPlan(file, escape, linked, targetIndex, order, new BuildArguments(buildArgs, globalArgs));
  }

  /** Depth-first post-order from the target: dependencies first, cycles refused. */
  private static void visit(int index, List<StagePlan> stages, Set<Integer> done, List<Integer> path,
      List<Integer> order, String file) throws BuildPlanException {
    if (done.contains(index)) {
      return;
    }
    if (path.contains(index)) {
      List<String> cycle = new ArrayList<>();
      for (int member : path.subList(path.indexOf(index), path.size())) {
        cycle.add(stages.get(member).displayName());
      }
      cycle.add(stages.get(index).displayName());
      throw new BuildPlanException(file + ": circular dependency between stages: " + String.join(" -> ", cycle));
    }
    path.add(index);
    for (int dependency : stages.get(index).dependencies()) {
      visit(dependency, stages, done, path, order, file);
    }
    path.remove(path.size() - 1);
    done.add(index);
    order.add(index);
  }

  private static Base base(FromInstruction from, Map<String, Integer> names, Map<String, String> globalArgs,
      char escape, String file) throws BuildPlanException {
    String image = expand(from.image(), globalArgs, escape, file, from);
    if (image.isEmpty()) {
      throw new BuildPlanException(location(file, from) + "base name (" + from.image() + ") should not be blank");
    }
    String lower = image.toLowerCase(Locale.ROOT);
    if (names.containsKey(lower)) {
      return new Base.Stage(names.get(lower));
    }
    if (lower.equals("scratch")) {
      return new Base.Scratch();
    }
    String platform = null;
    for (Flag flag : from.flags()) {
      String name = flag.name().replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
      if (!name.equals("platform")) {
        throw new BuildPlanException(location(file, from) + "unknown flag: --" + name + " for FROM");
      }
      platform = expand(flag.value() == null ? "" : flag.value(), globalArgs, escape, file, from);
    }
    try {
      return new Base.Image(ImageReference.parse(image), platform);
    } catch (IllegalArgumentException e) {
      throw new BuildPlanException(location(file, from) + e.getMessage(), e);
    }
  }

  /** What an instruction takes files from: COPY/ADD --from, and each RUN --mount's from= (as written). */
  private static List<String> fromReferences(Instruction instruction) {
    List<Flag> flags;
    String flagName;
    if (instruction instanceof CopyInstruction copy) {
      flags = copy.flags();
      flagName = "from";
    } else if (instruction instanceof AddInstruction add) {
      flags = add.flags();
      flagName = "from";
    } else if (instruction instanceof RunInstruction run) {
      flags = run.flags();
      flagName = "mount";
    } else {
      return List.of();
    }
    List<String> references = new ArrayList<>();
    for (Flag flag : flags) {
      if (!flag.name().replaceFirst("^-+", "").equalsIgnoreCase(flagName) || flag.value() == null) {
        continue;
      }
      if (flagName.equals("from")) {
        references.add(flag.value());
        continue;
      }
      for (String field : flag.value().split(",")) {
        String trimmed = field.trim();
        if (trimmed.regionMatches(true, 0, "from=", 0, 5) && trimmed.length() > 5) {
          references.add(trimmed.substring(5));
        }
      }
    }
    return references;
  }

  private static String expand(String word, Map<String, String> variables, char escape, String file,
      Instruction instruction) throws BuildPlanException {
    try {
      return new ShellLexer(escape).processWord(word, Env.of(variables));
    } catch (ExpansionException e) {
      throw new BuildPlanException(location(file, instruction) + e.getMessage(), e);
    }
  }

  private static String location(String file, Instruction instruction) {
    return file + ":" + instruction.range().startLine() + ": ";
  }

  private static char escapeOf(Dockerfile dockerfile) {
    String escape = dockerfile.directives().get("escape");
    return escape == null || escape.isEmpty() ? '\\' : escape.charAt(0);
  }

  /** The predefined platform ARGs BuildKit offers every Dockerfile. */
  static Map<String, String> platformArgs(Platform target, Platform build) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("TARGETPLATFORM", target.toString());
    args.put("TARGETOS", target.os());
    args.put("TARGETARCH", target.architecture());
    args.put("TARGETVARIANT", target.variant() == null ? "" : target.variant());
    args.put("BUILDPLATFORM", build.toString());
    args.put("BUILDOS", build.os());
    args.put("BUILDARCH", build.architecture());
    args.put("BUILDVARIANT", build.variant() == null ? "" : build.variant());
    return args;
  }
}
