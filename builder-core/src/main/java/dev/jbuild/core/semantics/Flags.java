package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.Flag;
import dev.jbuild.grammar.ast.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reading an instruction's flags (names without the leading dashes, case-insensitive). */
final class Flags {
  private final List<Flag> flags;
  private final SourceRange range;
  private final String keyword;

  Flags(List<Flag> flags, SourceRange range, String keyword, Set<String> allowed) throws InstructionException {
    this.flags = flags;
    this.range = range;
    this.keyword = keyword;
    for (Flag flag : flags) {
      if (!allowed.contains(name(flag))) {
        throw new InstructionException(range, "unknown flag: --" + name(flag) + " for " + keyword);
      }
    }
  }

  static String name(Flag flag) {
    String name = flag.name();
    while (name.startsWith("-")) {
      name = name.substring(1);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** The value of a flag given at most once, or null when absent. */
  String single(String name) throws InstructionException {
    String value = null;
    boolean seen = false;
    for (Flag flag : flags) {
      if (name(flag).equals(name)) {
        if (seen) {
          throw new InstructionException(range, "--" + name + " given more than once on " + keyword);
        }
        seen = true;
        if (flag.isBare()) {
          throw new InstructionException(range, "--" + name + " needs a value on " + keyword);
        }
        value = flag.value();
      }
    }
    return value;
  }

  /** Every value of a repeatable flag. */
  List<String> all(String name) throws InstructionException {
    List<String> values = new ArrayList<>();
    for (Flag flag : flags) {
      if (name(flag).equals(name)) {
        if (flag.isBare()) {
          throw new InstructionException(range, "--" + name + " needs a value on " + keyword);
        }
        values.add(flag.value());
      }
    }
    return values;
  }

  /** A boolean flag: bare or {@code =true} is true, {@code =false} false. */
  boolean bool(String name) throws InstructionException {
    boolean result = false;
    for (Flag flag : flags) {
      if (name(flag).equals(name)) {
        if (flag.isBare() || flag.value().equalsIgnoreCase("true")) {
          result = true;
        } else if (flag.value().equalsIgnoreCase("false")) {
          result = false;
        } else {
          throw new InstructionException(range, "expecting boolean value for --" + name + ", got " + flag.value());
        }
      }
    }
    return result;
  }
}
