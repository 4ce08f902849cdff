package dev.jbuild.registry;

import dev.jbuild.core.image.ImageReference;

/** No registry tried (mirrors, then the reference's own) has a manifest for the reference. */
public class ImageNotFoundException extends RegistryException {
  private final ImageReference reference;

  public ImageNotFoundException(ImageReference reference, Throwable cause) {
    super("manifest unknown: " + reference.familiar(), cause);
    this.reference = reference;
  }

  public ImageReference reference() {
    return reference;
  }
}
