package dev.jbuild.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts for people: written as docker does ({@code 3.4MB}, decimal units) and read back. */
final class ByteSizes {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};
  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtT]?)(i?)[bB]?");

  private ByteSizes() {}

  static String format(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return unit == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.1f%s", value, UNITS[unit]);
  }

  /**
   * Reads {@code 512}, {@code 10GB}, {@code 1.5 GiB}, {@code 300m}: decimal units by default and
   * binary ones with {@code i}, as docker's {@code units.FromHumanSize}/{@code RAMInBytes} accept.
   *
   * @throws IllegalArgumentException when {@code text} is not a size
   */
  static long parse(String text) {
    Matcher matcher = SIZE.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("expected a size such as 512, 500MB or 10GiB, got \"" + text + "\"");
    }
    String unit = matcher.group(2).toLowerCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : "kmgt".indexOf(unit) + 1;
    BigDecimal base = BigDecimal.valueOf(matcher.group(3).isEmpty() ? 1000 : 1024);
    BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(base.pow(power));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("size too large: " + text);
    }
    return bytes.longValue();
  }
}
