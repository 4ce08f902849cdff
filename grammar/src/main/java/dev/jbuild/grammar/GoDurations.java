package dev.jbuild.grammar;

/**
 * Go's {@code time.ParseDuration}, which BuildKit uses for the HEALTHCHECK interval flags: a
 * sequence of decimal numbers, each with an optional fraction and a unit (ns, us, µs, ms, s, m,
 * h), with an optional sign; "0" needs no unit.
 */
final class GoDurations {
  private GoDurations() {}

  /** A text that is not a Go duration; the message is Go's. */
  static final class InvalidDurationException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidDurationException(String message) {
      super(message);
    }
  }

  /** The duration in nanoseconds. */
  static long parseNanos(String text) throws InvalidDurationException {
    String original = text;
    String rest = text;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return 0;
    }
    if (rest.isEmpty()) {
      throw invalid(original);
    }
    // The total as an unsigned 64-bit value; Go allows up to 1<<63 before applying the sign.
    long total = 0;
    while (!rest.isEmpty()) {
      char first = rest.charAt(0);
      if (first != '.' && (first < '0' || first > '9')) {
        throw invalid(original);
      }
      int index = 0;
      long whole = 0;
      while (index < rest.length() && rest.charAt(index) >= '0' && rest.charAt(index) <= '9') {
        if (Long.compareUnsigned(whole, Long.divideUnsigned(Long.MIN_VALUE, 10)) > 0) {
          throw invalid(original);
        }
        whole = whole * 10 + (rest.charAt(index) - '0');
        if (Long.compareUnsigned(whole, Long.MIN_VALUE) > 0) {
          throw invalid(original);
        }
        index++;
      }
      boolean hasWhole = index > 0;
      long fraction = 0;
      double scale = 1;
      boolean hasFraction = false;
      if (index < rest.length() && rest.charAt(index) == '.') {
        index++;
        boolean overflow = false;
        while (index < rest.length() && rest.charAt(index) >= '0' && rest.charAt(index) <= '9') {
          hasFraction = true;
          if (!overflow) {
            if (fraction > (Long.MAX_VALUE - 9) / 10) {
              overflow = true;
            } else {
              fraction = fraction * 10 + (rest.charAt(index) - '0');
              scale *= 10;
            }
          }
          index++;
        }
      }
      if (!hasWhole && !hasFraction) {
        throw invalid(original);
      }
      int unitStart = index;
      while (index < rest.length() && rest.charAt(index) != '.'
          && (rest.charAt(index) < '0' || rest.charAt(index) > '9')) {
        index++;
      }
      if (index == unitStart) {
        throw new InvalidDurationException("time: missing unit in duration " + GoText.quote(original));
      }
      String unitName = rest.substring(unitStart, index);
      long unit = unitNanos(unitName);
      if (unit == 0) {
        throw new InvalidDurationException(
            "time: unknown unit " + GoText.quote(unitName) + " in duration " + GoText.quote(original));
      }
      if (Long.compareUnsigned(whole, Long.divideUnsigned(Long.MIN_VALUE, unit)) > 0) {
        throw invalid(original);
      }
      long value = whole * unit;
      if (fraction > 0) {
        value += (long) (fraction * (unit / scale));
        if (Long.compareUnsigned(value, Long.MIN_VALUE) > 0) {
          throw invalid(original);
        }
      }
      total += value;
      if (Long.compareUnsigned(total, Long.MIN_VALUE) > 0) {
        throw invalid(original);
      }
      rest = rest.substring(index);
    }
    if (negative) {
      return -total;
    }
    if (total == Long.MIN_VALUE) {
      throw invalid(original);
    }
    return total;
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00B5s", "\u03BCs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 0L;
    };
  }

  private static InvalidDurationException invalid(String original) {
    return new InvalidDurationException("time: invalid duration " + GoText.quote(original));
  }
}
