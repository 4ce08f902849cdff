package dev.jbuild.core.tar;

import java.io.IOException;

/** A layer blob whose tar structure cannot be read (bad header, checksum, PAX record, or truncation). */
public final class MalformedTarException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedTarException(String message) {
    super(message);
  }
}
