package dev.jbuild.grammar;

import dev.jbuild.grammar.SyntaxNode.FlagWord;
import dev.jbuild.grammar.ast.Flag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The flags one instruction accepts and BuildKit's rules for them: an unknown flag is an error
 * (with a suggestion); a boolean flag is bare or {@code =true}/{@code =false}; a string flag needs
 * {@code =value}; only a repeatable flag may appear twice.
 */
final class FlagRules {
  enum Kind { BOOLEAN, STRING, REPEATABLE_STRING }

  private static final FlagRules NONE = new FlagRules(Map.of());

  private final Map<String, Kind> allowed;

  private FlagRules(Map<String, Kind> allowed) {
    this.allowed = allowed;
  }

  /** An instruction that takes no flag. */
  static FlagRules none() {
    return NONE;
  }

  /** Pairs of name and {@link Kind}. */
  static FlagRules of(Object... namesAndKinds) {
    Map<String, Kind> allowed = new LinkedHashMap<>();
    for (int index = 0; index < namesAndKinds.length; index += 2) {
      allowed.put((String) namesAndKinds[index], (Kind) namesAndKinds[index + 1]);
    }
    return new FlagRules(allowed);
  }

  /** The node's flags as written, once they pass these rules. */
  List<Flag> check(List<FlagWord> words) throws LineProblem {
    List<Flag> flags = new ArrayList<>(words.size());
    Set<String> used = new HashSet<>();
    for (FlagWord word : words) {
      String body = word.text().substring(2);
      int equals = body.indexOf('=');
      String name = equals < 0 ? body : body.substring(0, equals);
      String value = equals < 0 ? null : body.substring(equals + 1);
      Kind kind = allowed.get(name);
      if (kind == null) {
        throw new LineProblem(
            Suggestions.withSuggestion("unknown flag: " + name, name, allowed.keySet(), true), word.offset());
      }
      if (!used.add(name) && kind != Kind.REPEATABLE_STRING) {
        throw new LineProblem("duplicate flag specified: " + name, word.offset());
      }
      switch (kind) {
        case BOOLEAN -> {
          if (value != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
              throw new LineProblem("missing a value on flag: " + name, word.offset());
            }
            if (!lower.equals("true") && !lower.equals("false")) {
              throw new LineProblem("expecting boolean value for flag " + name + ", not: " + value, word.offset());
            }
          }
        }
        case STRING, REPEATABLE_STRING -> {
          if (value == null) {
            throw new LineProblem("missing a value on flag: " + name, word.offset());
          }
        }
      }
      flags.add(new Flag(name, value));
    }
    return flags;
  }

  /** The flags as written, unchecked (for the instructions whose flags BuildKit ignores). */
  static List<Flag> unchecked(List<FlagWord> words) {
    List<Flag> flags = new ArrayList<>(words.size());
    for (FlagWord word : words) {
      String body = word.text().substring(2);
      int equals = body.indexOf('=');
      flags.add(equals < 0 ? new Flag(body, null) : new Flag(body.substring(0, equals), body.substring(equals + 1)));
    }
    return flags;
  }
}
