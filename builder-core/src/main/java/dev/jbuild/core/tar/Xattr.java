package dev.jbuild.core.tar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One extended attribute. Values are bytes, not text: {@code security.capability} is binary, and
 * tar stores it as raw bytes in a {@code SCHILY.xattr.} PAX record.
 */
public record Xattr(String name, byte[] value) implements Comparable<Xattr> {
  public Xattr {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a valid xattr name: " + name);
    }
    value = value.clone();
  }

  public static Xattr of(String name, String utf8Value) {
    return new Xattr(name, utf8Value.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the value; the record never shares its array. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Xattr that && name.equals(that.name) && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return name + "=0x" + HexFormat.of().formatHex(value);
  }

  @Override
  public int compareTo(Xattr other) {
    return name.compareTo(other.name);
  }
}
