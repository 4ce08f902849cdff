package dev.jbuild.core.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** An OS/architecture pair such as {@code linux/amd64} or {@code linux/arm/v7}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("variant") String variant) {

  public static final Platform LINUX_AMD64 = new Platform("amd64", "linux", null);

  public Platform {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    if (variant != null && variant.isEmpty()) {
      variant = null;
    }
  }

  /** Parses {@code os/arch[/variant]}. */
  public static Platform parse(String text) {
    String[] parts = text.split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("not a platform (os/arch[/variant]): " + text);
    }
    return new Platform(parts[1], parts[0], parts.length == 3 ? parts[2] : null);
  }

  /** The platform of this JVM's host, in Go's GOARCH names. */
  public static Platform host() {
    String arch =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          default -> System.getProperty("os.arch");
        };
    return new Platform(arch, "linux", arch.equals("arm64") ? "v8" : null);
  }

  /** True when {@code other} describes the same platform; a missing variant matches any. */
  public boolean matches(Platform other) {
    return os.equals(other.os)
        && architecture.equals(other.architecture)
        && (variant == null || other.variant == null || variant.equals(other.variant));
  }

  @JsonIgnore
  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
