package dev.jbuild.core.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image manifest, OCI ({@link MediaTypes#OCI_MANIFEST}) or Docker v2 schema 2
 * ({@link MediaTypes#DOCKER_MANIFEST}); both have the same shape.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Manifest(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("config") Descriptor config,
    @JsonProperty("layers") List<Descriptor> layers,
    @JsonProperty("annotations") Map<String, String> annotations) {

  public Manifest {
    Objects.requireNonNull(config, "config");
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    if (schemaVersion != 2) {
      throw new IllegalArgumentException("unsupported manifest schemaVersion " + schemaVersion);
    }
  }

  public Manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    this(2, mediaType, config, layers, Map.of());
  }
}
