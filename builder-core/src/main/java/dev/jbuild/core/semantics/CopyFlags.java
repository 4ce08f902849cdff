package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.Flag;
import dev.jbuild.grammar.ast.Heredoc;
import dev.jbuild.grammar.ast.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** COPY's and ADD's flags and operands, expanded, as one {@link CopyEffect}. */
final class CopyFlags {
  private static final Set<String> COPY_FLAGS = Set.of("from", "chown", "chmod", "link", "parents", "exclude");
  private static final Set<String> ADD_FLAGS =
      Set.of("chown", "chmod", "link", "parents", "exclude", "checksum", "keep-git-dir", "unpack");

  private CopyFlags() {}

  static CopyEffect effect(Instruction instruction, boolean add, List<Flag> rawFlags, List<String> rawSources,
      String rawDestination, List<Heredoc> heredocs, StageState state, Expansion expansion)
      throws InstructionException {
    String keyword = add ? "ADD" : "COPY";
    Flags flags = new Flags(rawFlags, instruction.range(), keyword, add ? ADD_FLAGS : COPY_FLAGS);
    String from = add ? null : expandOrNull(flags.single("from"), expansion);
    String chown = expandOrNull(flags.single("chown"), expansion);
    String chmod = expandOrNull(flags.single("chmod"), expansion);
    if (chmod != null && !chmod.matches("[0-7]{1,4}")) {
      throw new InstructionException(instruction.range(), "invalid --chmod=" + chmod + ": use an octal mode such as 0755");
    }
    List<String> excludes = new ArrayList<>();
    for (String exclude : flags.all("exclude")) {
      excludes.add(expansion.word(exclude));
    }
    String checksum = add ? expandOrNull(flags.single("checksum"), expansion) : null;
    if (checksum != null && !checksum.matches("sha256:[a-f0-9]{64}")) {
      throw new InstructionException(instruction.range(), "invalid --checksum=" + checksum + ": expected sha256:<64 hex digits>");
    }

    List<String> sources = new ArrayList<>();
    for (String source : rawSources) {
      if (heredocs.stream().anyMatch(heredoc -> isHeredocWord(source, heredoc))) {
        continue; // a here-document stands here; its content is in heredocs
      }
      String expanded = expansion.word(source);
      if (expanded.isEmpty()) {
        throw new InstructionException(instruction.range(), keyword + " source expanded to an empty string: " + source);
      }
      sources.add(expanded);
    }
    String destination = expansion.word(rawDestination);
    if (destination.isEmpty()) {
      throw new InstructionException(instruction.range(), keyword + " requires a destination");
    }
    if (sources.isEmpty() && heredocs.isEmpty()) {
      throw new InstructionException(instruction.range(), keyword + " requires at least two arguments, but only one was provided. Destination could not be determined");
    }
    boolean directoryDestination = destination.endsWith("/") || destination.equals(".") || destination.endsWith("/.");
    if (sources.size() + heredocs.size() > 1 && !directoryDestination) {
      throw new InstructionException(instruction.range(),
          "When using " + keyword + " with more than one source file, the destination must be a directory and end with a /");
    }
    String absolute = Paths.join(state.workingDir(), destination);
    if (directoryDestination && !absolute.endsWith("/")) {
      absolute = absolute + "/";
    }
    List<Heredoc> expandedHeredocs = new ArrayList<>();
    for (Heredoc heredoc : heredocs) {
      // An unquoted delimiter means the content is expanded with the stage's variables.
      expandedHeredocs.add(heredoc.expand()
          ? new Heredoc(heredoc.name(), expansion.heredoc(heredoc.content()), false, heredoc.stripTabs())
          : heredoc);
    }
    return new CopyEffect(add, sources, absolute, from, chown, chmod, flags.bool("link"), flags.bool("parents"),
        excludes, checksum, expandedHeredocs, state.user());
  }

  private static boolean isHeredocWord(String source, Heredoc heredoc) {
    return source.matches("<<-?[\"']?" + java.util.regex.Pattern.quote(heredoc.name()) + "[\"']?");
  }

  private static String expandOrNull(String value, Expansion expansion) throws InstructionException {
    return value == null ? null : expansion.word(value);
  }
}
