package dev.jbuild.core.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An OCI image index or a Docker manifest list. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageIndex(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("manifests") List<Descriptor> manifests,
    @JsonProperty("annotations") Map<String, String> annotations) {

  public ImageIndex {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** The first image manifest for {@code platform}, as docker picks it. */
  public Optional<Descriptor> select(Platform platform) {
    return manifests.stream()
        .filter(m -> m.platform() != null && m.platform().matches(platform))
        .filter(m -> MediaTypes.isManifest(m.mediaType()))
        .findFirst();
  }
}
