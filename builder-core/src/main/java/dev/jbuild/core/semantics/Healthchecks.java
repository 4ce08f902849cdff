package dev.jbuild.core.semantics;

import dev.jbuild.core.image.ContainerConfig;
import dev.jbuild.grammar.ast.HealthcheckInstruction;
import dev.jbuild.grammar.ast.SourceRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HEALTHCHECK's flags and command as the image config's Healthcheck. */
final class Healthchecks {
  private static final Set<String> ALLOWED = Set.of("interval", "timeout", "start-period", "start-interval", "retries");
  private static final Pattern DURATION_PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");

  private Healthchecks() {}

  static ContainerConfig.Healthcheck of(HealthcheckInstruction instruction) throws InstructionException {
    SourceRange range = instruction.range();
    Flags flags = new Flags(instruction.flags(), range, "HEALTHCHECK", ALLOWED);
    if (instruction.command() == null) {
      if (!instruction.flags().isEmpty()) {
        throw new InstructionException(range, "HEALTHCHECK NONE takes no flags");
      }
      return new ContainerConfig.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0);
    }
    List<String> test = new ArrayList<>();
    if (instruction.command().execForm()) {
      test.add("CMD");
      test.addAll(instruction.command().arguments());
    } else {
      test.add("CMD-SHELL");
      test.add(instruction.command().arguments().get(0));
    }
    int retries = 0;
    String retriesText = flags.single("retries");
    if (retriesText != null) {
      try {
        retries = Integer.parseInt(retriesText);
      } catch (NumberFormatException e) {
        throw new InstructionException(range, "invalid --retries=" + retriesText);
      }
      if (retries < 0) {
        throw new InstructionException(range, "--retries cannot be negative (" + retries + ")");
      }
    }
    return new ContainerConfig.Healthcheck(test,
        duration(flags.single("interval"), "interval", range),
        duration(flags.single("timeout"), "timeout", range),
        duration(flags.single("start-period"), "start-period", range),
        duration(flags.single("start-interval"), "start-interval", range),
        retries);
  }

  /** Go's time.ParseDuration, in nanoseconds; docker requires 0 or at least 1ms. */
  static long duration(String text, String name, SourceRange range) throws InstructionException {
    if (text == null || text.equals("0")) {
      return 0;
    }
    Matcher matcher = DURATION_PART.matcher(text);
    int position = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (matcher.find() && matcher.start() == position) {
      BigDecimal unit = switch (matcher.group(2)) {
        case "ns" -> BigDecimal.ONE;
        case "us", "µs" -> BigDecimal.valueOf(1_000L);
        case "ms" -> BigDecimal.valueOf(1_000_000L);
        case "s" -> BigDecimal.valueOf(1_000_000_000L);
        case "m" -> BigDecimal.valueOf(60_000_000_000L);
        default -> BigDecimal.valueOf(3_600_000_000_000L);
      };
      nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(unit));
      position = matcher.end();
    }
    if (position != text.length() || position == 0) {
      throw new InstructionException(range, "invalid duration --" + name + "=" + text);
    }
    long value = nanos.longValue();
    if (value < 1_000_000L) {
      throw new InstructionException(range, "--" + name + " cannot be less than 1ms: " + text);
    }
    return value;
  }
}
