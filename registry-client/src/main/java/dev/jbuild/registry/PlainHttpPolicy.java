package dev.jbuild.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which registries are spoken to in plain HTTP, as docker decides it: {@code localhost},
 * 127.0.0.0/8 and ::1 always, other registries only when listed as insecure. Everything else is
 * HTTPS with certificate checks, and there is no fallback from one to the other. Names are not
 * resolved (a name that resolves to 127.0.0.1 is not loopback here): the decision is about what
 * the user wrote, and costs no DNS lookup. Immutable.
 */
final class PlainHttpPolicy {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private final Set<String> insecureRegistries;

  PlainHttpPolicy(Set<String> insecureRegistries) {
    this.insecureRegistries = Set.copyOf(insecureRegistries);
  }

  /** Whether {@code hostAndPort} (a registry as named in a reference, or a URL's authority) may use plain HTTP. */
  boolean allowsPlainHttp(String hostAndPort) {
    return insecureRegistries.contains(hostAndPort) || isLoopback(hostOf(hostAndPort));
  }

  /** The host part of {@code host[:port]}, IPv6 literals without brackets. */
  static String hostOf(String hostAndPort) {
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      return close < 0 ? hostAndPort : hostAndPort.substring(1, close);
    }
    int colon = hostAndPort.indexOf(':');
    boolean singleColon = colon >= 0 && colon == hostAndPort.lastIndexOf(':');
    return singleColon ? hostAndPort.substring(0, colon) : hostAndPort;
  }

  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (IPV4.matcher(host).matches()) {
      return host.startsWith("127.");
    }
    if (host.contains(":")) {
      try {
        // An IPv6 literal: parsed, never looked up.
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException notALiteral) {
        return false;
      }
    }
    return false;
  }
}
