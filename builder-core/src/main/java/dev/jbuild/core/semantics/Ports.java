package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** EXPOSE port specs as docker reads them: {@code 80}, {@code 53/udp}, {@code 8000-8002/tcp}. */
final class Ports {
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

  private Ports() {}

  /** The {@code port/protocol} entries one word stands for (a range gives one per port). */
  static List<String> parse(String word, SourceRange range) throws InstructionException {
    String spec = word;
    String protocol = "tcp";
    int slash = spec.indexOf('/');
    if (slash >= 0) {
      protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
      spec = spec.substring(0, slash);
    }
    if (!PROTOCOLS.contains(protocol)) {
      throw new InstructionException(range, "invalid proto: " + protocol);
    }
    if (spec.contains(":")) {
      throw new InstructionException(range, "EXPOSE takes container ports only, not host mappings: " + word);
    }
    int dash = spec.indexOf('-');
    int first = number(dash < 0 ? spec : spec.substring(0, dash), word, range);
    int last = dash < 0 ? first : number(spec.substring(dash + 1), word, range);
    if (last < first) {
      throw new InstructionException(range, "invalid range specified for port: " + word);
    }
    List<String> ports = new ArrayList<>();
    for (int port = first; port <= last; port++) {
      ports.add(port + "/" + protocol);
    }
    return ports;
  }

  private static int number(String text, String word, SourceRange range) throws InstructionException {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new InstructionException(range, "invalid containerPort: " + word);
    }
  }
}
