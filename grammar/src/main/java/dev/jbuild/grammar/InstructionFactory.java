package dev.jbuild.grammar;

import dev.jbuild.grammar.FlagRules.Kind;
import dev.jbuild.grammar.ast.AddInstruction;
import dev.jbuild.grammar.ast.ArgDeclaration;
import dev.jbuild.grammar.ast.ArgInstruction;
import dev.jbuild.grammar.ast.CmdInstruction;
import dev.jbuild.grammar.ast.Command;
import dev.jbuild.grammar.ast.CopyInstruction;
import dev.jbuild.grammar.ast.EntrypointInstruction;
import dev.jbuild.grammar.ast.EnvInstruction;
import dev.jbuild.grammar.ast.ExposeInstruction;
import dev.jbuild.grammar.ast.Flag;
import dev.jbuild.grammar.ast.FromInstruction;
import dev.jbuild.grammar.ast.HealthcheckInstruction;
import dev.jbuild.grammar.ast.Heredoc;
import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.KeyValue;
import dev.jbuild.grammar.ast.LabelInstruction;
import dev.jbuild.grammar.ast.MaintainerInstruction;
import dev.jbuild.grammar.ast.OnbuildInstruction;
import dev.jbuild.grammar.ast.RunInstruction;
import dev.jbuild.grammar.ast.ShellInstruction;
import dev.jbuild.grammar.ast.SourceRange;
import dev.jbuild.grammar.ast.StopsignalInstruction;
import dev.jbuild.grammar.ast.UserInstruction;
import dev.jbuild.grammar.ast.VolumeInstruction;
import dev.jbuild.grammar.ast.WorkdirInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The second phase of reading a Dockerfile (BuildKit's instructions package): turns each
 * instruction's {@link SyntaxNode} into a typed AST record, applying the checks BuildKit makes per
 * instruction: the known keywords, the flags each accepts, argument counts, FROM's stage name,
 * HEALTHCHECK's type and intervals, SHELL's JSON form, ONBUILD's allowed triggers.
 *
 * <p>Where BuildKit ignores something, so does this: ARG, STOPSIGNAL and HEALTHCHECK NONE accept
 * any flag (ARG's and STOPSIGNAL's are dropped, as BuildKit never reads them).
 */
final class InstructionFactory {
  /** BuildKit's allowed stage names, checked after lower-casing. */
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
  /** Docker's minimum for a non-zero HEALTHCHECK interval. */
  private static final long MINIMUM_INTERVAL_NANOS = 1_000_000L;

  static final List<String> KEYWORDS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV",
      "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
      "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

  private static final FlagRules FROM_FLAGS = FlagRules.of("platform", Kind.STRING);
  private static final FlagRules RUN_FLAGS = FlagRules.of(
      "mount", Kind.REPEATABLE_STRING, "network", Kind.STRING, "security", Kind.STRING);
  private static final FlagRules COPY_FLAGS = FlagRules.of(
      "exclude", Kind.REPEATABLE_STRING, "parents", Kind.BOOLEAN, "chown", Kind.STRING,
      "from", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOLEAN);
  private static final FlagRules ADD_FLAGS = FlagRules.of(
      "exclude", Kind.REPEATABLE_STRING, "chown", Kind.STRING, "chmod", Kind.STRING,
      "link", Kind.BOOLEAN, "keep-git-dir", Kind.BOOLEAN, "checksum", Kind.STRING);
  private static final FlagRules HEALTHCHECK_FLAGS = FlagRules.of(
      "interval", Kind.STRING, "timeout", Kind.STRING, "start-period", Kind.STRING,
      "start-interval", Kind.STRING, "retries", Kind.STRING);

  private InstructionFactory() {}

  /** The typed instruction for a first-phase instruction. */
  static Instruction create(SourceText source, DockerfileSyntax.Parsed parsed) throws DockerfileParseException {
    LogicalLine line = parsed.line();
    SourceRange range = new SourceRange(line.startLine(), line.endLine());
    try {
      return create(parsed.node(), line.text(), range, parsed.heredocs());
    } catch (LineProblem problem) {
      throw DockerfileSyntax.error(source, line, problem.offset(), problem.getMessage());
    }
  }

  private static Instruction create(SyntaxNode node, String text, SourceRange range, List<Heredoc> heredocs)
      throws LineProblem {
    List<String> arguments = node.arguments();
    return switch (node.lowerKeyword()) {
      case "from" -> from(node, text, range);
      case "run" -> new RunInstruction(range, text, RUN_FLAGS.check(node.flags()), command(node, arguments),
          node.json() ? List.of() : heredocs);
      case "cmd" -> new CmdInstruction(range, text, commandWithoutFlags(node));
      case "entrypoint" -> new EntrypointInstruction(range, text, commandWithoutFlags(node));
      case "label" -> new LabelInstruction(range, text, keyValues(node, "LABEL"));
      case "env" -> new EnvInstruction(range, text, keyValues(node, "ENV"));
      case "maintainer" -> {
        requireExactlyOne(node, "MAINTAINER");
        FlagRules.none().check(node.flags());
        yield new MaintainerInstruction(range, text, arguments.get(0));
      }
      case "expose" -> {
        requireAtLeastOne(node, "EXPOSE");
        FlagRules.none().check(node.flags());
        yield new ExposeInstruction(range, text, arguments);
      }
      case "add" -> {
        requireSourceAndDestination(node, "ADD");
        List<Flag> flags = ADD_FLAGS.check(node.flags());
        requireNoHeredocDestination(node, "ADD");
        yield new AddInstruction(range, text, flags, sources(arguments), destination(arguments), heredocs);
      }
      case "copy" -> {
        requireSourceAndDestination(node, "COPY");
        List<Flag> flags = COPY_FLAGS.check(node.flags());
        requireNoHeredocDestination(node, "COPY");
        yield new CopyInstruction(range, text, flags, sources(arguments), destination(arguments), heredocs);
      }
      case "volume" -> volume(node, text, range);
      case "user" -> {
        requireExactlyOne(node, "USER");
        FlagRules.none().check(node.flags());
        yield new UserInstruction(range, text, arguments.get(0));
      }
      case "workdir" -> {
        requireExactlyOne(node, "WORKDIR");
        FlagRules.none().check(node.flags());
        yield new WorkdirInstruction(range, text, arguments.get(0));
      }
      case "arg" -> arg(node, text, range);
      case "onbuild" -> onbuild(node, text, range, heredocs);
      case "stopsignal" -> {
        requireExactlyOne(node, "STOPSIGNAL");
        yield new StopsignalInstruction(range, text, arguments.get(0));
      }
      case "healthcheck" -> healthcheck(node, text, range);
      case "shell" -> shell(node, text, range);
      default -> throw unknownInstruction(node);
    };
  }

  private static LineProblem unknownInstruction(SyntaxNode node) {
    if (node.keyword().isEmpty()) {
      return new LineProblem("missing instruction keyword", node.keywordOffset());
    }
    return new LineProblem(Suggestions.withSuggestion(
        "unknown instruction: " + node.keyword(), node.keyword(), KEYWORDS, false), node.keywordOffset());
  }

  private static FromInstruction from(SyntaxNode node, String text, SourceRange range) throws LineProblem {
    List<String> arguments = node.arguments();
    String stageName = null;
    if (arguments.size() == 3 && arguments.get(1).equalsIgnoreCase("as")) {
      stageName = arguments.get(2);
      if (!STAGE_NAME.matcher(stageName.toLowerCase(Locale.ROOT)).matches()) {
        throw new LineProblem("invalid name for build stage: " + GoText.quote(stageName)
            + ", name can't start with a number or contain symbols", argumentsOffset(node));
      }
    } else if (arguments.size() != 1) {
      throw new LineProblem("FROM requires either one or three arguments", argumentsOffset(node));
    }
    List<Flag> flags = FROM_FLAGS.check(node.flags());
    return new FromInstruction(range, text, flags, arguments.get(0), stageName);
  }

  /** RUN, CMD, ENTRYPOINT: a JSON array is exec form; anything else is one shell string. */
  private static Command command(SyntaxNode node, List<String> arguments) {
    if (node.json()) {
      return Command.exec(arguments);
    }
    return Command.shell(arguments.isEmpty() ? "" : arguments.get(0));
  }

  private static Command commandWithoutFlags(SyntaxNode node) throws LineProblem {
    FlagRules.none().check(node.flags());
    return command(node, node.arguments());
  }

  private static List<KeyValue> keyValues(SyntaxNode node, String keyword) throws LineProblem {
    FlagRules.none().check(node.flags());
    List<String> triples = node.arguments();
    if (triples.isEmpty()) {
      throw atLeastOne(node, keyword);
    }
    List<KeyValue> pairs = new ArrayList<>(triples.size() / 3);
    for (int index = 0; index < triples.size(); index += 3) {
      if (triples.get(index).isEmpty()) {
        throw new LineProblem(keyword + " names can not be blank", argumentsOffset(node));
      }
      pairs.add(new KeyValue(triples.get(index), triples.get(index + 1)));
    }
    return pairs;
  }

  private static VolumeInstruction volume(SyntaxNode node, String text, SourceRange range) throws LineProblem {
    requireAtLeastOne(node, "VOLUME");
    FlagRules.none().check(node.flags());
    List<String> paths = new ArrayList<>(node.arguments().size());
    for (String argument : node.arguments()) {
      String path = GoText.trimSpace(argument);
      if (path.isEmpty()) {
        throw new LineProblem("VOLUME specified can not be an empty string", argumentsOffset(node));
      }
      paths.add(path);
    }
    return new VolumeInstruction(range, text, paths);
  }

  private static ArgInstruction arg(SyntaxNode node, String text, SourceRange range) throws LineProblem {
    requireAtLeastOne(node, "ARG");
    List<ArgDeclaration> declarations = new ArrayList<>(node.arguments().size());
    for (String argument : node.arguments()) {
      int equals = argument.indexOf('=');
      if (equals < 0) {
        declarations.add(new ArgDeclaration(argument, null));
        continue;
      }
      if (equals == 0) {
        throw new LineProblem("ARG names can not be blank", argumentsOffset(node));
      }
      declarations.add(new ArgDeclaration(argument.substring(0, equals), argument.substring(equals + 1)));
    }
    return new ArgInstruction(range, text, declarations);
  }

  private static OnbuildInstruction onbuild(SyntaxNode node, String text, SourceRange range,
      List<Heredoc> heredocs) throws LineProblem {
    SyntaxNode trigger = node.child();
    if (trigger == null) {
      throw atLeastOne(node, "ONBUILD");
    }
    FlagRules.none().check(node.flags());
    String triggerKeyword = trigger.keyword().toUpperCase(Locale.ROOT);
    switch (triggerKeyword) {
      case "ONBUILD" -> throw new LineProblem(
          "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", trigger.keywordOffset());
      case "MAINTAINER", "FROM" -> throw new LineProblem(
          triggerKeyword + " isn't allowed as an ONBUILD trigger", trigger.keywordOffset());
      default -> {
        // any other instruction may be a trigger
      }
    }
    return new OnbuildInstruction(range, text, create(trigger, node.rest(), range, heredocs));
  }

  private static HealthcheckInstruction healthcheck(SyntaxNode node, String text, SourceRange range)
      throws LineProblem {
    List<String> arguments = node.arguments();
    if (arguments.isEmpty()) {
      throw atLeastOne(node, "HEALTHCHECK");
    }
    String type = arguments.get(0).toUpperCase(Locale.ROOT);
    List<String> command = arguments.subList(1, arguments.size());
    if (type.equals("NONE")) {
      if (!command.isEmpty()) {
        throw new LineProblem("HEALTHCHECK NONE takes no arguments", argumentsOffset(node));
      }
      return new HealthcheckInstruction(range, text, FlagRules.unchecked(node.flags()), null);
    }
    List<Flag> flags = HEALTHCHECK_FLAGS.check(node.flags());
    if (!type.equals("CMD")) {
      throw new LineProblem("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)",
          argumentsOffset(node));
    }
    if (command.isEmpty()) {
      throw new LineProblem("Missing command after HEALTHCHECK CMD", argumentsOffset(node));
    }
    // BuildKit checks the values in this order, whatever order they were written in.
    for (String name : List.of("interval", "timeout", "start-period", "start-interval", "retries")) {
      for (Flag flag : flags) {
        if (flag.name().equals(name)) {
          checkHealthcheckFlag(node, flag);
        }
      }
    }
    return new HealthcheckInstruction(range, text, flags,
        node.json() ? Command.exec(command) : Command.shell(command.get(0)));
  }

  private static void checkHealthcheckFlag(SyntaxNode node, Flag flag) throws LineProblem {
    int offset = flagOffset(node, flag.name());
    if (flag.name().equals("retries")) {
      if (flag.value().isEmpty()) {
        return;
      }
      long retries;
      try {
        retries = Long.parseLong(flag.value());
      } catch (NumberFormatException notNumber) {
        throw new LineProblem("strconv.ParseInt: parsing " + GoText.quote(flag.value())
            + ": " + (flag.value().matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"), offset);
      }
      if (retries < Integer.MIN_VALUE || retries > Integer.MAX_VALUE) {
        throw new LineProblem("strconv.ParseInt: parsing " + GoText.quote(flag.value())
            + ": value out of range", offset);
      }
      if (retries < 0) {
        throw new LineProblem("--retries cannot be negative (" + retries + ")", offset);
      }
      return;
    }
    if (flag.value().isEmpty()) {
      return;
    }
    long nanos;
    try {
      nanos = GoDurations.parseNanos(flag.value());
    } catch (GoDurations.InvalidDurationException invalid) {
      throw new LineProblem(invalid.getMessage(), offset);
    }
    if (nanos != 0 && nanos < MINIMUM_INTERVAL_NANOS) {
      throw new LineProblem("Interval " + GoText.quote(flag.name()) + " cannot be less than 1ms", offset);
    }
  }

  private static ShellInstruction shell(SyntaxNode node, String text, SourceRange range) throws LineProblem {
    FlagRules.none().check(node.flags());
    if (node.arguments().isEmpty()) {
      throw atLeastOne(node, "SHELL");
    }
    if (!node.json()) {
      throw new LineProblem("SHELL requires the arguments to be in JSON form", argumentsOffset(node));
    }
    return new ShellInstruction(range, text, node.arguments());
  }

  private static void requireExactlyOne(SyntaxNode node, String keyword) throws LineProblem {
    if (node.arguments().size() != 1) {
      throw new LineProblem(keyword + " requires exactly one argument", argumentsOffset(node));
    }
  }

  private static void requireAtLeastOne(SyntaxNode node, String keyword) throws LineProblem {
    if (node.arguments().isEmpty()) {
      throw atLeastOne(node, keyword);
    }
  }

  private static LineProblem atLeastOne(SyntaxNode node, String keyword) {
    return new LineProblem(keyword + " requires at least one argument", argumentsOffset(node));
  }

  private static void requireSourceAndDestination(SyntaxNode node, String keyword) throws LineProblem {
    if (node.arguments().size() < 2) {
      throw new LineProblem(keyword + " requires at least two arguments, but only one was provided."
          + " Destination could not be determined", argumentsOffset(node));
    }
  }

  private static void requireNoHeredocDestination(SyntaxNode node, String keyword) throws LineProblem {
    try {
      if (HeredocWords.parse(destination(node.arguments())) != null) {
        throw new LineProblem(keyword + " cannot accept a heredoc as a destination", argumentsOffset(node));
      }
    } catch (HeredocWords.BadHeredocException notHeredoc) {
      // BuildKit only asks whether the destination is a heredoc word; a malformed one is not
    }
  }

  private static List<String> sources(List<String> arguments) {
    return arguments.subList(0, arguments.size() - 1);
  }

  private static String destination(List<String> arguments) {
    return arguments.get(arguments.size() - 1);
  }

  /** Where the arguments start, or the keyword when there are none (for error positions). */
  private static int argumentsOffset(SyntaxNode node) {
    return node.restStart() < node.restEnd() ? node.restStart() : node.keywordOffset();
  }

  private static int flagOffset(SyntaxNode node, String name) {
    for (SyntaxNode.FlagWord word : node.flags()) {
      if (word.text().startsWith("--" + name)) {
        return word.offset();
      }
    }
    return node.keywordOffset();
  }
}
