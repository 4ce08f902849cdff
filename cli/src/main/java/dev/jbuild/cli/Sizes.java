package dev.jbuild.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Byte sizes as people write them: {@code 10GB}, {@code 512MB}, {@code 1.5G}. Units are powers of 1024, as docker's. */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)i?b?");

  private Sizes() {}

  static long parse(String text, CommandLine commandLine) {
    Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new CommandLine.ParameterException(commandLine, "not a size: " + text + " (e.g. 10GB, 512MB)");
    }
    double value = Double.parseDouble(matcher.group(1));
    int power = "kmgt".indexOf(matcher.group(2)) + 1;
    return (long) (value * Math.pow(1024, matcher.group(2).isEmpty() ? 0 : power));
  }

  static String format(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
  }
}
