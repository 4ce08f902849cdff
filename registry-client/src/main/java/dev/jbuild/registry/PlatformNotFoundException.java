package dev.jbuild.registry;

import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import java.util.List;
import java.util.stream.Collectors;

/** An image index or manifest list has no image for the platform asked for. */
public class PlatformNotFoundException extends RegistryException {
  private final List<Platform> available;

  public PlatformNotFoundException(
      ImageReference reference, Platform wanted, List<Platform> available) {
    super("no image for " + wanted + " in " + reference.familiar() + " (available: "
        + (available.isEmpty()
            ? "none"
            : available.stream().map(Platform::toString).collect(Collectors.joining(", ")))
        + ")");
    this.available = List.copyOf(available);
  }

  /** The platforms the index does list, in its order. */
  public List<Platform> available() {
    return available;
  }
}
