package dev.jbuild.executor.linux;

import java.io.IOException;

/** A failed system call; the message names the call, what it was applied to, and the errno. */
public final class LinuxException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  LinuxException(String call, int errno, String description) {
    super(call + " failed: " + description);
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }
}
