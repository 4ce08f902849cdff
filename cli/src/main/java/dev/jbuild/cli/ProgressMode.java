package dev.jbuild.cli;

import java.util.Locale;
import picocli.CommandLine;

/** {@code --progress}: how build progress is shown on standard error, as in {@code docker build}. */
enum ProgressMode {
  /** {@link #TTY} when standard error is a terminal that understands ANSI, else {@link #PLAIN}. */
  AUTO,
  /** A live view redrawn in place, one line per running step. */
  TTY,
  /** Line-oriented logs, one event per line, for CI. */
  PLAIN,
  /** One JSON object per event per line, for tools. */
  JSON,
  /** Nothing but errors. */
  QUIET;

  /** The name users write: {@code auto}, {@code tty}, ... */
  String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The flag value, so that help, completion and error messages show what users write. */
  @Override
  public String toString() {
    return flagValue();
  }

  /** The mode named {@code value} (any case), or null when there is none. */
  static ProgressMode parse(String value) {
    for (ProgressMode mode : values()) {
      if (mode.flagValue().equalsIgnoreCase(value)) {
        return mode;
      }
    }
    return null;
  }

  /** Reads {@code --progress} values in any case; an unknown one names the choices as users write them. */
  static final class Converter implements CommandLine.ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      ProgressMode mode = parse(value);
      if (mode == null) {
        throw new CommandLine.TypeConversionException(
            "expected auto, tty, plain, json or quiet, got '" + value + "'");
      }
      return mode;
    }
  }

  /** What {@code AUTO} and {@code TTY} become on this terminal: plain unless ANSI redraw works. */
  ProgressMode resolve(Terminal terminal) {
    return switch (this) {
      case AUTO -> terminal.isInteractive() && terminal.understandsAnsi() ? TTY : PLAIN;
      case TTY -> terminal.understandsAnsi() ? TTY : PLAIN;
      default -> this;
    };
  }
}
