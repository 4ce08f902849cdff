package dev.jbuild.core.plan;

import dev.jbuild.core.image.ImageReference;
import java.util.Objects;

/** What a stage's FROM names. */
public sealed interface Base {
  /** {@code FROM scratch}: an empty filesystem. */
  record Scratch() implements Base {}

  /** {@code FROM <earlier stage>}. */
  record Stage(int index) implements Base {}

  /** {@code FROM <image reference>}; {@code platform} is the {@code --platform} value or null. */
  record Image(ImageReference reference, String platform) implements Base {
    public Image {
      Objects.requireNonNull(reference, "reference");
    }
  }
}
