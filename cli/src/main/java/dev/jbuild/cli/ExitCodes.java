package dev.jbuild.cli;

/** jbuild's exit codes. */
final class ExitCodes {
  static final int OK = 0;
  static final int BUILD_FAILED = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
